import { describe, expect, it } from '@jest/globals';
import { LatencySampler } from './latency-sampler.js';

describe('LatencySampler', () => {
  it('reports p50, p99 and max in microseconds over the recent window', () => {
    const sampler = new LatencySampler(100);
    for (let i = 1; i <= 100; i++) sampler.record(i / 1_000); // 1..100 µs
    expect(sampler.percentilesUs()).toEqual({ p50: 51, p99: 100, max: 100, count: 100 });
  });

  it('ignores negative samples and forgets samples older than its window', () => {
    const sampler = new LatencySampler(4);
    sampler.record(-1);
    for (const ms of [9, 9, 9, 9, 1, 1, 1, 1]) sampler.record(ms);
    expect(sampler.percentilesUs()).toMatchObject({ p50: 1_000, p99: 1_000, max: 9_000, count: 4 });
  });
});
