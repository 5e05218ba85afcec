import { describe, expect, it } from '@jest/globals';
import { reconnectDelayMs } from './backoff.js';

const almostOne = 1 - Number.EPSILON;

describe('reconnectDelayMs', () => {
  it('draws from zero up to the base delay on the first attempt', () => {
    expect(reconnectDelayMs(0, 500, 30_000, () => 0)).toBe(0);
    expect(reconnectDelayMs(0, 500, 30_000, () => 0.5)).toBe(250);
    expect(reconnectDelayMs(0, 500, 30_000, () => almostOne)).toBe(499);
  });

  it('doubles the ceiling with every attempt', () => {
    expect(reconnectDelayMs(1, 500, 30_000, () => almostOne)).toBe(999);
    expect(reconnectDelayMs(3, 500, 30_000, () => almostOne)).toBe(3_999);
  });

  it('never exceeds the maximum delay, even after very many attempts', () => {
    expect(reconnectDelayMs(10, 500, 30_000, () => almostOne)).toBe(29_999);
    expect(reconnectDelayMs(5_000, 500, 30_000, () => almostOne)).toBe(29_999);
    expect(Number.isFinite(reconnectDelayMs(5_000, 500, 30_000, () => 0.3))).toBe(true);
  });

  it('spreads delays over the whole range with the real random source', () => {
    const delays = Array.from({ length: 200 }, () => reconnectDelayMs(2, 100, 30_000, Math.random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(400);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });
});
