// Backtest equals live, the checks (test thread): an engine run as its own process makes decisions (its "strategy
// decision" log lines) and fills; a backtest of what it received must make the same decisions, and any PnL difference
// must come from fill prices. Shared by the live-replay test (sim venue) and the paper-recording test (paper venue).

import { expect } from '@jest/globals';
import Big from 'big.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BacktestResult, DecisionRecord } from '../core/backtest-types.js';

export const engineCli = fileURLToPath(new URL('../../../engine/dist/cli/main.js', import.meta.url));

export interface LiveDecision {
  readonly time: number;
  readonly action: string;
  readonly symbol: string;
  readonly order?: { symbol: string; side: string; qty: string; orderType: string; timeInForce: string; orderLinkId: string };
  readonly orderLinkId?: string;
  readonly reason?: string;
  readonly trigger: { kind: string; tsEventMs?: number; price?: string; size?: string };
}

/** One execution of the live run, from its venue or its log. */
export interface LiveFill {
  readonly orderLinkId: string;
  readonly side: string;
  readonly qty: Big;
  readonly price: Big;
  readonly fee: Big;
}

/** The engine process and its JSON log lines as they come. */
export class EngineProcess {
  readonly lines: Record<string, unknown>[] = [];
  readonly child: ChildProcess;
  private carry = '';

  /** Starts `pnpm start`'s entry with `args` and `env` (nothing of this process's SCALPER_* or BYBIT_* variables). */
  constructor(args: readonly string[], env: Readonly<Record<string, string>> = {}) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCALPER_') && !name.startsWith('BYBIT_')));
    // No journal: a test must not write into the developer's data/journal/.
    this.child = spawn(process.execPath, [engineCli, '--journal.path', '', '--metrics.listen', '', '--dashboard.listen', '', ...args], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
  }

  /** The first log line with this message whose fields match. */
  line(msg: string, fields: Readonly<Record<string, unknown>> = {}): Record<string, unknown> | undefined {
    return this.lines.find((l) => l['msg'] === msg && Object.entries(fields).every(([name, value]) => l[name] === value));
  }

  /** SIGTERM, and the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  /** pino stamps ISO times with milliseconds. */
  decisions(): LiveDecision[] {
    return this.lines
      .filter((l) => l['msg'] === 'strategy decision')
      .map((l) => ({ ...l, time: Date.parse(String(l['time'])) })) as unknown as LiveDecision[];
  }

  /** Execution's "fill" lines. */
  fills(): LiveFill[] {
    return this.lines
      .filter((l) => l['msg'] === 'fill')
      .map((l) => ({
        orderLinkId: String(l['orderLinkId']),
        side: String(l['side']),
        qty: new Big(String(l['qty'])),
        price: new Big(String(l['price'])),
        fee: new Big(String(l['fee'])),
      }));
  }

  private onStdout(chunk: Buffer): void {
    this.carry += chunk.toString('utf8');
    const lines = this.carry.split('\n');
    this.carry = lines.pop() ?? '';
    for (const line of lines) {
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line (the status line): not needed here.
      }
    }
  }
}

export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The strategy both runs use: the stop is far (2 %) so the venue's stop never fires; take-profit and time exits end
 * the trades, and the cooldowns keep re-entries off the tail of an impulse, where the exact arrival time of a fill
 * would decide the trigger.
 */
export const comparedStrategyArgs: readonly string[] = [
  '--strategy.positionSizeUsd',
  '200',
  '--strategy.minTopSize',
  '0.001',
  '--strategy.momentumThreshold',
  '0.001',
  '--strategy.stopLossPercent',
  '2',
  '--strategy.takeProfitPercent',
  '0.12',
  '--strategy.maxHoldingMs',
  '3000',
  '--strategy.cooldownAfterExitMs',
  '3000',
  '--risk.cooldownAfterStopMs',
  '3000',
];

export const comparedTakeProfitPercent = comparedStrategyArgs[comparedStrategyArgs.indexOf('--strategy.takeProfitPercent') + 1] as string;

/**
 * The venue's top coin by turnover, and a turnover floor set halfway to the next one, so only it passes and the
 * live scanner and the backtest's scanner pick the same coin.
 */
export async function onlyTopCoin(restUrl: string): Promise<{ symbol: string; args: string[] }> {
  const answer = (await (await fetch(`${restUrl}/v5/market/tickers?category=linear`)).json()) as {
    result: { list: { symbol: string; turnover24h: string }[] };
  };
  const [top, next] = [...answer.result.list].sort((a, b) => Number(b.turnover24h) - Number(a.turnover24h));
  if (top === undefined || next === undefined) throw new Error(`the venue at ${restUrl} lists fewer than two symbols`);
  const floor = new Big(top.turnover24h).plus(next.turnover24h).div(2).round(0).toString();
  return { symbol: top.symbol, args: ['--scanner.minTurnover24hUsd', floor] };
}

/** Impulses 8 s apart, up then down, after 4 s of calm: each should open one position and close it on take-profit or time. */
export async function tradeSixImpulses(impulse: (movePercent: number) => void): Promise<void> {
  await sleep(4_000);
  for (let i = 0; i < 6; i++) {
    impulse(i % 2 === 0 ? 0.5 : -0.5);
    await sleep(8_000);
  }
}

/** The facts both runs must agree on; timer-driven decisions agree on the time to within two timer periods. */
function comparable(d: {
  action: string;
  symbol: string;
  side: string | null;
  qty: string | null;
  orderType: string | null;
  timeInForce: string | null;
  reason: string | null;
  trigger: LiveDecision['trigger'];
}) {
  const trigger =
    d.trigger.kind === 'tick'
      ? { kind: 'tick', tsEventMs: d.trigger.tsEventMs, price: d.trigger.price, size: d.trigger.size }
      : { kind: d.trigger.kind };
  return {
    action: d.action,
    symbol: d.symbol,
    side: d.side,
    qty: d.qty,
    orderType: d.orderType,
    timeInForce: d.timeInForce,
    reason: d.reason,
    trigger,
  };
}

type Comparable = ReturnType<typeof comparable>;

function fromLive(d: LiveDecision): Comparable {
  return comparable({
    action: d.action,
    symbol: d.order?.symbol ?? d.symbol,
    side: d.order?.side ?? null,
    qty: d.order?.qty ?? null,
    orderType: d.order?.orderType ?? null,
    timeInForce: d.order?.timeInForce ?? null,
    reason: d.reason ?? null,
    trigger: d.trigger,
  });
}

function fromBacktest(d: DecisionRecord): Comparable {
  return comparable({ ...d, trigger: d.trigger as LiveDecision['trigger'] });
}

export interface FilledOrder {
  readonly qty: Big;
  readonly value: Big;
  readonly fee: Big;
  readonly side: string;
}

/** Each run's fills summed per decision (by its position in that run's decision list). */
export function fillsByDecision(
  live: readonly LiveDecision[],
  liveFills: readonly LiveFill[],
  replayed: BacktestResult,
): { live: Map<number, FilledOrder>; backtest: Map<number, FilledOrder> } {
  const liveIds = new Map(
    live.flatMap((d, i) => (d.order !== undefined ? [[d.order.orderLinkId, i]] : d.orderLinkId !== undefined ? [[d.orderLinkId, i]] : [])),
  );
  const backtestIds = new Map(replayed.decisions.flatMap((d, i) => (d.orderLinkId === null ? [] : [[d.orderLinkId, i]])));
  const add = (into: Map<number, FilledOrder>, index: number | undefined, side: string, qty: Big, price: Big, fee: Big): void => {
    if (index === undefined) return;
    const sum = into.get(index) ?? { qty: new Big(0), value: new Big(0), fee: new Big(0), side };
    into.set(index, { qty: sum.qty.plus(qty), value: sum.value.plus(qty.times(price)), fee: sum.fee.plus(fee), side });
  };
  const liveFilled = new Map<number, FilledOrder>();
  for (const fill of liveFills) add(liveFilled, liveIds.get(fill.orderLinkId), fill.side, fill.qty, fill.price, fill.fee);
  const backtestFilled = new Map<number, FilledOrder>();
  for (const fill of replayed.fills)
    add(backtestFilled, backtestIds.get(fill.orderLinkId), fill.side, new Big(fill.qty), new Big(fill.price), new Big(fill.fee));
  return { live: liveFilled, backtest: backtestFilled };
}

const averagePrice = (order: FilledOrder | undefined): Big | null => (order === undefined || order.qty.eq(0) ? null : order.value.div(order.qty));

/** Whether a take-profit's triggering trade reached the level set by that run's own entry fill. */
function reachedTakeProfit(
  entry: Big,
  entrySide: string,
  trigger: { readonly kind: string; readonly price?: string | undefined },
  takeProfitPercent: string,
): boolean {
  if (trigger.kind !== 'tick' || trigger.price === undefined) return false;
  const fraction = new Big(takeProfitPercent).div(100);
  const price = new Big(trigger.price);
  return entrySide === 'Buy' ? price.gte(entry.times(new Big(1).plus(fraction))) : price.lte(entry.times(new Big(1).minus(fraction)));
}

export interface SameDecisionsInput {
  readonly live: readonly LiveDecision[];
  readonly liveFills: readonly LiveFill[];
  readonly replayed: BacktestResult;
  readonly takeProfitPercent: string;
}

/**
 * Every decision is the live one, field for field, with one exception the fill model explains: when an entry
 * filled at another price (the live order took longer to reach the venue than the model's latency, and the book
 * moved meanwhile), its take-profit level differs, so its exit may come on another trade. That exit must still be
 * a take-profit, each run's on a trade that reached that run's own level; every other decision must match. Decisions
 * within 500 ms of the data's end are left out (the live engine may act on what the recording missed).
 */
export function expectSameDecisions(input: SameDecisionsInput): { compared: number; explainedByFillPrice: number } {
  const lastFrameMs = input.replayed.summary.endMs;
  const live = input.live.filter((d) => d.time <= lastFrameMs - 500);
  const liveDecisions = live.map(fromLive);
  const replayedDecisions = input.replayed.decisions.filter((d) => d.tsMs <= lastFrameMs - 500);
  const backtestDecisions = replayedDecisions.map(fromBacktest);
  expect(backtestDecisions.map((d) => d.action)).toEqual(liveDecisions.map((d) => d.action));
  const fills = fillsByDecision(input.live, input.liveFills, input.replayed);
  let explainedByFillPrice = 0;
  backtestDecisions.forEach((replayedDecision, i) => {
    const liveDecision = liveDecisions[i] as Comparable;
    const entryLive = averagePrice(fills.live.get(i - 1));
    const entryBacktest = averagePrice(fills.backtest.get(i - 1));
    const entrySide = liveDecisions[i - 1]?.side ?? '';
    const exitAfterDifferentFill =
      liveDecision.reason === 'take-profit' && entryLive !== null && entryBacktest !== null && !entryLive.eq(entryBacktest);
    if (exitAfterDifferentFill && JSON.stringify(replayedDecision) !== JSON.stringify(liveDecision)) {
      expect({ ...replayedDecision, trigger: null }).toEqual({ ...liveDecision, trigger: null });
      expect(reachedTakeProfit(entryBacktest, entrySide, replayedDecision.trigger, input.takeProfitPercent)).toBe(true);
      expect(reachedTakeProfit(entryLive, entrySide, liveDecision.trigger, input.takeProfitPercent)).toBe(true);
      explainedByFillPrice++;
      return;
    }
    expect({ i, ...replayedDecision }).toEqual({ i, ...liveDecision });
  });
  expect(explainedByFillPrice).toBeLessThanOrEqual(backtestDecisions.length / 4);
  replayedDecisions.forEach((d, i) => {
    if (d.trigger.kind !== 'tick') expect(Math.abs(d.tsMs - (live[i] as LiveDecision).time)).toBeLessThanOrEqual(250);
  });
  return { compared: backtestDecisions.length, explainedByFillPrice };
}

/** The two runs' PnL differ by exactly what their fill prices and fees explain; at least two orders filled in both. */
export function expectPnlDifferenceExplainedByFills(
  live: readonly LiveDecision[],
  liveFills: readonly LiveFill[],
  replayed: BacktestResult,
): { filledInBoth: number; differentPrices: number; pnlDifference: Big } {
  const fills = fillsByDecision(live, liveFills, replayed);
  let pnlDifference = new Big(0);
  let explained = new Big(0);
  let differentPrices = 0;
  const filledInBoth = [...fills.live.keys()].filter((index) => fills.backtest.has(index));
  expect(filledInBoth.length).toBeGreaterThanOrEqual(2);
  for (const index of filledInBoth) {
    const a = fills.live.get(index) as FilledOrder;
    const b = fills.backtest.get(index) as FilledOrder;
    expect({ index, side: b.side, qty: b.qty.toString() }).toEqual({ index, side: a.side, qty: a.qty.toString() });
    const sign = a.side === 'Buy' ? -1 : 1;
    // Cash flow of a fill: a buy pays qty x price, a sell receives it; fees are paid on both.
    pnlDifference = pnlDifference.plus(a.value.times(sign).minus(a.fee).minus(b.value.times(sign).minus(b.fee)));
    const averageLive = a.value.div(a.qty);
    const averageBacktest = b.value.div(b.qty);
    if (!averageLive.eq(averageBacktest)) differentPrices++;
    explained = explained.plus(a.qty.times(averageLive.minus(averageBacktest)).times(sign)).minus(a.fee.minus(b.fee));
  }
  expect(pnlDifference.toString()).toBe(explained.toString());
  return { filledInBoth: filledInBoth.length, differentPrices, pnlDifference };
}
