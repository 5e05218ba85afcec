import { describe, expect, it } from '@jest/globals';
import { msPerDay, RollingDay } from './rolling-day.js';

const windowMs = 20 * 60_000;

describe('rolling day', () => {
  it('reports a constant flow as that flow over a whole day', () => {
    const day = new RollingDay(windowMs, 120, 0, 100);
    for (let t = 100; t <= 3 * windowMs; t += 100) day.add(t, 5, 0.05, 100);
    expect(day.turnover24h()).toBeCloseTo(5 * msPerDay, 0);
    expect(day.volume24h()).toBeCloseTo(0.05 * msPerDay, 2);
  });

  it('counts only the last window, sliding smoothly out of the oldest bucket', () => {
    const day = new RollingDay(windowMs, 120, 0, 100);
    for (let t = 1000; t <= windowMs; t += 1000) day.add(t, 1, 0, 100);
    const full = day.turnover24h();
    let previous = full;
    // The flow stops: every further second removes about a second's worth, never a whole bucket at once.
    for (let t = windowMs + 1000; t <= windowMs + 60_000; t += 1000) {
      day.add(t, 0, 0, 100);
      const now = day.turnover24h();
      expect(previous - now).toBeGreaterThan(0);
      expect(previous - now).toBeLessThan(2 * 1000 * (msPerDay / windowMs));
      previous = now;
    }
    expect(previous).toBeCloseTo(full * (1 - 60_000 / windowMs), -3);
  });

  it('takes the mid one window ago as the reference price', () => {
    const day = new RollingDay(windowMs, 120, 0, 100);
    const midAt = (t: number): number => 100 + t / 60_000;
    for (let t = 100; t <= 2 * windowMs; t += 100) day.add(t, 1, 0.01, midAt(t));
    expect(day.referencePrice()).toBeCloseTo(midAt(windowMs), 1);
  });

  it('starts from the history it is given', () => {
    const day = new RollingDay(windowMs, 4, 0, 110);
    for (let back = 1; back <= 4; back++) day.setHistory(back, 1000, 10, 100 + back);
    // At the start the sliding bucket still counts whole: 4 buckets of 1000.
    expect(day.turnover24h()).toBeCloseTo(4000 * (msPerDay / windowMs), 6);
    expect(day.referencePrice()).toBe(104);
    expect(() => day.setHistory(5, 0, 0, 1)).toThrow(/history slot/);
  });

  it('forgets everything after a gap longer than the window', () => {
    const day = new RollingDay(windowMs, 120, 0, 100);
    day.add(60_000, 1, 0.01, 100);
    day.add(10 * windowMs, 3, 0.03, 250);
    expect(day.turnover24h()).toBeCloseTo(3 * msPerDay, 0);
    expect(day.referencePrice()).toBe(250);
  });

  it('refuses a window without length or buckets', () => {
    expect(() => new RollingDay(0, 120, 0, 1)).toThrow(/windowMs/);
    expect(() => new RollingDay(windowMs, 1, 0, 1)).toThrow(/buckets/);
  });
});
