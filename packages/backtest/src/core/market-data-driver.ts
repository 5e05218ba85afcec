// Drives the live MarketDataCore in a backtest (backtest thread): only frames of the topics it subscribed reach
// it; its ring writes are drained by the strategy right after each frame; a switch runs the core's own plan
// (unsubscribe, SymbolChanged, subscribe) and the venue's first book snapshot follows the subscribe, as live.

import type { WsDataFrame } from '@scalper/bybit';
import { MarketDataCore, scaleFromInstruments } from '@scalper/market-data';
import { TickRingProducer, type MarketDataPayloads, type Symbol } from '@scalper/protocol';
import type { StrategyDriver } from './strategy-driver.js';

/** Bybit's orderbook.1 topic of a symbol: the frame a new subscriber gets first. */
const bookTopic = (symbol: string): string => `orderbook.1.${symbol}`;

export class MarketDataDriver {
  readonly core: MarketDataCore;
  private readonly topics = new Set<string>();
  /** The last orderbook.1 frame of every symbol, as a venue would send it to a new subscriber. */
  private readonly lastBookFrame = new Map<string, WsDataFrame>();

  constructor(
    ring: SharedArrayBuffer,
    private readonly strategy: StrategyDriver,
  ) {
    this.core = new MarketDataCore(new TickRingProducer(ring), { topRefreshMs: 250 });
  }

  /** The public socket is open from the first frame on: a replay has no connection to lose. */
  open(nowMs: number): void {
    const status = this.core.onConnectionState('open', nowMs);
    if (status !== null) this.strategy.onFeedStatus(status, nowMs);
  }

  onFrame(frame: WsDataFrame, nowMs: number): void {
    if (frame.kind === 'orderbook' && frame.depth === 1) this.lastBookFrame.set(frame.symbol, frame);
    if (frame.kind !== 'trade' && frame.kind !== 'orderbook') return;
    if (!this.topics.has(frame.topic)) return;
    this.deliver(frame, nowMs);
  }

  onTimer(nowMs: number): void {
    const out = this.core.onTimer(nowMs);
    if (out.feedStatus !== null) this.strategy.onFeedStatus(out.feedStatus, nowMs);
    if (out.resync !== null) this.resubscribe(out.resync.topic, nowMs);
  }

  /**
   * The scanner's SwitchSymbol. `instrumentItems` is what instruments-info answers for the symbol. Returns false
   * when the switch failed (the scanner hears SwitchFailed).
   */
  switchTo(message: MarketDataPayloads['SwitchSymbol'], instrumentItems: readonly unknown[], nowMs: number): boolean {
    const scale = scaleFromInstruments(instrumentItems, message.symbol);
    if (!scale.ok) return false;
    const { plan, feedStatus } = this.core.onSwitchSymbol(message, scale.value, nowMs);
    if (feedStatus !== null) this.strategy.onFeedStatus(feedStatus, nowMs);
    for (const step of plan.steps) {
      if (step.kind === 'unsubscribe') for (const topic of step.topics) this.topics.delete(topic);
      else if (step.kind === 'subscribe') for (const topic of step.topics) this.topics.add(topic);
      else this.strategy.onSymbolChanged(step.payload, nowMs);
    }
    this.core.confirmSubscribed(message.symbol, nowMs);
    this.sendSnapshot(message.symbol, nowMs);
    return true;
  }

  get symbol(): Symbol | null {
    return this.core.symbol;
  }

  private resubscribe(topic: string, nowMs: number): void {
    this.core.onBookResubscribed(nowMs);
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    if (topic === bookTopic(symbol)) this.sendSnapshot(symbol, nowMs);
  }

  private sendSnapshot(symbol: string, nowMs: number): void {
    const frame = this.lastBookFrame.get(symbol);
    // The venue sends a new subscriber the book as it is now, stamped now: the recorded top may be minutes old.
    if (frame !== undefined && frame.kind === 'orderbook' && this.topics.has(bookTopic(symbol))) this.deliver({ ...frame, action: 'snapshot', tsMs: nowMs, ctsMs: nowMs }, nowMs);
  }

  private deliver(frame: WsDataFrame, nowMs: number): void {
    const out = this.core.onFrame(frame, nowMs);
    if (out.ringWrites > 0) this.strategy.drain(nowMs);
    if (out.bookTop !== null) this.strategy.onBook(out.bookTop, nowMs);
    if (out.feedStatus !== null) this.strategy.onFeedStatus(out.feedStatus, nowMs);
    if (out.resync !== null) this.resubscribe(out.resync.topic, nowMs);
  }
}
