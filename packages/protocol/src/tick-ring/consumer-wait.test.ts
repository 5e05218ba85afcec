import { describe, expect, it } from '@jest/globals';
import { decideSpinPermit, planConsumerWait, type ConsumerWaitInput } from './consumer-wait.js';

const base: ConsumerWaitInput = { mode: 'auto', spinMicros: 50_000, spinIterations: 0, cores: 2 };

describe('planConsumerWait', () => {
  it('spins under the permit by default, and parks at once on a single core', () => {
    expect(planConsumerWait(base)).toEqual({
      spinMicros: 50_000,
      spinIterations: 0,
      spinNeedsPermit: true,
      summary: 'spins up to 50000 µs before parking while one of the 2 cores is free, parks at once otherwise',
    });
    expect(planConsumerWait({ ...base, cores: 1 })).toMatchObject({ spinMicros: 0, summary: 'parks at once (1 core: none to spare for a spin)' });
  });

  it('obeys a forced mode whatever the cores, and a spin bound of 0 parks', () => {
    expect(planConsumerWait({ ...base, mode: 'spin', cores: 1 })).toMatchObject({ spinMicros: 50_000, spinNeedsPermit: false });
    expect(planConsumerWait({ ...base, mode: 'park' })).toMatchObject({ spinMicros: 0, summary: 'parks at once (ring.consumerWait park)' });
    expect(planConsumerWait({ ...base, spinMicros: 0 })).toMatchObject({ spinMicros: 0, summary: 'parks at once (ring.spinMicros 0)' });
  });

  it('keeps ring.spinIterations as an override of the policy', () => {
    expect(planConsumerWait({ ...base, mode: 'park', spinIterations: 1_000 })).toEqual({
      spinMicros: 0,
      spinIterations: 1_000,
      spinNeedsPermit: false,
      summary: 're-checks the ring 1000 times before parking (ring.spinIterations)',
    });
  });
});

describe('decideSpinPermit', () => {
  it('lets the consumer spin on 2 cores while the rest of the machine uses at most half a core', () => {
    expect(decideSpinPermit({ cores: 2, busyCores: 0.1, spinningCores: 0, permitted: false })).toBe(true);
    expect(decideSpinPermit({ cores: 2, busyCores: 0.6, spinningCores: 0, permitted: false })).toBe(false);
    // Its own spinning is not load it has to make room for.
    expect(decideSpinPermit({ cores: 2, busyCores: 1.3, spinningCores: 0.95, permitted: true })).toBe(true);
  });

  it('keeps a permit down to a quarter core free, so a load near the line does not flap', () => {
    expect(decideSpinPermit({ cores: 2, busyCores: 1.6, spinningCores: 0.9, permitted: true })).toBe(true);
    expect(decideSpinPermit({ cores: 2, busyCores: 1.7, spinningCores: 0.9, permitted: false })).toBe(false);
    expect(decideSpinPermit({ cores: 2, busyCores: 1.8, spinningCores: 0.9, permitted: true })).toBe(false);
  });

  it('has room for the spin on a machine with cores to spare, none on a saturated one', () => {
    expect(decideSpinPermit({ cores: 8, busyCores: 5, spinningCores: 0, permitted: false })).toBe(true);
    expect(decideSpinPermit({ cores: 8, busyCores: 7.8, spinningCores: 0, permitted: false })).toBe(false);
  });
});
