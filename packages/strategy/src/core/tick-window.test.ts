import { describe, expect, it } from '@jest/globals';
import { TickWindow } from './tick-window.js';

describe('TickWindow', () => {
  it('computes the volume-weighted average price of the trades it holds', () => {
    const window = new TickWindow(4);
    window.push(10, 1);
    window.push(20, 3);
    expect(window.count).toBe(2);
    expect(window.isFull).toBe(false);
    expect(window.last).toBe(20);
    expect(window.vwap()).toBeCloseTo((10 + 60) / 4, 12);
  });

  it('keeps only the last capacity trades', () => {
    const window = new TickWindow(3);
    for (const price of [100, 1, 2, 3]) window.push(price, 1);
    expect(window.count).toBe(3);
    expect(window.isFull).toBe(true);
    expect(window.vwap()).toBeCloseTo(2, 12);
    expect(window.last).toBe(3);
  });

  it('stays within float noise of an exact recomputation after a million pushes', () => {
    const window = new TickWindow(20);
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const recent: Array<[number, number]> = [];
    for (let i = 0; i < 1_000_000; i++) {
      const price = 30_000 + random() * 100;
      const size = 0.001 + random() * 50;
      window.push(price, size);
      recent.push([price, size]);
      if (recent.length > 20) recent.shift();
    }
    const exact = recent.reduce((sum, [p, s]) => sum + p * s, 0) / recent.reduce((sum, [, s]) => sum + s, 0);
    expect(Math.abs(window.vwap() - exact) / exact).toBeLessThan(1e-12);
  });

  it('forgets everything on reset', () => {
    const window = new TickWindow(2);
    window.push(5, 1);
    window.push(6, 1);
    window.reset();
    expect(window.count).toBe(0);
    expect(window.vwap()).toBeNaN();
    expect(window.last).toBeNaN();
    window.push(7, 2);
    expect(window.vwap()).toBe(7);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new TickWindow(0)).toThrow(RangeError);
    expect(() => new TickWindow(2.5)).toThrow(RangeError);
  });
});
