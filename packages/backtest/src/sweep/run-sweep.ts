// `pnpm sweep` without the command line (main thread): each combination the search picks is one task on a piscina
// pool, results stream back as they finish, and the rows are ranked on in-sample net PnL only, so the out-of-sample
// columns stay an honest check of each row.

import { availableParallelism } from 'node:os';
import Big from 'big.js';
import { Piscina } from 'piscina';
import { readDataSpan } from '../recording/backtest-data.js';
import { gridPoints, pointArgs, type GridAxis } from './grid-spec.js';
import { halvingCostInRuns, halvingRounds, plannedRuns, sampleIndices, type HalvingRound, type SearchSpec } from './search-plan.js';
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
  /** Every combination (the default), a seeded sample, or successive halving. */
  readonly search?: SearchSpec;
  /** Where the runs go: a piscina pool of `threads` threads by default, or a job queue (queue-runner.ts). */
  readonly runner?: SweepTaskRunner;
  /**
   * Called as each run finishes, in completion order; `round` is set for a halving round short of the last, whose
   * run covers only the start of the data (its whole-run figures are what it is judged on).
   */
  readonly onResult?: (done: number, total: number, point: GridPoint, result: SweepTaskResult, round: RoundInfo | null) => void;
}

/** Runs one sweep task somewhere and gives its result (a failure as a value); closed once the sweep is over. */
export interface SweepTaskRunner {
  run(task: SweepTask): Promise<SweepTaskResult>;
  close(): Promise<void>;
}

/** The local runner: a piscina pool of `threads` worker threads, every task queued at once. */
export function localPoolRunner(threads: number): SweepTaskRunner {
  const pool = new Piscina<SweepTask, SweepTaskResult>({
    filename: new URL('./sweep-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // Every combination is queued at once (the default unbounded queue: tasks are small objects, runs are long).
    idleTimeout: 1_000,
  });
  return { run: (task) => pool.run(task), close: () => pool.destroy() };
}

export interface RoundInfo {
  /** 1-based. */
  readonly round: number;
  readonly rounds: number;
  readonly windowFraction: number;
  readonly toMs: number;
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
  const search = options.search ?? { kind: 'grid' };
  const total = plannedRuns(search, points.length);
  const runner = options.runner ?? localPoolRunner(threads);
  let done = 0;
  /** Runs the combinations at `indices` (up to `round.toMs` when given); results in the order of `indices`. */
  const runAll = (indices: readonly number[], round: RoundInfo | null): Promise<SweepTaskResult[]> =>
    Promise.all(
      indices.map(async (index) => {
        const toMs = round === null ? options.toMs : round.toMs;
        const result = await runner.run({
          index,
          data: options.data,
          configDir: options.configDir,
          env: options.env,
          argv: [...options.baseArgv, ...pointArgs(options.axes, points[index] as GridPoint)],
          ...(options.fromMs === undefined ? {} : { fromMs: options.fromMs }),
          ...(toMs === undefined ? {} : { toMs }),
        });
        done++;
        options.onResult?.(done, total, points[index] as GridPoint, result, round);
        return result;
      }),
    );
  try {
    let results: SweepTaskResult[];
    let searchText: string;
    if (search.kind === 'halving') {
      const halving = await runHalving(options, search, points.length, runAll);
      results = halving.results;
      searchText = halving.text;
    } else {
      const indices = search.kind === 'random' ? sampleIndices(points.length, search.budget, search.seed) : points.map((_, i) => i);
      results = await runAll(indices, null);
      searchText =
        search.kind === 'random'
          ? `random: ${indices.length} of ${points.length} combinations (seed ${search.seed})`
          : `grid: all ${points.length} combinations`;
    }
    return rankResults(points, results, {
      data: options.data,
      combinations: points.length,
      threads,
      wallMs: performance.now() - startedAt,
      inSampleFraction: options.inSampleFraction,
      search: searchText,
      runs: done,
    });
  } finally {
    await runner.close();
  }
}

/**
 * Successive halving: each round but the last runs its candidates on the start of the in-sample span and keeps the
 * best ceil(n / eta) by the net PnL of that stretch (a failed run is never kept); the last runs on the whole data.
 */
async function runHalving(
  options: SweepOptions,
  search: Extract<SearchSpec, { kind: 'halving' }>,
  total: number,
  runAll: (indices: readonly number[], round: RoundInfo | null) => Promise<SweepTaskResult[]>,
): Promise<{ results: SweepTaskResult[]; text: string }> {
  let candidates = sampleIndices(total, search.budget ?? total, search.seed);
  const rounds = halvingRounds(candidates.length, search.eta);
  const span = rounds.length > 1 ? await readDataSpan(options.data, options.fromMs, options.toMs) : null;
  const text = halvingText(rounds, candidates.length, total, search, options.inSampleFraction);
  // A combination that failed in an early round is reported with the rest, never silently dropped.
  const failed: SweepTaskResult[] = [];
  for (const [index, round] of rounds.entries()) {
    if (round.last || span === null) return { results: [...failed, ...(await runAll(candidates, null))], text };
    const splitMs = span.startMs + (span.endMs - span.startMs) * options.inSampleFraction;
    const toMs = Math.floor(span.startMs + (splitMs - span.startMs) * round.windowFraction);
    const results = await runAll(candidates, { round: index + 1, rounds: rounds.length, windowFraction: round.windowFraction, toMs });
    failed.push(...results.filter((result) => !result.ok));
    const next = rounds[index + 1] as HalvingRound;
    candidates = results
      .filter((result): result is Extract<SweepTaskResult, { ok: true }> => result.ok)
      .sort((a, b) => new Big(b.whole.netPnl).cmp(a.whole.netPnl) || a.index - b.index)
      .slice(0, next.candidates)
      .map((result) => result.index)
      .sort((a, b) => a - b);
    if (candidates.length === 0) return { results: failed, text };
  }
  throw new Error('halving ended without a last round');
}

function halvingText(
  rounds: readonly HalvingRound[],
  starting: number,
  total: number,
  search: { eta: number; seed: number },
  inSampleFraction: number,
): string {
  const counts = rounds.map((round) => round.candidates).join(' → ');
  const runs = rounds.reduce((sum, round) => sum + round.candidates, 0);
  const sample = starting < total ? `${starting} of ${total} combinations (seed ${search.seed})` : `all ${total} combinations`;
  const cost = halvingCostInRuns(rounds, inSampleFraction).toFixed(1);
  return `successive halving, eta ${search.eta}: ${sample}, ${counts}; ${runs} runs, the replay time of ${cost} whole-data runs`;
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
