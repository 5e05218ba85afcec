// Benchmark helper, child process: runs the engine as `pnpm start` does (config from argv and env, the four
// workers under the supervisor) and answers its parent over IPC: stats (with RSS) on request, stop on request.
import { loadConfig, repositoryConfigDir, runEngine, translateVenueFlag } from '@scalper/engine';
import { createLogger } from '@scalper/logging';
import { dashboardAccessFrom } from '../../../packages/engine/dist/dashboard/dashboard-access.js';

const { config } = loadConfig({ argv: translateVenueFlag(process.argv.slice(2)), env: process.env, configDir: repositoryConfigDir });
const logger = createLogger({ worker: 'main', level: config.log.level, secrets: [config.credentials.apiKey, config.credentials.apiSecret] });
// The parent reads stats itself; a status line every 5 s would only add noise to its output. The dashboard's token is
// SCALPER_DASHBOARD_TOKEN as the CLI takes it, so a benchmark can sign a page in (without it, one of this start's own).
const engine = await runEngine(config, logger, {
  statusIntervalMs: 3_600_000,
  writeStatus: () => undefined,
  dashboard: dashboardAccessFrom(config.dashboard.listen, process.env),
});

process.on('message', async (message) => {
  if (message.op === 'stats') {
    const stats = await engine.supervisor.stats({ resetLatency: message.resetLatency === true, entryTimes: message.entryTimes === true });
    process.send({ id: message.id, stats, rssBytes: process.memoryUsage().rss });
  } else if (message.op === 'stop') {
    await engine.stop('benchmark done');
    process.send({ id: message.id, stopped: true }, () => process.exit(0));
  }
});
// A benchmark that dies must not leave an engine running: losing the parent ends this process too.
process.on('disconnect', () => void engine.stop('benchmark gone').finally(() => process.exit(0)));
process.send({ ready: true, rssBytes: process.memoryUsage().rss });
