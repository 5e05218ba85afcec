// RehearsalPacer (Jest thread): a rehearsal is due once per period, only after a period without real work, only
// while a core is free, and never with a period of 0.

import { describe, expect, it } from '@jest/globals';
import { RehearsalPacer } from './rehearsal-pacer.js';

describe('RehearsalPacer', () => {
  it('is due once per period while idle and a core is free', () => {
    let free = true;
    const pacer = new RehearsalPacer(1, () => free);
    expect(pacer.due(10)).toBe(true);
    expect(pacer.due(10.5)).toBe(false);
    expect(pacer.due(11)).toBe(true);
    free = false;
    expect(pacer.due(13)).toBe(false);
    free = true;
    expect(pacer.due(13)).toBe(true);
    expect(pacer.rehearsals).toBe(3);
  });

  it('waits a whole period after real work', () => {
    const pacer = new RehearsalPacer(2, () => true);
    pacer.noteReal(100);
    expect(pacer.due(101.9)).toBe(false);
    expect(pacer.due(102)).toBe(true);
  });

  it('never asks for the permit when not due, and is never due with a period of 0', () => {
    let asked = 0;
    const pacer = new RehearsalPacer(0, () => {
      asked++;
      return true;
    });
    expect(pacer.due(1_000)).toBe(false);
    expect(asked).toBe(0);
    expect(pacer.rehearsals).toBe(0);
  });
});
