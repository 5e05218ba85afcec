import { describe, expect, it } from '@jest/globals';
import { OrderPathRehearsal, warmOrderPath } from './warm-up.js';

describe('warmOrderPath', () => {
  it('validates and signs every made-up order (market and PostOnly, both sides) without sending anything', () => {
    expect(warmOrderPath(40, 1_700_000_000_000)).toBe(40);
  });
});

describe('OrderPathRehearsal', () => {
  it('validates and builds both requests of made-up orders a few at a time, as often as asked', () => {
    const rehearsal = new OrderPathRehearsal();
    for (let i = 0; i < 500; i++) expect(rehearsal.run(2, 1_700_000_000_000 + i)).toBe(2);
  });
});
