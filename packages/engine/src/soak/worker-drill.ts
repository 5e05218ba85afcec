// The soak's worker kills (main thread): one worker at a time is ended the way a crash would end it, and the drill
// measures how soon trading resumes, from the kill to new ticks of the traded symbol reaching strategy with
// market-data on that same symbol.

import type { WorkerName } from '@scalper/protocol';
import type { RunningEngine } from '../runtime/engine-runner.js';

/** The order the soak kills workers in, round and round. */
export const drillOrder: readonly WorkerName[] = ['market-data', 'strategy', 'execution', 'scanner'];

export interface RestartResume {
  readonly worker: WorkerName;
  /** From the kill to ticks of the traded symbol at strategy again; null when that took longer than the limit. */
  readonly resumedMs: number | null;
  /** Whether it resumed on the symbol traded before the kill (the scanner may have moved on meanwhile). */
  readonly sameSymbol: boolean;
}

const pollMs = 50;

export async function killAndWatchResume(engine: RunningEngine, worker: WorkerName, limitMs: number): Promise<RestartResume> {
  const before = await engine.supervisor.stats();
  const symbol = String(before.strategy['symbol'] ?? '');
  // A restarted strategy counts its ticks from 0.
  const floor = worker === 'strategy' ? 0 : Number(before.strategy['ticks'] ?? 0);
  const killedAt = performance.now();
  await engine.supervisor.kill(worker);
  for (;;) {
    const elapsed = performance.now() - killedAt;
    if (elapsed > limitMs) return { worker, resumedMs: null, sameSymbol: false };
    const stats = await engine.supervisor.stats();
    const trading = String(stats.strategy['symbol'] ?? '');
    if (trading !== '' && trading === String(stats['market-data']['symbol'] ?? '') && Number(stats.strategy['ticks'] ?? 0) > floor) {
      return { worker, resumedMs: performance.now() - killedAt, sameSymbol: trading === symbol };
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
