// `pnpm sweep` without the command line (main thread): every grid combination is one task on a piscina pool,
// results stream back as they finish, and the rows are ranked on in-sample net PnL only, so the out-of-sample
// columns stay an honest check of each row.

import { availableParallelism } from 'node:os';
import Big from 'big.js';
import { Piscina } from 'piscina';
import { gridPoints, pointArgs, type GridAxis } from './grid-spec.js';
import type { SweepTask, SweepTaskResult } from './sweep-task.js';
import type { GridPoint, SweepMeta, SweepRow } from './sweep-types.js';

export interface SweepOptions {
  readonly data: string;
  readonly axes: readonly GridAxis[];
  readonly configDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Config arguments every combination shares (given on the command line besides the grid). */
  readonly baseArgv: readonly string[];
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Worker threads; 0 = one per core (os.availableParallelism()). */
  readonly threads: number;
  readonly inSampleFraction: number;
  /** Called as each combination finishes, in completion order. */
  readonly onResult?: (done: number, total: number, point: GridPoint, result: SweepTaskResult) => void;
}

export interface SweepFailure {
  readonly params: GridPoint;
  readonly error: { readonly code: string; readonly message: string };
}

export interface SweepOutcome {
  readonly rows: readonly SweepRow[];
  readonly failures: readonly SweepFailure[];
  readonly meta: SweepMeta;
}

export function resolveThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`sweep threads must be a whole number of at least 0, got ${threads}`);
  return threads === 0 ? availableParallelism() : threads;
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const startedAt = performance.now();
  const threads = resolveThreads(options.threads);
  const points = gridPoints(options.axes);
  const tasks: SweepTask[] = points.map((point, index) => ({
    index,
    data: options.data,
    configDir: options.configDir,
    env: options.env,
    argv: [...options.baseArgv, ...pointArgs(options.axes, point)],
    ...(options.fromMs === undefined ? {} : { fromMs: options.fromMs }),
    ...(options.toMs === undefined ? {} : { toMs: options.toMs }),
  }));
  const pool = new Piscina<SweepTask, SweepTaskResult>({
    filename: new URL('./sweep-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // Every combination is queued at once (the default unbounded queue: tasks are small objects, runs are long).
    idleTimeout: 1_000,
  });
  let done = 0;
  try {
    const results = await Promise.all(
      tasks.map(async (task) => {
        const result = await pool.run(task);
        done++;
        options.onResult?.(done, tasks.length, points[task.index] as GridPoint, result);
        return result;
      }),
    );
    return rankResults(points, results, {
      data: options.data,
      combinations: points.length,
      threads,
      wallMs: performance.now() - startedAt,
      inSampleFraction: options.inSampleFraction,
    });
  } finally {
    await pool.destroy();
  }
}

/** Rows ranked by in-sample net PnL (ties: grid order), and the combinations that failed. */
function rankResults(
  points: readonly GridPoint[],
  results: readonly SweepTaskResult[],
  meta: Omit<SweepMeta, 'splitMs' | 'startMs' | 'endMs'>,
): SweepOutcome {
  const failures: SweepFailure[] = [];
  const ok: Extract<SweepTaskResult, { ok: true }>[] = [];
  for (const result of results) {
    if (result.ok) ok.push(result);
    else failures.push({ params: points[result.index] as GridPoint, error: result.error });
  }
  ok.sort((a, b) => new Big(b.inSample.netPnl).cmp(a.inSample.netPnl) || a.index - b.index);
  const rows: SweepRow[] = ok.map((result, i) => ({
    rank: i + 1,
    params: points[result.index] as GridPoint,
    inSample: result.inSample,
    outOfSample: result.outOfSample,
  }));
  const first = ok[0];
  return {
    rows,
    failures,
    meta: { ...meta, splitMs: first?.splitMs ?? 0, startMs: first?.whole.startMs ?? 0, endMs: first?.whole.endMs ?? 0 },
  };
}
