import { describe, expect, it } from '@jest/globals';
import { OrderLinkIds } from './order-link-ids.js';

describe('OrderLinkIds', () => {
  it('issues deterministic, unique ids of at most 36 characters', () => {
    const ids = new OrderLinkIds('run42');
    expect(ids.next(3, 'e')).toBe('run42-3-1-e');
    expect(ids.next(3, 'x')).toBe('run42-3-2-x');
    expect(new OrderLinkIds('run42').next(3, 'e')).toBe('run42-3-1-e');
    const longest = new OrderLinkIds('abcdefghijkl').next(-2147483648, 'e');
    expect(longest.length).toBeLessThanOrEqual(36);
  });

  it('refuses a prefix Bybit would not accept or that leaves no room', () => {
    expect(() => new OrderLinkIds('')).toThrow(RangeError);
    expect(() => new OrderLinkIds('a-b')).toThrow(RangeError);
    expect(() => new OrderLinkIds('abcdefghijklm')).toThrow(RangeError);
  });
});
