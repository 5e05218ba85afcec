// Time as a worker runtime sees it (any thread): `now`, a sleep, and a repeating task. Worker entries pass the wall
// clock; backtests pass the replay's clock, so the same runtime runs in both without a timer of its own.

export interface RuntimeClock {
  /** Epoch ms. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs `task` every `periodMs` until the returned function is called; a task never overlaps itself. */
  every(periodMs: number, task: () => Promise<void> | void): () => void;
}

/**
 * The threads' shared local clock, epoch ms and monotonic: market-data stamps frames with it, strategy decides and
 * stamps orders with it, execution measures an entry's age with it. Not the venue's clock (see wallClock's offset).
 */
export const localNowMs = (): number => performance.timeOrigin + performance.now();

/** The wall clock, shifted by `offsetMs()` (execution keeps the venue's clock offset there). */
export function wallClock(offsetMs: () => number = () => 0): RuntimeClock {
  return {
    now: () => Date.now() + offsetMs(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    every(periodMs, task) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        void Promise.resolve()
          .then(task)
          .finally(() => (running = false));
      }, periodMs);
      // Never what keeps a thread alive: its ports and sockets do that, and a test's forgotten runtime must not.
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
