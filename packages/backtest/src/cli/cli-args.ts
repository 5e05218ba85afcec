// Command-line arguments of `pnpm backtest` and `pnpm sweep` (main thread): their own flags are taken out, and
// everything else goes to the engine's config loader, which knows every option and refuses unknown ones.

import { fileURLToPath } from 'node:url';
import { fileStamp, parseTimeText, UsageFault } from './flag-reader.js';

/** One kind of usage error for every CLI of this package: the CLI prints its message and exits 2. */
export { UsageFault as UsageError };

/** packages/backtest/dist/cli/ -> ../../../../config */
export const repositoryConfigDir = fileURLToPath(new URL('../../../../config/', import.meta.url));

export interface SplitArgs {
  readonly own: ReadonlyMap<string, string>;
  /** Flags without a value that were given. */
  readonly switches: ReadonlySet<string>;
  /** For loadConfig. */
  readonly configArgv: readonly string[];
}

/** Takes `--name value` and `--name=value` for `withValue`, bare `--name` for `switchNames`. */
export function splitArgs(argv: readonly string[], withValue: readonly string[], switchNames: readonly string[] = []): SplitArgs {
  const own = new Map<string, string>();
  const switches = new Set<string>();
  const configArgv: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') continue;
    const name = token.startsWith('--') ? token.slice(2).split('=')[0] as string : '';
    if (switchNames.includes(name)) {
      switches.add(name);
      continue;
    }
    if (!withValue.includes(name)) {
      configArgv.push(token);
      continue;
    }
    const inline = token.indexOf('=');
    const value = inline >= 0 ? token.slice(inline + 1) : argv[++i];
    // "--data --report x" is a forgotten value, not data called "--report".
    if (value === undefined || value === '' || (inline < 0 && value.startsWith('--'))) throw new UsageFault(`--${name} needs a value`);
    own.set(name, value);
  }
  return { own, switches, configArgv };
}

/** "2026-11-25T10:00:00Z" or epoch milliseconds. */
export function parseTimeArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimeText(value);
  if (Number.isNaN(ms)) throw new UsageFault(`--${name} must be an ISO time (2026-11-25T10:00:00Z) or epoch milliseconds, got "${value}"`);
  return ms;
}

/** The SCALPER_* variables, passed to sweep workers so they load the same configuration. */
export function scalperEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (name.startsWith('SCALPER_') && value !== undefined) out[name] = value;
  return out;
}

export const timestampForFile = fileStamp;
