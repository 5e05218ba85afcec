// The strategy worker entry (strategy thread): the StrategyRunner's ring pump reads trades, book tops and feed states
// from the tick ring (woken by Atomics.waitAsync, never a postMessage per entry); symbol changes and execution's
// feedback arrive on the links; every decision is logged with its trigger and sent to execution.

import { createWorkerLogger } from '@scalper/logging';
import { availableParallelism } from 'node:os';
import { coreToSpare, hostWorker, journalSinkOn, localNowMs, planConsumerWait, RehearsalPacer, WorkerLinks } from '@scalper/protocol';
import { decisionRecord, EntryPathRehearsal, StrategyRunner, strategyParamsFrom, TickPathRehearsal, warmEntryPath } from './index.js';

hostWorker('strategy', async (init) => {
  const { engine } = init.config;
  const log = createWorkerLogger('strategy', init.config);
  const journal = journalSinkOn(init.journal);
  if (init.ring === undefined) throw new Error('strategy needs the tick ring');
  const warmStartedAt = performance.now();
  log.info({ orders: warmEntryPath(engine.strategy, 3_000, Date.now()), ms: Math.round(performance.now() - warmStartedAt) }, 'entry path warmed up');
  const tickRehearsal = new TickPathRehearsal(strategyParamsFrom(engine, 'rehearsal'));
  const links: WorkerLinks<'strategy'> = new WorkerLinks({
    worker: 'strategy',
    channels: engine.channels,
    handlers: {
      SymbolChanged: (m) => {
        runner.receive(m);
        tickRehearsal.onSymbolChanged(m, localNowMs());
      },
      OrderUpdate: (m) => runner.receive(m),
      Fill: (m) => runner.receive(m),
      PositionUpdate: (m) => runner.receive(m),
      OrderDenied: (m) => runner.receive(m),
      TradingHalted: (m) => runner.receive(m),
      TradingResumed: (m) => runner.receive(m),
      VenueClock: (m) => runner.receive(m),
    },
    onBackpressure: (link, state, stats) => log.warn({ link, state, stats }, 'link back-pressure'),
  });
  // The prefix differs per start, so a restarted strategy can never reuse an orderLinkId of its previous life.
  const runner = new StrategyRunner(strategyParamsFrom(engine, `s${Date.now().toString(36)}`), init.ring, {
    now: localNowMs,
    toExecution: (action) => links.sendMessage('toExecution', action),
    onTrade: (entry) => tickRehearsal.noteTrade(entry),
    onDecision: (action, _tsMs, trigger) => {
      journal(decisionRecord(action, Date.now(), trigger, runner.core.decisionContext()));
      // After the order went: the runner sends it right after this returns, and the line waits for that.
      queueMicrotask(() => log.info({ ...action, action: action.type, trigger }, 'strategy decision'));
    },
    onResumed: (m) => log.warn({ reason: m.reason }, 'TRADING RESUMED: the kill switch was lifted, entries allowed again'),
    onHalted: (m) =>
      log.error({ reason: m.reason, until: m.untilMs === null ? 'end of run' : new Date(m.untilMs).toISOString() }, 'TRADING HALTED: no new entries'),
  });
  links.open(init.ports);
  const { consumerWait, spinMicros, spinIterations } = engine.ring;
  const wait = planConsumerWait({ mode: consumerWait, spinMicros, spinIterations, cores: availableParallelism() });
  log.info({ ringWait: wait.summary }, 'ring wait chosen');
  // While strategy spins idle (it yields to its ports every 50 µs), the trade and entry paths rehearse every
  // ring.warmEveryMs.
  const rehearsal = new EntryPathRehearsal(engine.strategy, Date.now());
  const pacer = new RehearsalPacer(engine.ring.warmEveryMs, coreToSpare(init.ring));
  let seqSeen = 0;
  const rehearseIfIdle = (): void => {
    const now = localNowMs();
    if (runner.lastEntrySeq !== seqSeen) {
      seqSeen = runner.lastEntrySeq;
      pacer.noteReal(now);
    } else if (pacer.due(now)) {
      tickRehearsal.run(now);
      rehearsal.run(2, Date.now());
    }
  };
  let running = true;
  const pumping = runner
    .pump({
      running: () => running,
      yieldToPorts: () => {
        rehearseIfIdle();
        return new Promise((resolve) => setImmediate(resolve));
      },
      onTimer: () => links.flushCredits(),
      waitTimeoutMs: engine.ring.waitTimeoutMs,
      spinMicros: wait.spinMicros,
      spinNeedsPermit: wait.spinNeedsPermit,
      spinIterations: wait.spinIterations,
    })
    .catch((error: unknown) => {
      log.fatal({ err: error }, 'strategy loop crashed');
      throw error;
    });
  return {
    replacePorts: (ports) => links.open(ports),
    async halt(reason) {
      runner.receive({ type: 'TradingHalted', reason, untilMs: null, tsEventMs: Date.now() });
    },
    async stop() {
      running = false;
      links.close();
      await pumping;
      return { ...runner.stats(), ringWait: wait.summary };
    },
    stats: (options) => ({ ...runner.stats(options), ringWait: wait.summary, rehearsals: pacer.rehearsals }),
    metrics: () => runner.metrics(),
    detail: () => `${runner.core.status().symbol ?? 'no symbol'} ${runner.core.status().phase}`,
  };
});
