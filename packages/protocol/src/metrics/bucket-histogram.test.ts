import { describe, expect, it } from '@jest/globals';
import { BucketHistogram } from './bucket-histogram.js';

describe('BucketHistogram', () => {
  it('counts each duration in the first bucket whose bound it does not pass, with +Inf last', () => {
    const histogram = new BucketHistogram([0.001, 0.01]);
    for (const ms of [0.5, 1, 1.5, 10, 11, 5_000]) histogram.recordMs(ms);
    expect(histogram.snapshot()).toEqual({ bounds: [0.001, 0.01], counts: [2, 2, 2], sumSeconds: 5.024, count: 6 });
  });

  it('ignores negative, NaN and infinite durations rather than bending the figures', () => {
    const histogram = new BucketHistogram([0.001]);
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) histogram.recordMs(ms);
    expect(histogram.snapshot().count).toBe(0);
  });
});
