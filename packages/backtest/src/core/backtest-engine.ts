// The engine's four runtimes wired for a replay (backtest thread): the same ScanLoop, MarketDataRuntime,
// StrategyRunner and ExecutionService the workers run, with the replay's clock, the in-process venue's REST and the
// latency model in place of sockets and threads. Only what stands in for the wire lives here.

import { BybitRestClient, BybitRestTransport, classifyWsFrame, type HttpSend, type WsDataFrame } from '@scalper/bybit';
import { ExecutionService, silentLogger, type ExecutionLogger, type ExecutionToStrategy } from '@scalper/execution';
import { MarketDataRuntime } from '@scalper/market-data';
import type { EngineConfig, ExecutionMessage, OrderCommand, RuntimeClock } from '@scalper/protocol';
import { ScanLoop, type ScanInput } from '@scalper/scanner';
import { strategyParamsFrom, StrategyRunner, type DecisionTrigger } from '@scalper/strategy';
import type { DelayLine } from './delay-line.js';
import type { EventQueue } from './event-queue.js';

export interface BacktestEngineOptions {
  readonly config: EngineConfig;
  readonly queue: EventQueue;
  /** The replay's time; may carry latency fractions (the order of events stays exact). */
  readonly clockMs: () => number;
  readonly ring: SharedArrayBuffer;
  /** The in-process venue's REST, and the backtest account's key there. */
  readonly http: HttpSend;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Strategy to venue: the order latency. */
  readonly toVenue: DelayLine;
  /** Venue to engine: REST answers and private frames. */
  readonly toEngine: DelayLine;
  /** The recorded tickers and the instruments' rules, for a scan. */
  readonly scanInput: () => ScanInput;
  /** instruments-info items of one symbol ([] when the recording has none). */
  readonly instrumentItems: (symbol: string) => readonly unknown[];
  /** The newest depth-1 book frame of a symbol, which a venue sends a new subscriber. */
  readonly lastBookFrame: (symbol: string) => WsDataFrame | undefined;
  readonly onDecision: (action: OrderCommand, tsMs: number, trigger: DecisionTrigger) => void;
  /** Every action strategy sends, as it leaves (the report's ledger names closes by their reason). */
  readonly onAction: (action: ExecutionMessage) => void;
  readonly logger?: ExecutionLogger;
}

/** Backoff passes no market time in a replay (see the README's limits). */
const noWait = (): Promise<void> => Promise.resolve();

export class BacktestEngine {
  readonly scanner: ScanLoop;
  readonly marketData: MarketDataRuntime;
  readonly strategy: StrategyRunner;
  readonly execution: ExecutionService;
  /** The public topics subscribed: a socket delivers only those. */
  private readonly topics = new Set<string>();
  /** True while a private frame is handled: its feedback has already travelled, so it reaches strategy at once. */
  private inPrivateFrame = false;

  constructor(private readonly options: BacktestEngineOptions) {
    const { config, queue, clockMs } = options;
    const logger = options.logger ?? silentLogger;
    const every = (periodMs: number, task: () => Promise<void> | void): (() => void) => queue.repeat(clockMs() + periodMs, periodMs, clockMs, task);
    // Whole milliseconds for execution, as Date.now() gives it live (a signed timestamp must be an integer).
    const clock: RuntimeClock = { now: () => Math.floor(clockMs()), sleep: noWait, every };

    this.strategy = new StrategyRunner(strategyParamsFrom(config, 'bt'), options.ring, {
      now: clockMs,
      toExecution: (action) => {
        options.onAction(action);
        options.toVenue.send(clockMs(), () => this.execution.submit(action));
      },
      onDecision: options.onDecision,
    });
    this.marketData = new MarketDataRuntime(options.ring, {
      now: clockMs,
      logger,
      stream: {
        subscribe: (topics) => {
          for (const topic of topics) this.topics.add(topic);
          // The venue sends a new subscriber the book as it is now: right after the subscribe, stamped then.
          for (const topic of topics) queue.schedule(clockMs(), () => this.sendSnapshot(topic));
        },
        unsubscribe: (topics) => {
          for (const topic of topics) this.topics.delete(topic);
        },
      },
      instruments: options.instrumentItems,
      // Strategy drains the ring right after each frame, as the live one is woken by it.
      onRingWrites: () => void this.strategy.drain(Number.POSITIVE_INFINITY),
      toStrategy: (message) => this.strategy.receive(message),
      toScanner: (message) => {
        if (message.type === 'SwitchCompleted') this.scanner.onSwitchCompleted(message);
        else if (message.type === 'SwitchFailed') this.scanner.onSwitchFailed(message);
        else this.scanner.onMarketDataOn(message);
      },
    });
    const transport = new BybitRestTransport({
      baseUrl: 'http://backtest.invalid',
      credentials: { apiKey: options.apiKey, apiSecret: options.apiSecret },
      recvWindowMs: config.venue.recvWindowMs,
      maxRetries: 0,
      now: clock.now,
      sleep: noWait,
      http: options.http,
    });
    // No scheduled reconciles: they guard against a live stream's lost updates, which a replay cannot lose.
    this.execution = new ExecutionService(
      { ...config, execution: { ...config.execution, reconcileIntervalMs: 0 } },
      {
        client: new BybitRestClient(transport),
        clock,
        // Strategy stamps its orders with the replay's clock, latency fractions and all.
        localNow: clockMs,
        logger,
        toStrategy: (messages) => this.toStrategy(messages),
        // A halt's flatten is an event of its own, so the replay waits for it before time moves on.
        startNow: (task) => queue.schedule(clockMs(), task),
      },
    );
    this.scanner = new ScanLoop(config.scanner, {
      clock,
      logger,
      fetch: options.scanInput,
      switchSymbol: (decision) => this.marketData.switchSymbol(decision),
    });
  }

  /** The replay begins: the public socket is open from the first frame on, and execution learns the account. */
  start(): Promise<void> {
    this.marketData.onConnectionState('open');
    return this.execution.start();
  }

  /** A recorded public frame: only a subscribed topic's frames reach market-data, as on a socket. */
  onPublicFrame(frame: WsDataFrame): void {
    if ((frame.kind === 'trade' || frame.kind === 'orderbook') && this.topics.has(frame.topic))
      this.marketData.onFrame(frame, this.options.clockMs());
  }

  /** A private frame text from the venue, at the time the engine receives it. */
  onPrivateFrame(text: string): void {
    const frame = classifyWsFrame(text);
    if (frame.kind !== 'order' && frame.kind !== 'execution' && frame.kind !== 'position' && frame.kind !== 'wallet') return;
    this.inPrivateFrame = true;
    try {
      this.execution.onPrivateFrame(frame);
    } finally {
      this.inPrivateFrame = false;
    }
  }

  private toStrategy(messages: readonly ExecutionToStrategy[]): void {
    if (messages.length === 0) return;
    if (this.inPrivateFrame) {
      for (const message of messages) this.strategy.receive(message);
      return;
    }
    // A REST answer travels back as the stream does; a position the stream reported meanwhile makes its report stale.
    this.options.toEngine.send(this.options.clockMs(), () => {
      for (const message of this.execution.core.withoutSuperseded(messages)) this.strategy.receive(message);
    });
  }

  private sendSnapshot(topic: string): void {
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    const frame = this.options.lastBookFrame(symbol);
    const now = this.options.clockMs();
    // Stamped now: the recorded top may be minutes old.
    if (frame !== undefined && frame.kind === 'orderbook' && topic === frame.topic && this.topics.has(topic)) {
      this.marketData.onFrame({ ...frame, action: 'snapshot', tsMs: now, ctsMs: now }, now);
    }
  }
}
