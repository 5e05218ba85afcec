// The venue's compressed "24 hours" (venue thread): turnover, volume and the reference price over a rolling window
// of minutes, so a volatility scanner's ranking moves within one session rather than over real days.

export const msPerDay = 86_400_000;

/**
 * Money flows in per millisecond of venue time and lands in fixed buckets; a ring of buckets + 1 slots keeps the
 * bucket that is sliding out, so the window can take the fraction of it still inside and move smoothly. Figures
 * are reported scaled up to a day: with a 20-minute window, 20 minutes of flow × 72 is turnover24h, and the
 * reference price (prevPrice24h) is the mid 20 minutes ago.
 */
export class RollingDay {
  readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly buckets: number;
  private readonly slots: number;
  private readonly turnover: Float64Array;
  private readonly volume: Float64Array;
  /** The mid when each bucket began. */
  private readonly marks: Float64Array;
  private current = 0;
  private currentStartMs: number;
  private lastMs: number;
  /** Sums of the full buckets after the sliding one, recomputed on each roll so float error cannot creep in. */
  private fullTurnover = 0;
  private fullVolume = 0;

  constructor(windowMs: number, buckets: number, startMs: number, startMid: number) {
    if (!(windowMs > 0) || !Number.isInteger(buckets) || buckets < 2) {
      throw new RangeError(`rolling day needs windowMs > 0 and at least 2 buckets: ${windowMs}, ${buckets}`);
    }
    this.windowMs = windowMs;
    this.buckets = buckets;
    this.slots = buckets + 1;
    this.bucketMs = windowMs / buckets;
    this.turnover = new Float64Array(this.slots);
    this.volume = new Float64Array(this.slots);
    this.marks = new Float64Array(this.slots).fill(startMid);
    this.currentStartMs = startMs;
    this.lastMs = startMs;
  }

  get bucketLengthMs(): number {
    return this.bucketMs;
  }

  /** Slot of the bucket `back` buckets before the current one (0 is the current one). */
  private slot(back: number): number {
    return (this.current - back + this.slots) % this.slots;
  }

  /** Fills a past bucket (1 = the last full one, `buckets` = the sliding one) as if the market had run before start. */
  setHistory(back: number, turnover: number, volume: number, mark: number): void {
    if (!Number.isInteger(back) || back < 1 || back > this.buckets) throw new RangeError(`no history slot ${back}`);
    const slot = this.slot(back);
    this.turnover[slot] = turnover;
    this.volume[slot] = volume;
    this.marks[slot] = mark;
    this.resum();
  }

  /** Books flow at a constant rate from the last call to toMs; `mid` marks any bucket that begins meanwhile. */
  add(toMs: number, turnoverPerMs: number, volumePerMs: number, mid: number): void {
    if (!(toMs > this.lastMs)) return;
    if (toMs - this.lastMs >= this.windowMs + this.bucketMs) {
      this.reset(toMs, turnoverPerMs, volumePerMs, mid);
      return;
    }
    let fromMs = this.lastMs;
    // At most buckets + 1 rolls: the gap is shorter than the window plus one bucket.
    for (;;) {
      const endMs = this.currentStartMs + this.bucketMs;
      if (toMs < endMs) {
        this.turnover[this.current] = (this.turnover[this.current] as number) + (toMs - fromMs) * turnoverPerMs;
        this.volume[this.current] = (this.volume[this.current] as number) + (toMs - fromMs) * volumePerMs;
        break;
      }
      this.turnover[this.current] = (this.turnover[this.current] as number) + (endMs - fromMs) * turnoverPerMs;
      this.volume[this.current] = (this.volume[this.current] as number) + (endMs - fromMs) * volumePerMs;
      fromMs = endMs;
      this.roll(mid);
    }
    this.lastMs = toMs;
  }

  private roll(mid: number): void {
    this.current = (this.current + 1) % this.slots;
    this.currentStartMs += this.bucketMs;
    this.turnover[this.current] = 0;
    this.volume[this.current] = 0;
    this.marks[this.current] = mid;
    this.resum();
  }

  /** A gap longer than the window leaves nothing of the old day: every bucket holds the current rate and mid. */
  private reset(toMs: number, turnoverPerMs: number, volumePerMs: number, mid: number): void {
    this.currentStartMs += Math.floor((toMs - this.currentStartMs) / this.bucketMs) * this.bucketMs;
    this.turnover.fill(turnoverPerMs * this.bucketMs);
    this.volume.fill(volumePerMs * this.bucketMs);
    this.marks.fill(mid);
    this.turnover[this.current] = (toMs - this.currentStartMs) * turnoverPerMs;
    this.volume[this.current] = (toMs - this.currentStartMs) * volumePerMs;
    this.lastMs = toMs;
    this.resum();
  }

  private resum(): void {
    let turnover = 0;
    let volume = 0;
    for (let back = 1; back < this.buckets; back++) {
      const slot = this.slot(back);
      turnover += this.turnover[slot] as number;
      volume += this.volume[slot] as number;
    }
    this.fullTurnover = turnover;
    this.fullVolume = volume;
  }

  /** How far the current bucket has run, 0..1: the share of the sliding bucket that has left the window. */
  private progress(): number {
    return Math.min(1, (this.lastMs - this.currentStartMs) / this.bucketMs);
  }

  /** USDT over the window, scaled up to a day. */
  turnover24h(): number {
    const sliding = (this.turnover[this.slot(this.buckets)] as number) * (1 - this.progress());
    return (this.fullTurnover + (this.turnover[this.current] as number) + sliding) * (msPerDay / this.windowMs);
  }

  /** Base coin over the window, scaled up to a day. */
  volume24h(): number {
    const sliding = (this.volume[this.slot(this.buckets)] as number) * (1 - this.progress());
    return (this.fullVolume + (this.volume[this.current] as number) + sliding) * (msPerDay / this.windowMs);
  }

  /** The mid one window ago, interpolated between the marks around that moment. */
  referencePrice(): number {
    const oldest = this.marks[this.slot(this.buckets)] as number;
    const next = this.marks[this.slot(this.buckets - 1)] as number;
    return oldest + (next - oldest) * this.progress();
  }
}
