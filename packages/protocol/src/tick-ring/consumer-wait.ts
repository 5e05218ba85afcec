// How the ring's consumer waits for the next entry (strategy thread, planned once at start; the permit is decided
// by the main thread every second): spin for a bounded time while the machine has a core free for it, park at once
// when it has none. A spinning consumer takes a new entry in under a µs; a parked one is woken through Atomics and
// its event loop, 30-40 µs on an idle machine and 150-200 µs after 50 ms asleep, but it leaves the core to others.

export const consumerWaitModes = ['auto', 'spin', 'park'] as const;
export type ConsumerWaitMode = (typeof consumerWaitModes)[number];

export interface ConsumerWaitInput {
  readonly mode: ConsumerWaitMode;
  /** The spin's bound before parking, in µs. */
  readonly spinMicros: number;
  /** ring.spinIterations: when above 0, a fixed number of re-checks instead (the old knob, kept as an override). */
  readonly spinIterations: number;
  /** os.availableParallelism(): the cores this process may really run on. */
  readonly cores: number;
}

export interface ConsumerWaitPlan {
  readonly spinMicros: number;
  readonly spinIterations: number;
  /** Spin only while the main thread's permit says a core is free (decideSpinPermit). */
  readonly spinNeedsPermit: boolean;
  /** One line for the start-up log and the stats. */
  readonly summary: string;
}

export function planConsumerWait(input: ConsumerWaitInput): ConsumerWaitPlan {
  const { mode, spinMicros, spinIterations, cores } = input;
  if (spinIterations > 0) {
    return {
      spinMicros: 0,
      spinIterations,
      spinNeedsPermit: false,
      summary: `re-checks the ring ${spinIterations} times before parking (ring.spinIterations)`,
    };
  }
  const park = (why: string): ConsumerWaitPlan => ({ spinMicros: 0, spinIterations: 0, spinNeedsPermit: false, summary: `parks at once (${why})` });
  if (mode === 'park') return park('ring.consumerWait park');
  if (spinMicros === 0) return park('ring.spinMicros 0');
  if (mode === 'spin') {
    return { spinMicros, spinIterations: 0, spinNeedsPermit: false, summary: `spins up to ${spinMicros} µs before parking (ring.consumerWait spin)` };
  }
  if (cores < 2) return park(`${cores} core: none to spare for a spin`);
  return {
    spinMicros,
    spinIterations: 0,
    spinNeedsPermit: true,
    summary: `spins up to ${spinMicros} µs before parking while one of the ${cores} cores is free, parks at once otherwise`,
  };
}

export interface SpinPermitInput {
  readonly cores: number;
  /** Cores' worth of CPU the whole machine used over the last sample (every process, this one included). */
  readonly busyCores: number;
  /** Of which the consumer's own spinning (the ring's spin-time counter over the same sample). */
  readonly spinningCores: number;
  /** The permit now: leaving it takes less free room than getting it, so a load near the line does not flap. */
  readonly permitted: boolean;
}

/** Room left once the spinner has its core, to get the permit and to keep it. */
const freeToGrant = 0.5;
const freeToKeep = 0.25;

/**
 * May the consumer spin? Only if, after giving it a whole core, the other work on the machine (every other thread
 * and process) still leaves half a core free: a spinner that takes the core a busy thread needs costs that thread
 * its wake-ups, which shows as a p99 far worse than the parked consumer's.
 */
export function decideSpinPermit(input: SpinPermitInput): boolean {
  const others = Math.max(0, input.busyCores - input.spinningCores);
  const free = input.cores - 1 - others;
  return free >= (input.permitted ? freeToKeep : freeToGrant);
}
