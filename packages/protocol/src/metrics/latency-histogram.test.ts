import { describe, expect, it } from '@jest/globals';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reports p50, p99 and max in microseconds over every recorded sample', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1_000; i++) histogram.recordMs(i / 1_000); // 1..1000 µs
    expect(histogram.percentilesUs()).toEqual({ p50: 500, p99: 990, max: 1_000, count: 1_000 });
  });

  it('ignores negative, NaN and infinite samples and counts sub-microsecond ones as 1 µs', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, 0, 0.0001]) histogram.recordMs(ms);
    expect(histogram.percentilesUs()).toEqual({ p50: 1, p99: 1, max: 1, count: 2 });
  });

  it('starts over after reset, and reports zeros when empty', () => {
    const histogram = new LatencyHistogram();
    histogram.recordMs(9);
    histogram.reset();
    expect(histogram.percentilesUs()).toEqual({ p50: 0, p99: 0, max: 0, count: 0 });
    histogram.recordMs(2);
    expect(histogram.percentilesUs()).toMatchObject({ p50: 2_000, max: 2_000, count: 1 });
  });
});
