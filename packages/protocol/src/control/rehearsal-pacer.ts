// When a thread's hot path should rehearse (market-data, strategy and execution threads). Code left unused for 15 ms
// runs 3-5x slower on this VM (docs/benchmarks.md), and a 20 trades/s symbol leaves every thread idle that long; a
// rehearsal runs the path on made-up or scratch data. Only while the main thread's permit says a core is free, and
// only when no real work ran within the period, so a busy symbol or a busy machine pays nothing.

export class RehearsalPacer {
  private lastRealMs = Number.NEGATIVE_INFINITY;
  private lastRunMs = Number.NEGATIVE_INFINITY;
  private runs = 0;

  constructor(
    /** ring.warmEveryMs; 0 = never. */
    private readonly periodMs: number,
    /** The spin permit (coreToSpare of the tick ring). */
    private readonly coreToSpare: () => boolean,
  ) {}

  /** The real path ran at `nowMs`: it is warm for another period. */
  noteReal(nowMs: number): void {
    this.lastRealMs = nowMs;
  }

  /** True when a rehearsal should run now (and counts it as run). */
  due(nowMs: number): boolean {
    if (this.periodMs <= 0 || nowMs - this.lastRealMs < this.periodMs || nowMs - this.lastRunMs < this.periodMs) return false;
    if (!this.coreToSpare()) return false;
    this.lastRunMs = nowMs;
    this.runs++;
    return true;
  }

  get rehearsals(): number {
    return this.runs;
  }
}
