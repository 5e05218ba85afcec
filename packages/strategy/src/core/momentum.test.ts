import { describe, expect, it } from '@jest/globals';
import { entrySide } from './entry-rules.js';
import { computeMomentum, windowMomentum } from './momentum.js';
import { TickWindow } from './tick-window.js';

describe('momentum', () => {
  it('matches the seed example: VWAP 1.000 and last 1.002 give 0.2 %, an entry above 0.1 %', () => {
    const momentum = computeMomentum(1.002, 1.0);
    expect(momentum).toBeCloseTo(0.002, 12);
    expect(entrySide(momentum, 0.001)).toBe('Buy');
  });

  it('computes the seed example over a window whose VWAP is exactly 1.000', () => {
    const window = new TickWindow(20);
    for (let i = 0; i < 18; i++) window.push(1.0, 10);
    window.push(0.998, 10);
    window.push(1.002, 10);
    expect(window.vwap()).toBeCloseTo(1.0, 12);
    expect(windowMomentum(window)).toBeCloseTo(0.002, 12);
  });

  it('is negative when the last trade is below the VWAP', () => {
    expect(computeMomentum(0.998, 1.0)).toBeCloseTo(-0.002, 12);
  });

  it('is NaN until the window is full', () => {
    const window = new TickWindow(3);
    window.push(1, 1);
    window.push(2, 1);
    expect(windowMomentum(window)).toBeNaN();
    window.push(3, 1);
    expect(windowMomentum(window)).toBeCloseTo((3 - 2) / 2, 12);
  });
});
