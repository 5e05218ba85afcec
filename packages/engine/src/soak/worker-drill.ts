// The soak's worker kills (main thread): one worker at a time is ended the way a crash would end it, and the drill
// measures how long its restart took (until it answers again) and then how soon new ticks of the traded symbol
// reach strategy with market-data on that same symbol.

import type { WorkerName } from '@scalper/protocol';
import type { RunningEngine } from '../runtime/engine-runner.js';

/** The order the soak kills workers in, round and round. */
export const drillOrder: readonly WorkerName[] = ['market-data', 'strategy', 'execution', 'scanner'];

export interface RestartResume {
  readonly worker: WorkerName;
  /** From the kill to the restarted worker answering again (its start done); null if not within restartLimitMs. */
  readonly restartMs: number | null;
  /**
   * From that restart to new ticks of the traded symbol reaching strategy, with market-data on that same symbol;
   * null when that took longer than the limit.
   */
  readonly resumedMs: number | null;
  /** Whether it resumed on the symbol traded before the kill (the scanner may have moved on meanwhile). */
  readonly sameSymbol: boolean;
}

const pollMs = 50;
/** New ticks that count as flowing again: more than a ring's leftovers drained after a restart. */
const freshTicks = 10;
/** A restart longer than this counts as failed (a start retries its venue calls for a few seconds). */
const restartLimitMs = 30_000;

export async function killAndWatchResume(engine: RunningEngine, worker: WorkerName, limitMs: number): Promise<RestartResume> {
  const before = await engine.supervisor.stats();
  const symbol = String(before.strategy['symbol'] ?? '');
  const killedAt = performance.now();
  await engine.supervisor.kill(worker);
  // A worker that has not finished starting answers nothing ({}).
  let restartedAt: number | null = null;
  let floor = 0;
  while (restartedAt === null) {
    if (performance.now() - killedAt > restartLimitMs) return { worker, restartMs: null, resumedMs: null, sameSymbol: false };
    const stats = await engine.supervisor.stats();
    if (Object.keys(stats[worker]).length > 0) {
      restartedAt = performance.now();
      floor = Number(stats.strategy['ticks'] ?? 0);
    } else await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const restartMs = restartedAt - killedAt;
  for (;;) {
    if (performance.now() - restartedAt > limitMs) return { worker, restartMs, resumedMs: null, sameSymbol: false };
    const stats = await engine.supervisor.stats();
    const trading = String(stats.strategy['symbol'] ?? '');
    const agreed = trading !== '' && trading === String(stats['market-data']['symbol'] ?? '');
    if (agreed && Number(stats.strategy['ticks'] ?? 0) > floor + freshTicks) {
      return { worker, restartMs, resumedMs: performance.now() - restartedAt, sameSymbol: trading === symbol };
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** A counter read from a worker that may restart (and count from 0 again): the total over its lives. */
export class CounterAcrossRestarts {
  private base = 0;
  private last = 0;

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    if (value < this.last) this.base += this.last;
    this.last = value;
  }

  get total(): number {
    return this.base + this.last;
  }
}
