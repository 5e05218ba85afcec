import { describe, expect, it } from '@jest/globals';
import { warmOrderPath } from './warm-up.js';

describe('warmOrderPath', () => {
  it('validates and signs every made-up order (market and PostOnly, both sides) without sending anything', () => {
    expect(warmOrderPath(40, 1_700_000_000_000)).toBe(40);
  });
});
