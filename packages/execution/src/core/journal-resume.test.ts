// Execution's start with a journal (Jest thread, against the embedded venue): the fills the journal lacks are read
// back and journaled, the day's realised PnL is the venue's closed PnL when the two agree and the larger loss when
// they do not, and a halt the journal holds (or a carried loss past the limit) stops entries from the first one.

import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { paperApiKey, type RunningVenue } from '@scalper/sim-venue';
import { toSymbol, wallClock, type JournalEvent, type JournalResume } from '@scalper/protocol';
import { ExecutionService, type ExecutionServiceConfig, type ExecutionToStrategy } from './execution-service.js';
import { chooseDayRealised } from './journal-resume.js';
import { placeMessage } from './test-support/orders.js';
import { serviceSettings, valuedMarketOrder } from './test-support/service-settings.js';
import { MemoryLogger } from './test-support/test-host.js';
import { clientFor, startTestVenue } from './test-support/venue-harness.js';

const dayMs = 86_400_000;
const settings = (maxDailyLossUsd?: string): ExecutionServiceConfig =>
  serviceSettings({ closeOnShutdown: false, ...(maxDailyLossUsd === undefined ? {} : { maxDailyLossUsd }) });

function serviceOn(venue: RunningVenue, config: ExecutionServiceConfig, resume?: JournalResume) {
  const journaled: JournalEvent[] = [];
  const toStrategy: ExecutionToStrategy[] = [];
  const logger = new MemoryLogger();
  const service = new ExecutionService(config, {
    client: clientFor(venue),
    clock: wallClock(),
    logger,
    toStrategy: (messages) => void toStrategy.push(...messages),
    journal: (event) => void journaled.push(event),
    ...(resume === undefined ? {} : { resume }),
  });
  return { service, journaled, toStrategy, logger };
}

/** A closed BTCUSDT trip and an ETHUSDT position left open, traded by a service that keeps no journal. */
async function tradeWithoutJournal(venue: RunningVenue): Promise<void> {
  const { service } = serviceOn(venue, settings());
  await service.start();
  await service.submit(placeMessage(valuedMarketOrder(venue, 'BTCUSDT', 'Buy', '0.002')));
  await service.submit({ type: 'ClosePosition', symbol: toSymbol('BTCUSDT'), orderLinkId: 'close-btc', reason: 'test' });
  await service.submit(placeMessage(valuedMarketOrder(venue, 'ETHUSDT', 'Sell', '0.05')));
  await service.stop('first life over');
}

function resumeOf(dayRealisedNet: string, halt: JournalResume['halt'] = null): JournalResume {
  const now = Date.now();
  return {
    dayStartMs: now - (now % dayMs),
    lastFillTimeMs: null,
    dayRealisedNet: dayRealisedNet as JournalResume['dayRealisedNet'],
    dayRoundTrips: 0,
    halt,
  };
}

const venueClosedPnl = (venue: RunningVenue) => venue.engine.closedPnls(paperApiKey).reduce((sum, r) => sum.plus(r.closedPnl), new Big(0));
const openingFees = (venue: RunningVenue) =>
  venue.engine.positions(paperApiKey).reduce((sum, p) => (p.side === '' ? sum : sum.plus(p.curRealisedPnl)), new Big(0));

describe('chooseDayRealised', () => {
  it("takes the venue's figure within a cent, else the larger loss, and the journal's when the venue is unknown", () => {
    expect(chooseDayRealised(new Big('-1.004'), new Big('-1.000'))).toMatchObject({ used: new Big('-1.000'), agreed: true });
    expect(chooseDayRealised(new Big('-5'), new Big('-1'))).toMatchObject({ used: new Big('-5'), agreed: false });
    expect(chooseDayRealised(new Big('3'), new Big('-1'))).toMatchObject({ used: new Big('-1'), agreed: false });
    expect(chooseDayRealised(new Big('-2'), null)).toMatchObject({ used: new Big('-2'), agreed: false });
  });
});

describe('execution resumed from its journal', () => {
  it("journals every fill of the day it did not see, and counts the venue's closed PnL when the journal agrees", async () => {
    const venue = await startTestVenue();
    try {
      await tradeWithoutJournal(venue);
      const closed = venueClosedPnl(venue);
      const { service, journaled, logger } = serviceOn(venue, settings(), resumeOf(closed.toFixed()));
      await service.start();
      const fills = journaled.filter((event) => event.type === 'Fill').map((event) => (event.type === 'Fill' ? event.execId : ''));
      expect(new Set(fills)).toEqual(new Set(venue.engine.executions(paperApiKey).map((e) => e.execId)));
      expect(fills).toHaveLength(3);
      expect(logger.messages('info')).toContain("resumed from the journal: the day's realised PnL agrees with the venue's closed PnL");
      // The day's loss counts the closed trip and the open ETH holding's opening fee, exactly.
      expect(service.stats()['dayRealisedPnl']).toBe(closed.plus(openingFees(venue)).toFixed());
      await service.stop('test over');
    } finally {
      await venue.close();
    }
  });

  it('counts the larger loss and warns when the journal and the venue disagree', async () => {
    const venue = await startTestVenue();
    try {
      await tradeWithoutJournal(venue);
      const closed = venueClosedPnl(venue);
      const worse = serviceOn(venue, settings(), resumeOf(closed.minus(50).toFixed()));
      await worse.service.start();
      expect(worse.service.stats()['dayRealisedPnl']).toBe(closed.minus(50).plus(openingFees(venue)).toFixed());
      expect(worse.logger.messages('warn')).toContain(
        "resumed from the journal: the journal and the venue disagree on the day's realised PnL; the larger loss counts",
      );
      await worse.service.stop('test over');
      const better = serviceOn(venue, settings(), resumeOf(closed.plus(50).toFixed()));
      await better.service.start();
      expect(better.service.stats()['dayRealisedPnl']).toBe(closed.plus(openingFees(venue)).toFixed());
      await better.service.stop('test over');
    } finally {
      await venue.close();
    }
  });

  it('keeps a halt the journal holds: strategy hears it at start and an entry is refused, not sent', async () => {
    const venue = await startTestVenue();
    try {
      const now = Date.now();
      const untilMs = now - (now % dayMs) + dayMs;
      const reason = 'risk.maxDailyLossUsd: the day’s PnL is -120.00 USDT, limit -100.00';
      const { service, toStrategy, journaled } = serviceOn(venue, settings(), resumeOf('0', { reason, sinceMs: now - 60_000, untilMs }));
      await service.start();
      expect(toStrategy).toContainEqual(expect.objectContaining({ type: 'TradingHalted', reason, untilMs }));
      expect(service.stats()['halted']).toBe(reason);
      const entry = valuedMarketOrder(venue, 'BTCUSDT', 'Buy', '0.002');
      await service.submit(placeMessage(entry));
      expect(toStrategy).toContainEqual(
        expect.objectContaining({ type: 'OrderDenied', orderLinkId: entry.orderLinkId, reason: `trading halted: ${reason}` }),
      );
      expect(venue.engine.orderHistory(paperApiKey, 'BTCUSDT')).toEqual([]);
      // Restored, not new: the journal already holds it.
      expect(journaled.filter((event) => event.type === 'RiskEvent' && event.kind === 'halted')).toEqual([]);
      await service.stop('test over');
    } finally {
      await venue.close();
    }
  });

  it('halts at start when the carried loss is already past the limit, and journals that halt', async () => {
    const venue = await startTestVenue();
    try {
      const { service, toStrategy, journaled } = serviceOn(venue, settings('10'), resumeOf('-20'));
      await service.start();
      expect(String(service.stats()['halted'])).toMatch(/^risk\.maxDailyLossUsd: the day's PnL is -20\.00 USDT/);
      expect(toStrategy).toContainEqual(expect.objectContaining({ type: 'TradingHalted' }));
      expect(journaled).toContainEqual(expect.objectContaining({ type: 'RiskEvent', kind: 'halted', untilMs: expect.any(Number) }));
      await service.stop('test over');
    } finally {
      await venue.close();
    }
  });
});
