// A progress line on stderr for long runs (main thread): redrawn in place at most 5 times a second on a terminal,
// one plain line every 10 s otherwise (CI logs), and nothing at all for a run shorter than 2 s.

const barWidth = 30;

export class ProgressBar {
  private readonly startedAt = performance.now();
  private lastDrawAt = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  /** `fraction` in [0, 1]; `detail` is appended (e.g. "1:02:03 of market time, 310k ticks/s"). */
  update(fraction: number, detail: string): void {
    const now = performance.now();
    if (now - this.startedAt < 2_000) return;
    const interval = this.stream.isTTY ? 200 : 10_000;
    if (now - this.lastDrawAt < interval) return;
    this.lastDrawAt = now;
    const clamped = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(clamped * barWidth);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}`;
    const line = `${this.label} [${bar}] ${(clamped * 100).toFixed(0).padStart(3)}% ${detail}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\u001b[K`);
      this.drawn = true;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
