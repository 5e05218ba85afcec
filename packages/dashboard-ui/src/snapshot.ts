// What the engine's main thread streams to the dashboard page (server-sent events, a few a second), and the page
// renders: one self-contained view of the engine, so a page that reconnects needs nothing older. Types only.

/** One of the scanner's best five, best first. */
export interface RankedSymbol {
  readonly symbol: string;
  readonly score: number;
  readonly boosted: boolean;
}

/** The traded symbol's price, sampled at each update (never per tick): the chart's line. */
export interface PricePoint {
  /** Seconds since the epoch (the chart's time scale). */
  readonly time: number;
  readonly price: number;
}

export interface PositionView {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly size: string;
  readonly entryPrice: string;
  /** The stop the strategy watches (and the venue holds), and the take-profit; null when not armed. */
  readonly stopPrice: number | null;
  readonly takeProfitPrice: number | null;
}

export interface OpenOrderView {
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: string;
  readonly orderType: string;
  readonly status: string;
  readonly qty: string;
  readonly filled: string;
}

export interface WorkerView {
  readonly worker: string;
  /** running, starting, failed…; 'unresponsive' when it did not answer. */
  readonly state: string;
  readonly detail: string;
  /** Event-loop delay, ms (how late the thread answers anything). */
  readonly loopP50Ms: number | null;
  readonly loopP99Ms: number | null;
}

/** A round trip from the journal (money as exact decimal text). */
export interface TripView {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly qty: string;
  readonly entryPrice: string;
  readonly exitPrice: string;
  readonly openedAtMs: number;
  readonly closedAtMs: number;
  readonly exitReason: string;
  readonly netPnl: string;
}

/** The day's equity curve: cumulative net PnL after each round trip closed. */
export interface EquityPoint {
  readonly time: number;
  readonly netPnl: number;
}

export interface DashboardSnapshot {
  readonly tsMs: number;
  /** 'sim', 'paper', 'testnet', 'demo', 'mainnet'. */
  readonly venue: string;
  readonly symbol: string | null;
  readonly phase: string;
  readonly feedState: string;
  readonly lastPrice: number | null;
  readonly ranking: readonly RankedSymbol[];
  /** The traded symbol's recent prices (the whole window on the first message after a connect, then the new ones). */
  readonly prices: readonly PricePoint[];
  /** True when `prices` starts the chart over (a connect, a symbol switch). */
  readonly pricesReset: boolean;
  readonly position: PositionView | null;
  readonly unrealisedPnl: string;
  readonly sessionNetPnl: string;
  readonly sessionTrips: number;
  /** Realised today (UTC) as the daily-loss limit counts it, and that limit (USDT). */
  readonly dayRealisedPnl: string;
  readonly dayLossLimit: string;
  readonly openOrders: readonly OpenOrderView[];
  /** The halt in force and why; '' when trading. */
  readonly halted: string;
  readonly workers: readonly WorkerView[];
  readonly restarts: number;
  /** Frame to decision on strategy (µs). */
  readonly decisionP50Us: number | null;
  readonly decisionP99Us: number | null;
  /** From the journal: the day's last round trips (newest last) and its equity curve; null without a journal. */
  readonly trips: readonly TripView[] | null;
  readonly equity: readonly EquityPoint[] | null;
}

/** A control's answer, as the page shows it. */
export interface ControlReply {
  readonly ok: boolean;
  readonly message: string;
}

export type ControlName = 'halt' | 'close' | 'resume';
