// The application heartbeat of one Bybit WebSocket (market-data and execution threads): a ping every interval and
// a deadline for the pong. TCP keep-alive cannot see a venue that still holds the socket but stopped serving it.

export class PingWatchdog {
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private pingTimer: NodeJS.Timeout | null = null;
  private deadline: NodeJS.Timeout | null = null;

  constructor(intervalMs: number, timeoutMs: number) {
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Pings every interval until stop(). `ping` sends one and returns false if it could not; `onTimeout` runs once
   * when a pong is overdue, after the watchdog has stopped itself.
   */
  start(ping: () => boolean, onTimeout: () => void): void {
    this.stop();
    this.pingTimer = setInterval(() => {
      if (!ping()) return;
      // The deadline runs from the oldest unanswered ping: a later ping must not push it back.
      if (this.deadline !== null) return;
      this.deadline = setTimeout(() => {
        this.deadline = null;
        this.stop();
        onTimeout();
      }, this.timeoutMs);
    }, this.intervalMs);
  }

  /** Any pong answers every ping sent so far: the venue serves the socket. */
  pong(): void {
    if (this.deadline !== null) {
      clearTimeout(this.deadline);
      this.deadline = null;
    }
  }

  stop(): void {
    if (this.pingTimer !== null) {
      clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
    this.pong();
  }
}
