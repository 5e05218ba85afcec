import { describe, expect, it } from '@jest/globals';
import { loopLateness } from './worker-host.js';

describe('the event-loop lag a worker reports', () => {
  it('is how late a sample ran past its 10 ms interval, not the interval itself (an idle loop is ~0, not 10 ms)', () => {
    expect(loopLateness(10_150_000)).toBeCloseTo(0.00015, 9);
    expect(loopLateness(9_990_000)).toBe(0);
    expect(loopLateness(35_000_000)).toBeCloseTo(0.025, 9);
  });
});
