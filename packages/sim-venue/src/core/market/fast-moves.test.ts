import { describe, expect, it } from '@jest/globals';
import { FastMoves } from './fast-moves.js';
import { liveLikeProfile } from './market-profile.js';
import { kQuiet, kVolatile } from './regime-model.js';
import { SeededRandom } from './seeded-random.js';

const params = liveLikeProfile.fastMoves!;

/** Steps a volatile regime for `minutes` at 20 ms and returns each move's size and direction. */
function moves(
  regime: number,
  minutes: number,
  dailyVolatility = params.referenceDailyVolatility,
): { size: number; direction: number; durationMs: number }[] {
  const fast = new FastMoves(params, dailyVolatility, new SeededRandom(6));
  const out: { size: number; direction: number; durationMs: number }[] = [];
  for (let t = 20; t <= minutes * 60_000; t += 20) {
    fast.step(t, 0.02, regime, 1);
    const size = fast.takeStarted();
    if (size > 0) out.push({ size, direction: fast.direction(t), durationMs: fast.durationMs });
  }
  return out;
}

describe('fast moves', () => {
  it('come at the volatile regime rate, 0.3-2 % within seconds, mostly with the drift', () => {
    const found = moves(kVolatile, 600);
    // The regime's rate, less the little time a move is already running (no two at once).
    const expected = params.perMinute[kVolatile] * 600 * (1 - (params.perMinute[kVolatile] * params.medianDurationMs) / 60_000);
    expect(found.length).toBeGreaterThan(0.85 * expected);
    expect(found.length).toBeLessThan(1.15 * expected);
    for (const move of found) {
      expect(move.size).toBeGreaterThanOrEqual(params.minPercent / 100 - 1e-12);
      expect(move.size).toBeLessThanOrEqual(params.maxPercent / 100 + 1e-12);
      expect(move.durationMs).toBeGreaterThanOrEqual(params.minDurationMs);
      expect(move.durationMs).toBeLessThanOrEqual(params.maxDurationMs);
    }
    const withDrift = found.filter((move) => move.direction === 1).length / found.length;
    expect(withDrift).toBeGreaterThan(0.55);
    expect(withDrift).toBeLessThan(0.75);
    // Heavy-tailed sizes: most near the minimum, a few near the cap.
    expect(found.filter((move) => move.size >= 0.01).length).toBeGreaterThan(0);
    expect(found.filter((move) => move.size < 0.006).length / found.length).toBeGreaterThan(0.7);
  });

  it('are rare in quiet spells and smaller on a coin that moves less', () => {
    expect(moves(kQuiet, 600).length).toBeLessThan(moves(kVolatile, 600).length / 5);
    const btcLike = moves(kVolatile, 120, 0.025);
    expect(Math.max(...btcLike.map((move) => move.size))).toBeLessThanOrEqual(
      (params.maxPercent / 100) * (0.025 / params.referenceDailyVolatility) + 1e-12,
    );
  });

  it('move the mid by the whole move over its duration, whatever the step length, then give part of it back', () => {
    const fast = new FastMoves(params, params.referenceDailyVolatility, new SeededRandom(9));
    let t = 0;
    while (fast.takeStarted() === 0) fast.step((t += 20), 0.02, kVolatile, 1);
    const start = t;
    const size = Math.exp(fast.logMoveBetween(start, start + fast.durationMs)) - 1;
    let stepped = 0;
    for (let at = start; at < start + fast.durationMs; at += 7) stepped += fast.logMoveBetween(at, Math.min(at + 7, start + fast.durationMs));
    expect(Math.abs(size)).toBeGreaterThanOrEqual(params.minPercent / 100 - 1e-9);
    expect(Math.exp(stepped) - 1).toBeCloseTo(size, 10);
    // Then it gives back 20-70 % of the run within 30 s, and nothing more after that.
    const end = start + fast.durationMs;
    const back = fast.logMoveBetween(end, end + params.retraceMs[1]);
    const run = Math.log(1 + size);
    expect(-back / run).toBeGreaterThanOrEqual(params.retraceShare[0] - 1e-9);
    expect(-back / run).toBeLessThanOrEqual(params.retraceShare[1] + 1e-9);
    expect(fast.logMoveBetween(end + params.retraceMs[1], end + 10 * params.retraceMs[1])).toBe(0);
  });
});
