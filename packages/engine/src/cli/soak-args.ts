// Parses `pnpm soak` arguments (main thread of the soak CLI): --minutes and --seed, with or without pnpm's `--`
// separators; anything else is a SoakUsageError, which the CLI prints before it exits with code 2.

import { dropArgSeparators } from '@scalper/sim-venue';

export const soakUsage = 'usage: pnpm soak [-- --minutes N] [-- --seed S]   (defaults: 10 minutes, seed 7)';

export class SoakUsageError extends Error {
  override readonly name = 'SoakUsageError';
}

export type SoakCommand = { readonly kind: 'help' } | { readonly kind: 'run'; readonly minutes: number; readonly seed: number };

function flagValue(name: string, text: string | undefined): string {
  // "--minutes --seed 3" is a forgotten value, not minutes called "--seed".
  if (text === undefined || text === '' || text.startsWith('--')) throw new SoakUsageError(`--${name} needs a value`);
  return text;
}

export function parseSoakArgs(rawArgv: readonly string[]): SoakCommand {
  const argv = dropArgSeparators(rawArgv);
  if (argv.includes('--help')) return { kind: 'help' };
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const equals = token.indexOf('=');
    const name = token.startsWith('--') ? token.slice(2, equals < 0 ? undefined : equals) : '';
    if (name !== 'minutes' && name !== 'seed') {
      throw new SoakUsageError(name === '' ? `unexpected argument ${JSON.stringify(token)}` : `unknown flag --${name}`);
    }
    if (given.has(name)) throw new SoakUsageError(`--${name} is given twice`);
    given.set(name, flagValue(name, equals < 0 ? argv[++i] : token.slice(equals + 1)));
  }
  const minutesText = given.get('minutes') ?? '10';
  const minutes = /^\d+(\.\d+)?$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  if (!(minutes > 0)) throw new SoakUsageError(`--minutes needs a positive number, got ${JSON.stringify(minutesText)}`);
  // The seed becomes venue.sim.seed, a non-negative integer: refused here rather than by the loader mid-start.
  const seedText = given.get('seed') ?? '7';
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : Number.NaN;
  if (!(seed <= 2 ** 31 - 1)) throw new SoakUsageError(`--seed needs an integer from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(seedText)}`);
  return { kind: 'run', minutes, seed };
}
