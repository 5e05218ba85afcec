// Loads and validates the engine configuration (main thread, once at start): defaults, then config/default.json,
// then config/<env>.json, then an optional user file (--config or SCALPER_CONFIG), then environment variables,
// then command-line arguments. Anything unknown or invalid stops start-up with one ConfigError line.

import convict from 'convict';
import Big from 'big.js';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { registerEngineFormats } from './formats.js';
import { describeOptions, isOptionSpec, toConvictSchema } from './option-names.js';
import { engineSchema, type EngineConfig, type SchemaTree } from './schema.js';
import { tradeUrlOf } from './trade-url.js';

export interface LoadConfigInput {
  /** Command-line arguments after the script name, e.g. ['--strategy.windowTicks', '30']. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder holding default.json and <env>.json. */
  readonly configDir: string;
}

export interface LoadedConfig {
  readonly config: Readonly<EngineConfig>;
  /** The files that were merged, in order, for the start-up log. */
  readonly files: readonly string[];
}

const options = describeOptions(engineSchema);
const knownArgs = new Set([...options.flatMap((o) => (o.arg === null ? [] : [o.arg])), 'config']);
// SCALPER_DASHBOARD_TOKEN is read beside the configuration (dashboard-access.ts), so the token never enters it.
const knownEnv = new Set([...options.map((o) => o.env), 'SCALPER_CONFIG', 'SCALPER_DASHBOARD_TOKEN']);
const sensitivePaths = new Set(options.filter((o) => o.spec.sensitive === true).map((o) => o.path));

function refuseUnknownArgs(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('--')) {
      // A value follows its `--name` (a negative number too); any other word or `-x` would be dropped silently.
      const previous = argv[i - 1];
      if (previous === undefined || !previous.startsWith('--') || previous.includes('=')) {
        throw new ConfigError(`unexpected argument ${JSON.stringify(token)}: options are --name value; see the Configuration table in README.md`);
      }
      continue;
    }
    const name = token.slice(2).split('=')[0] as string;
    if (!knownArgs.has(name)) {
      const hint = options.find((o) => o.path.toLowerCase() === name.toLowerCase())?.arg;
      const suggestion = hint === undefined || hint === null ? '' : ` (did you mean --${hint}?)`;
      const envOnly = options.find((o) => o.path === name && o.arg === null);
      if (envOnly !== undefined) throw new ConfigError(`--${name} is not accepted on the command line: set ${envOnly.env}`);
      throw new ConfigError(`unknown option --${name}${suggestion}; see the Configuration table in README.md`);
    }
  }
}

function refuseUnknownEnv(env: LoadConfigInput['env']): void {
  for (const name of Object.keys(env)) {
    if (name.startsWith('SCALPER_') && !knownEnv.has(name)) {
      throw new ConfigError(`unknown environment variable ${name}; see the Configuration table in README.md`);
    }
  }
}

function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === `--${name}`) return argv[i + 1];
    if (token.startsWith(`--${name}=`)) return token.slice(name.length + 3);
  }
  return undefined;
}

/**
 * Where JSON.parse gave up, without its own message: V8 quotes the text around the error (`"BYBIT_API_"... is not
 * valid JSON`), so a --config pointing at a .env file by mistake would print the start of a secret.
 */
function jsonErrorPlace(cause: unknown, text: string): string {
  const position = /at position (\d+)/.exec(cause instanceof Error ? cause.message : '');
  if (position === null) return 'not valid JSON';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `not valid JSON (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${path}: ${(cause as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`cannot read config file ${path}: ${jsonErrorPlace(cause, text)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold a JSON object`);
  }
  if ('credentials' in parsed) {
    throw new ConfigError(`config file ${path} holds credentials: set BYBIT_API_KEY and BYBIT_API_SECRET in the environment instead`);
  }
  return parsed as Record<string, unknown>;
}

/** Turns convict's multi-line report into one line, adding the value where convict left it out (0, "", false). */
function oneLine(report: string, instance: convict.Config<EngineConfig>): string {
  const parts = report
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const undeclared = /^configuration param '(.+)' not declared in the schema$/.exec(line);
      if (undeclared !== null) return `${undeclared[1]}: unknown option in a config file`;
      const match = /^([\w.]+): (.*)$/.exec(line);
      if (match === null || line.includes(': value was ')) return line;
      const path = match[1] as string;
      if (sensitivePaths.has(path)) return line;
      try {
        return `${line}: value was ${JSON.stringify(instance.get(path as never))}`;
      } catch {
        return line;
      }
    });
  return `invalid configuration: ${parts.join('; ')}`;
}

function checkCrossFieldRules(config: EngineConfig): void {
  if (config.env === 'live' && !config.trading.confirmLive) {
    throw new ConfigError(
      'invalid configuration: env live trades real money on Bybit mainnet; confirm with --trading.confirmLive true or SCALPER_TRADING_CONFIRM_LIVE=true',
    );
  }
  if (config.venue.kind === 'bybit' && (config.credentials.apiKey === '' || config.credentials.apiSecret === '')) {
    throw new ConfigError('invalid configuration: venue.kind is bybit, so BYBIT_API_KEY and BYBIT_API_SECRET must be set');
  }
  if (config.venue.kind === 'bybit' && config.venue.record !== '') {
    throw new ConfigError(
      'invalid configuration: venue.record (--record) records the embedded venue of --venue sim or paper; to record Bybit itself use pnpm record',
    );
  }
  if (config.execution.retryMaxDelayMs < config.execution.retryBaseDelayMs) {
    throw new ConfigError(
      `invalid configuration: execution.retryMaxDelayMs (${config.execution.retryMaxDelayMs}) must be at least execution.retryBaseDelayMs (${config.execution.retryBaseDelayMs})`,
    );
  }
  if (new Big(config.strategy.positionSizeUsd).gt(config.risk.maxPositionNotionalUsd)) {
    throw new ConfigError(
      `invalid configuration: strategy.positionSizeUsd (${config.strategy.positionSizeUsd}) is above risk.maxPositionNotionalUsd (${config.risk.maxPositionNotionalUsd}): every entry would be refused`,
    );
  }
  // Throws the ConfigError now, not when the engine starts: a trade API URL that cannot be derived.
  if (config.venue.kind === 'bybit') tradeUrlOf(config.execution.orderEntry, config.venue.wsTradeUrl, config.venue.wsPrivateUrl);
  if (config.env === 'demo' && config.execution.orderEntry === 'websocket') {
    throw new ConfigError(
      'invalid configuration: execution.orderEntry websocket: Bybit\'s demo trading has no WebSocket trade API (its docs: "Not support: demo trading"); use rest',
    );
  }
  if (config.strategy.maxEntrySpreadBps < config.strategy.marketMaxSpreadBps) {
    throw new ConfigError(
      `invalid configuration: strategy.maxEntrySpreadBps (${config.strategy.maxEntrySpreadBps}) must be at least strategy.marketMaxSpreadBps (${config.strategy.marketMaxSpreadBps})`,
    );
  }
}

/**
 * Keys convict cannot take at face value: it reads "a.b" as a path and skips it without a word (even with a bad
 * value), drops "__proto__", and trips over "" with a TypeError. Each would leave a line of the file doing nothing.
 */
function refuseUnusableKeys(path: string, node: unknown, where = ''): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  for (const [key, child] of Object.entries(node)) {
    const at = where === '' ? key : `${where}.${key}`;
    if (key === '' || key.includes('.') || key === '__proto__') {
      throw new ConfigError(
        `config file ${path}: key ${JSON.stringify(at)} is no option name; nest sections as objects, as in {"strategy": {"windowTicks": 20}}`,
      );
    }
    refuseUnusableKeys(path, child, at);
  }
}

/**
 * An object (or array) where the schema has an option: convict merges it silently, and a later source (the
 * environment, an argument) can replace it before validation, so that line of the file would do nothing unseen.
 */
function refuseSectionsAtOptions(path: string, node: unknown, tree: SchemaTree, where = ''): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  for (const [key, child] of Object.entries(node)) {
    const at = where === '' ? key : `${where}.${key}`;
    const spec = tree[key];
    if (spec === undefined) continue; // unknown keys are refused by the strict validation, with a suggestion
    if (isOptionSpec(spec)) {
      if (typeof child === 'object' && child !== null && !Array.isArray(spec.default)) {
        throw new ConfigError(`config file ${path}: ${at} holds an object; it takes one value (see the Configuration table in README.md)`);
      }
    } else {
      refuseSectionsAtOptions(path, child, spec, at);
    }
  }
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function loadConfig(input: LoadConfigInput): LoadedConfig {
  registerEngineFormats();
  refuseUnknownArgs(input.argv);
  refuseUnknownEnv(input.env);
  const instance = convict<EngineConfig>(toConvictSchema(engineSchema) as never, {
    args: [...input.argv],
    env: { ...input.env } as NodeJS.ProcessEnv,
  });
  const files: string[] = [];
  const environment = instance.get('env');
  if (!['sim', 'testnet', 'demo', 'live'].includes(environment)) {
    throw new ConfigError(`invalid configuration: env: must be one of sim, testnet, demo, live: value was ${JSON.stringify(environment)}`);
  }
  const userFile = argValue(input.argv, 'config') ?? input.env['SCALPER_CONFIG'];
  const candidates = [join(input.configDir, 'default.json'), join(input.configDir, `${environment}.json`)];
  for (const path of candidates) {
    if (existsSync(path)) files.push(path);
  }
  if (userFile !== undefined && userFile !== '') {
    const path = resolve(userFile);
    if (!existsSync(path)) throw new ConfigError(`config file ${path} (from --config or SCALPER_CONFIG) does not exist`);
    files.push(path);
  }
  for (const path of files) {
    const content = readConfigFile(path);
    refuseUnusableKeys(path, content);
    refuseSectionsAtOptions(path, content, engineSchema);
    if ('env' in content) throw new ConfigError(`config file ${path} sets "env": choose the environment with SCALPER_ENV or --env`);
    try {
      instance.load(content as never);
    } catch (cause) {
      throw new ConfigError(`config file ${path}: ${(cause as Error).message.split('\n').join('; ')}`);
    }
  }
  try {
    instance.validate({ allowed: 'strict' });
  } catch (cause) {
    throw new ConfigError(oneLine((cause as Error).message, instance));
  }
  const config = instance.getProperties();
  checkCrossFieldRules(config);
  return { config: deepFreeze(config), files };
}
