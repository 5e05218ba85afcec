// Drives the live ExecutionCore in a backtest (backtest thread): signed REST through the in-process venue, private
// frames parsed by the same classifier, account set-up once per symbol, one message at a time, and the risk halt's
// flatten, as the execution worker does them. Time is the replay's; waits (backoff) pass no time.

import { BybitRestClient, BybitRestTransport, classifyWsFrame, type HttpSend } from '@scalper/bybit';
import { ExecutionCore, SymbolSetups, type ExecutionFeedback, type ExecutionLogger } from '@scalper/execution';
import type { EngineConfig, ExecutionMessage, Symbol } from '@scalper/protocol';

export interface ExecutionDriverOptions {
  readonly config: EngineConfig;
  readonly http: HttpSend;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly now: () => number;
  /** REST answers' feedback for strategy, as the worker forwards it (the driver's owner adds the latency). */
  readonly toStrategy: (messages: readonly ExecutionFeedback[]) => void;
  /** A risk limit halted trading: the owner tells strategy (TradingHalted) and the driver flattens. */
  readonly onHalt: (reason: string, untilMs: number | null) => void;
  /** The execution core's log lines (default: none); `pnpm backtest -- --log` prints them. */
  readonly logger?: ExecutionLogger;
}

/** Backoff passes no market time in a replay (see the README's limits). */
const noWait = (): Promise<void> => Promise.resolve();

export class ExecutionDriver {
  readonly core: ExecutionCore;
  private readonly setups: SymbolSetups;

  constructor(private readonly options: ExecutionDriverOptions) {
    const { config } = options;
    const transport = new BybitRestTransport({
      baseUrl: 'http://backtest.invalid',
      credentials: { apiKey: options.apiKey, apiSecret: options.apiSecret },
      recvWindowMs: config.venue.recvWindowMs,
      maxRetries: 0,
      now: options.now,
      sleep: noWait,
      http: options.http,
    });
    const client = new BybitRestClient(transport);
    this.setups = new SymbolSetups(client, config.execution.leverage);
    this.core = new ExecutionCore({
      client,
      now: options.now,
      sleep: noWait,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      retry: { maxRetries: config.execution.maxRetries, baseDelayMs: config.execution.retryBaseDelayMs, maxDelayMs: config.execution.retryMaxDelayMs },
      risk: {
        maxPositionNotionalUsd: config.risk.maxPositionNotionalUsd,
        maxDailyLossUsd: config.risk.maxDailyLossUsd,
        maxOrdersPerMinute: config.risk.maxOrdersPerMinute,
      },
      onRiskHalt: (halt) => options.onHalt(halt.reason, halt.untilDay === null ? null : halt.untilDay * 86_400_000),
    });
  }

  /** One message from strategy, at the time the venue receives it. */
  async handle(message: ExecutionMessage): Promise<void> {
    if (message.type === 'PlaceOrder' && !(await this.prepare(message.order.symbol))) {
      this.options.toStrategy([{ type: 'OrderDenied', orderLinkId: message.order.orderLinkId, reason: 'account set-up failed', tsEventMs: this.options.now() }]);
      return;
    }
    const handled = await this.core.handle(message);
    if (!handled.outcome.result.ok) {
      this.options.logger?.warn({ message: message.type, error: handled.outcome.result.error }, 'execution outcome');
    }
    this.options.toStrategy(handled.toStrategy);
  }

  /** A private frame text from the venue, at the time the engine receives it: strategy hears the result at once. */
  onPrivateFrame(text: string): readonly ExecutionFeedback[] {
    const frame = classifyWsFrame(text);
    if (frame.kind === 'order' || frame.kind === 'execution' || frame.kind === 'position' || frame.kind === 'wallet') {
      return this.core.onPrivateFrame(frame);
    }
    return [];
  }

  /** The halt's flatten: cancel working orders and close every open position, as the worker's flattenAll. */
  async flattenAll(reason: string): Promise<void> {
    const symbols = new Set<Symbol>([...this.setups.symbols(), ...this.core.openPositionSymbols()]);
    for (const symbol of symbols) {
      const { closed } = await this.core.cancelAndClose(symbol, reason, true);
      if (closed !== null) this.options.toStrategy(closed.toStrategy);
    }
  }

  /** One-way mode and leverage before a symbol's first order (the worker's SymbolSetups); false when the venue refused them. */
  private async prepare(symbol: Symbol): Promise<boolean> {
    try {
      await this.setups.prepare(symbol);
      return true;
    } catch (error) {
      this.options.logger?.error({ symbol, error: (error as Error).message }, 'account set-up failed');
      return false;
    }
  }
}
