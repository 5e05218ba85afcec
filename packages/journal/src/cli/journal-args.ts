// Parses `pnpm journal` arguments (CLI main thread): a command, then --name value flags, with or without pnpm's `--`.
// Bad usage is a JournalUsageError: its message is the one line printed before the usage and exit code 2.

import { resolve } from 'node:path';

export const journalUsage =
  'usage: pnpm journal -- today|days|trades|export|resume [--venue sim|paper|testnet|demo|mainnet | --path FILE] [--from ISO] [--to ISO] [--csv] [--out FILE]\n' +
  '  today   the UTC day so far: round trips, win rate, net PnL after fees, and the halt in force\n' +
  '  days    one row per UTC day: trades, win rate, net PnL, fees\n' +
  '  trades  the round trips closed from --from (default: the start of today, UTC) to --to (default: now)\n' +
  '  export  --csv: the round trips of the span as CSV, to stdout or --out FILE\n' +
  "  resume  lifts the halt in force (kill switch or daily loss) for the engine's next start\n" +
  '  The journal is data/journal/<venue>.sqlite (venue sim by default), as the engine writes it, or --path FILE.';

export class JournalUsageError extends Error {
  override readonly name = 'JournalUsageError';
}

export type JournalCommand = 'today' | 'days' | 'trades' | 'export' | 'resume';
const commands: readonly JournalCommand[] = ['today', 'days', 'trades', 'export', 'resume'];
const venues = ['sim', 'paper', 'testnet', 'demo', 'mainnet'] as const;

export interface JournalArgs {
  readonly command: JournalCommand;
  readonly path: string;
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly csv: boolean;
  readonly out: string | null;
}

/** The journal file the engine writes for a venue: one per venue, so paper and live never mix. */
export function defaultJournalPath(venue: string): string {
  return resolve('data', 'journal', `${venue}.sqlite`);
}

function timeOf(flag: string, text: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms))
    throw new JournalUsageError(`${flag} must be an ISO date or time such as 2026-12-07 or 2026-12-07T09:30:00Z, got ${JSON.stringify(text)}`);
  return ms;
}

/** `{ help: true }`, or the command and its settings. */
export function parseJournalArgs(rawArgv: readonly string[]): { readonly help: true } | JournalArgs {
  const argv = rawArgv.filter((token) => token !== '--');
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const values = new Map<string, string>();
  let csv = false;
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('--')) {
      if (command !== null) throw new JournalUsageError(`unexpected argument ${JSON.stringify(token)}`);
      command = token;
      continue;
    }
    const equals = token.indexOf('=');
    const name = token.slice(2, equals < 0 ? undefined : equals);
    if (name === 'csv' && equals < 0) {
      csv = true;
      continue;
    }
    if (!['venue', 'path', 'from', 'to', 'out'].includes(name)) throw new JournalUsageError(`unknown flag --${name}`);
    const value = equals >= 0 ? token.slice(equals + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new JournalUsageError(`--${name} needs a value`);
    if (values.has(name)) throw new JournalUsageError(`--${name} is given twice`);
    values.set(name, value);
  }
  if (command === null) throw new JournalUsageError(`name a command: ${commands.join(', ')}`);
  if (!commands.includes(command as JournalCommand)) throw new JournalUsageError(`no command ${JSON.stringify(command)}: ${commands.join(', ')}`);
  const venue = values.get('venue');
  if (venue !== undefined && !(venues as readonly string[]).includes(venue))
    throw new JournalUsageError(`--venue must be one of ${venues.join(', ')}, got ${JSON.stringify(venue)}`);
  if (venue !== undefined && values.has('path')) throw new JournalUsageError('--venue and --path name the journal two ways: give one');
  if (command === 'export' && !csv) throw new JournalUsageError('export needs --csv (the one format it writes)');
  if (command !== 'export' && (csv || values.has('out'))) throw new JournalUsageError('--csv and --out go with export');
  const fromMs = values.has('from') ? timeOf('--from', values.get('from') as string) : null;
  const toMs = values.has('to') ? timeOf('--to', values.get('to') as string) : null;
  if (fromMs !== null && toMs !== null && toMs <= fromMs) throw new JournalUsageError('--to must come after --from');
  const path = values.get('path');
  return {
    command: command as JournalCommand,
    path: path !== undefined ? resolve(path) : defaultJournalPath(venue ?? 'sim'),
    fromMs,
    toMs,
    csv,
    out: values.get('out') ?? null,
  };
}
