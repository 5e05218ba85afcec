// Decides every second whether strategy may spin on the tick ring (main thread): the machine's CPU use from
// os.cpus(), less strategy's own spinning (the ring's spin-time counter), against the cores this process has.

import { availableParallelism, cpus, type CpuInfo } from 'node:os';
import { decideSpinPermit, readTickRingStats, setSpinPermit } from '@scalper/protocol';

export interface SpinPermitSamplerOptions {
  readonly intervalMs?: number;
  readonly cores?: number;
  /** os.cpus(); a test passes its own times. */
  readonly cpuTimes?: () => readonly Pick<CpuInfo, 'times'>[];
  /** Told each change of the permit, with the load it was decided on. */
  readonly onChange?: (permitted: boolean, busyCores: number, spinningCores: number) => void;
}

interface CpuTotals {
  readonly busyMs: number;
  readonly totalMs: number;
}

function totalsOf(list: readonly Pick<CpuInfo, 'times'>[]): CpuTotals {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of list) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs };
}

export class SpinPermitSampler {
  private readonly cores: number;
  private readonly cpuTimes: () => readonly Pick<CpuInfo, 'times'>[];
  private timer: NodeJS.Timeout | null = null;
  private last: CpuTotals;
  private lastSpinMs: number;
  private lastAtMs = performance.now();
  private permitted = false;

  constructor(
    private readonly ring: SharedArrayBuffer,
    private readonly options: SpinPermitSamplerOptions = {},
  ) {
    this.cores = options.cores ?? availableParallelism();
    this.cpuTimes = options.cpuTimes ?? cpus;
    this.last = totalsOf(this.cpuTimes());
    this.lastSpinMs = readTickRingStats(ring).spinMs;
  }

  get isPermitted(): boolean {
    return this.permitted;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.sample(), this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  /** Withdraws the permit: a stopped engine leaves no spinner behind it. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.permitted = false;
    setSpinPermit(this.ring, false);
  }

  /** One step: measures the last interval and sets the permit; returns it. */
  sample(nowMs: number = performance.now()): boolean {
    const list = this.cpuTimes();
    const totals = totalsOf(list);
    const spinMs = readTickRingStats(this.ring).spinMs;
    const totalDelta = totals.totalMs - this.last.totalMs;
    const wallMs = nowMs - this.lastAtMs;
    if (totalDelta > 0 && wallMs > 0) {
      // os.cpus() counts every CPU of the host; its busy share times the cores we have is the load we compete with.
      const busyCores = ((totals.busyMs - this.last.busyMs) / totalDelta) * list.length;
      const spinningCores = Math.max(0, spinMs - this.lastSpinMs) / wallMs;
      const permitted = decideSpinPermit({ cores: this.cores, busyCores, spinningCores, permitted: this.permitted });
      if (permitted !== this.permitted) this.options.onChange?.(permitted, busyCores, spinningCores);
      this.permitted = permitted;
      setSpinPermit(this.ring, permitted);
    }
    this.last = totals;
    this.lastSpinMs = spinMs;
    this.lastAtMs = nowMs;
    return this.permitted;
  }
}
