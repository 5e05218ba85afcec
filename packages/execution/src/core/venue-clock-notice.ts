// The venue clock's offset for strategy (execution thread): measured again every minute and sent to strategy,
// which judges venue timestamps on the venue's time; a host clock off by more than a quarter of the stale limit is
// warned about each time, because every staleness check and every order timestamp leans on it.

import type { MessageOf, RuntimeClock, StrategyPayloads } from '@scalper/protocol';
import type { ExecutionLogger } from './execution-environment.js';

/** The venue's clock against this host's: live, the REST transport's measured offset and its re-sync. */
export interface VenueClockSource {
  readonly offsetMs: () => number;
  readonly sync: () => Promise<unknown>;
}

/** How often the offset is measured again (a host clock drifts; NTP may step it). */
const venueClockSyncMs = 60_000;

export class VenueClockNotice {
  constructor(
    private readonly source: VenueClockSource,
    /** strategy.staleDataMs: the warning starts at a quarter of it. */
    private readonly staleDataMs: number,
    private readonly clock: RuntimeClock,
    private readonly logger: ExecutionLogger,
    private readonly send: (message: MessageOf<StrategyPayloads, 'VenueClock'>) => void,
  ) {}

  /** Tells strategy now, then after every re-sync; returns the stop. */
  start(): () => void {
    this.announce();
    return this.clock.every(venueClockSyncMs, async () => {
      try {
        await this.source.sync();
      } catch (error) {
        // A failed re-sync keeps the last offset: it must not take the thread down (a rejected timer task would).
        this.logger.warn({ err: error }, 'venue clock re-sync failed; the last offset stays');
        return;
      }
      this.announce();
    });
  }

  announce(): void {
    const offsetMs = this.source.offsetMs();
    this.send({ type: 'VenueClock', offsetMs, tsEventMs: this.clock.now() });
    const limitMs = this.staleDataMs / 4;
    if (Math.abs(offsetMs) > limitMs) {
      this.logger.warn(
        { offsetMs, limitMs },
        'HOST CLOCK IS OFF from the venue: staleness is judged on the venue clock, but fix the host clock (NTP)',
      );
    }
  }
}
