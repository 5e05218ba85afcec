// How a sweep searches the grid (main thread, pure): every combination, a seeded random sample of them, or
// successive halving (every candidate on a short stretch of the in-sample data, the best 1/eta of them on a stretch
// eta times longer, and so on until the last few run on the whole data). Nothing here looks past the in-sample cut
// until the last round, whose rows are ranked on their in-sample part like a full grid's.

import { SeededRandom } from '@scalper/sim-venue';

export type SearchSpec =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly budget: number; readonly seed: number }
  /** budget: how many combinations start (a seeded sample; all of them when it is at least the grid's size). */
  | { readonly kind: 'halving'; readonly eta: number; readonly budget: number | null; readonly seed: number };

export class SearchError extends Error {
  override readonly name = 'SearchError';
}

export const searchKinds = ['grid', 'random', 'halving'] as const;
export const defaultHalvingEta = 3;

/** Reads --search, --budget, --eta and --seed; throws a SearchError with the reason. */
export function parseSearch(kind: string | undefined, budget: string | undefined, eta: string | undefined, seed: string | undefined): SearchSpec {
  const whole = (name: string, text: string | undefined, min: number): number | null => {
    if (text === undefined) return null;
    if (!/^\d+$/.test(text) || Number(text) < min) throw new SearchError(`--${name} must be a whole number of at least ${min}, got "${text}"`);
    return Number(text);
  };
  const chosen = kind ?? 'grid';
  if (!(searchKinds as readonly string[]).includes(chosen))
    throw new SearchError(`--search must be one of ${searchKinds.join(', ')}, got "${chosen}"`);
  const budgetValue = whole('budget', budget, 1);
  const etaValue = whole('eta', eta, 2);
  const seedValue = whole('seed', seed, 0) ?? 1;
  if (chosen === 'grid') {
    if (budgetValue !== null || etaValue !== null) throw new SearchError('--budget and --eta go with --search random or --search halving');
    return { kind: 'grid' };
  }
  if (chosen === 'random') {
    if (budgetValue === null) throw new SearchError('--search random needs --budget N (how many combinations to run)');
    if (etaValue !== null) throw new SearchError('--eta goes with --search halving');
    return { kind: 'random', budget: budgetValue, seed: seedValue };
  }
  return { kind: 'halving', eta: etaValue ?? defaultHalvingEta, budget: budgetValue, seed: seedValue };
}

/**
 * `count` distinct indices of `0..total-1`, drawn with the seed (a partial Fisher-Yates shuffle), returned in grid
 * order; every index when `count` is at least `total`.
 */
export function sampleIndices(total: number, count: number, seed: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  if (count >= total) return all;
  const random = new SeededRandom(seed);
  for (let i = 0; i < count; i++) {
    const j = i + random.nextInt(total - i);
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, count).sort((a, b) => a - b);
}

export interface HalvingRound {
  /** How many candidates run in this round. */
  readonly candidates: number;
  /** The stretch they run on, as a fraction of the in-sample span from the data's start (the last round: all of it). */
  readonly windowFraction: number;
  /** The last round runs on the whole data and gives the rows; earlier ones only choose who goes on. */
  readonly last: boolean;
}

/**
 * The rounds for `candidates` starting combinations: each keeps the best ceil(n / eta) and runs them on a stretch eta
 * times longer, up to the whole in-sample span; the last round (at most eta candidates) runs on the whole data.
 */
export function halvingRounds(candidates: number, eta: number): HalvingRound[] {
  if (!Number.isInteger(candidates) || candidates < 1) throw new RangeError(`halving needs at least one candidate, got ${candidates}`);
  if (!Number.isInteger(eta) || eta < 2) throw new RangeError(`halving's eta must be a whole number of at least 2, got ${eta}`);
  const counts = [candidates];
  while ((counts[counts.length - 1] as number) > eta) counts.push(Math.ceil((counts[counts.length - 1] as number) / eta));
  const last = counts.length - 1;
  return counts.map((count, round) => ({ candidates: count, windowFraction: round === last ? 1 : eta ** (round - last + 1), last: round === last }));
}

/** How many backtest runs a search makes for a grid of `total` combinations. */
export function plannedRuns(search: SearchSpec, total: number): number {
  if (search.kind === 'grid') return total;
  if (search.kind === 'random') return Math.min(search.budget, total);
  return halvingRounds(Math.min(search.budget ?? total, total), search.eta).reduce((sum, round) => sum + round.candidates, 0);
}

/** The replay time of a halving search in whole-data runs: a round on a stretch costs its share of the data. */
export function halvingCostInRuns(rounds: readonly HalvingRound[], inSampleFraction: number): number {
  return rounds.reduce((sum, round) => sum + round.candidates * (round.last ? 1 : round.windowFraction * inSampleFraction), 0);
}
