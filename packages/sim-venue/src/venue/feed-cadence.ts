// The public feed's cadence as Bybit has it (venue thread, and the offline dataset generator): when an orderbook.1
// snapshot goes out (a changed top, an unchanged one again after 3 s) with the `u` it carries, trades per frame, and
// how often tickers go out.

import type { BookLevel, SimTrade } from '../core/venue-types.js';

/** Trades per publicTrade frame: a burst becomes several frames, as on Bybit. */
export const maxTradesPerFrame = 100;
export const tickerIntervalMs = 1_000;
/** Bybit re-sends the orderbook.1 snapshot this often even when the top did not change. */
const topResendMs = 3_000;

interface TopState {
  updateId: number;
  bidPriceRaw: number;
  bidSizeRaw: number;
  askPriceRaw: number;
  askSizeRaw: number;
  sentAtMs: number;
}

function sameLevel(level: BookLevel | null, priceRaw: number, sizeRaw: number): boolean {
  return level !== null && level.priceRaw === priceRaw && level.sizeRaw === sizeRaw;
}

export interface TopToSend {
  /** Bybit's `u`: +1 per changed top. */
  readonly updateId: number;
  readonly changed: boolean;
}

export class TopOfBookCadence {
  private readonly tops = new Map<string, TopState>();

  /** `minChangeIntervalMs` 0 (the venue) sends every change; the dataset generator thins them to fit a file. */
  constructor(private readonly minChangeIntervalMs = 0) {}

  /**
   * The snapshot to send for this top now, or null when none is due. `force` (a new subscriber) always gets one;
   * the top is recorded as sent either way.
   */
  next(symbol: string, bid: BookLevel | null, ask: BookLevel | null, nowMs: number, force = false): TopToSend | null {
    let state = this.tops.get(symbol);
    const unchanged =
      state !== undefined && sameLevel(bid, state.bidPriceRaw, state.bidSizeRaw) && sameLevel(ask, state.askPriceRaw, state.askSizeRaw);
    if (!force && state !== undefined && nowMs - state.sentAtMs < (unchanged ? topResendMs : this.minChangeIntervalMs)) return null;
    if (state === undefined) {
      state = { updateId: 0, bidPriceRaw: 0, bidSizeRaw: 0, askPriceRaw: 0, askSizeRaw: 0, sentAtMs: 0 };
      this.tops.set(symbol, state);
    }
    if (!unchanged) state.updateId++;
    state.bidPriceRaw = bid?.priceRaw ?? 0;
    state.bidSizeRaw = bid?.sizeRaw ?? 0;
    state.askPriceRaw = ask?.priceRaw ?? 0;
    state.askSizeRaw = ask?.sizeRaw ?? 0;
    state.sentAtMs = nowMs;
    return { updateId: state.updateId, changed: !unchanged };
  }
}

/** Calls `visit` once per run of one symbol's trades (a step's trades come grouped by symbol), with its bounds. */
export function forEachSymbolRun(trades: readonly SimTrade[], visit: (symbol: string, start: number, end: number) => void): void {
  let start = 0;
  while (start < trades.length) {
    const symbol = (trades[start] as SimTrade).symbol;
    let end = start;
    while (end < trades.length && (trades[end] as SimTrade).symbol === symbol) end++;
    visit(symbol, start, end);
    start = end;
  }
}
