#!/usr/bin/env node
// `pnpm start`: the engine's entry point (main thread). Loads and validates the configuration, sets up logging,
// and reports what it would run. A bad option exits with code 2 and one line on stderr.

import { createLogger } from '@scalper/logging';
import { ConfigError } from '../config/config-error.js';
import { renderConfigTable } from '../config/config-table.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { repositoryConfigDir } from './config-dir.js';

const argv = process.argv.slice(2);

if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    'usage: pnpm start [-- --<option> <value> ...]\n' +
      'Options may also be set in config/<env>.json, a --config file, or environment variables:\n\n' +
      `${renderConfigTable()}\n`,
  );
  process.exit(0);
}

let loaded: LoadedConfig;
try {
  loaded = loadConfig({ argv, env: process.env, configDir: process.env['SCALPER_CONFIG_DIR'] ?? repositoryConfigDir });
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`config error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const { config, files } = loaded;
const logger = createLogger({
  worker: 'main',
  level: config.log.level,
  secrets: [config.credentials.apiKey, config.credentials.apiSecret],
});
const { credentials, ...settings } = config;
logger.info(
  { env: config.env, files, credentialsSet: credentials.apiKey !== '' && credentials.apiSecret !== '', settings },
  'configuration loaded',
);
logger.warn(
  'the trading workers (scanner, market-data, strategy, execution) and the embedded venue are not built yet; nothing was traded',
);
logger.flush();
