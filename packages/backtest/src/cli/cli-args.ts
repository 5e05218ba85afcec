// Command-line arguments of `pnpm backtest` and `pnpm sweep` (main thread): their own flags are taken out, and
// everything else goes to the engine's config loader, which knows every option and refuses unknown ones.

import { fileURLToPath } from 'node:url';
import { fileStamp, parseTimeText, readFlags, UsageFault } from './flag-reader.js';

export { UsageFault };

/** packages/backtest/dist/cli/ -> ../../../../config */
export const repositoryConfigDir = fileURLToPath(new URL('../../../../config/', import.meta.url));

export interface SplitArgs {
  readonly own: ReadonlyMap<string, string>;
  /** Flags without a value that were given. */
  readonly switches: ReadonlySet<string>;
  /** For loadConfig. */
  readonly configArgv: readonly string[];
}

/** Takes `--name value` and `--name=value` for `withValue`, bare `--name` for `switchNames`; the rest is config's. */
export function splitArgs(argv: readonly string[], withValue: readonly string[], switchNames: readonly string[] = []): SplitArgs {
  const configArgv: string[] = [];
  const { values, switches } = readFlags(argv, withValue, switchNames, configArgv);
  return { own: values, switches, configArgv };
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
