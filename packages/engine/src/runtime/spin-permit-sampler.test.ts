import { describe, expect, it } from '@jest/globals';
import { createTickRing, readTickRingStats } from '@scalper/protocol';
import { SpinPermitSampler } from './spin-permit-sampler.js';

/** Two fake CPUs whose busy and idle milliseconds the test advances. */
function fakeCpus() {
  const cpus = [0, 1].map(() => ({ times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }));
  return {
    cpuTimes: () => cpus.map((cpu) => ({ times: { ...cpu.times } })),
    /** Over `ms` of wall time, the machine was busy `busyCores` cores' worth. */
    run(ms: number, busyCores: number) {
      for (const cpu of cpus) {
        cpu.times.user += (ms * busyCores) / cpus.length;
        cpu.times.idle += ms - (ms * busyCores) / cpus.length;
      }
    },
  };
}

describe('SpinPermitSampler', () => {
  it('grants the spin on a quiet 2-core machine, withdraws it under load, and not for its own spinning', () => {
    const ring = createTickRing({ capacity: 1024, overflow: 'drop-oldest' });
    const cpus = fakeCpus();
    const changes: boolean[] = [];
    const sampler = new SpinPermitSampler(ring, { cores: 2, cpuTimes: cpus.cpuTimes, onChange: (permitted) => void changes.push(permitted) });
    let now = performance.now();
    cpus.run(1_000, 0.1);
    expect(sampler.sample((now += 1_000))).toBe(true);
    expect(readTickRingStats(ring).spinPermitted).toBe(true);
    cpus.run(1_000, 1.8); // other work takes most of both cores
    expect(sampler.sample((now += 1_000))).toBe(false);
    expect(readTickRingStats(ring).spinPermitted).toBe(false);
    cpus.run(1_000, 0.2);
    expect(sampler.sample(now + 1_000)).toBe(true);
    sampler.stop();
    expect(readTickRingStats(ring).spinPermitted).toBe(false);
    expect(changes).toEqual([true, false, true]);
  });
});
