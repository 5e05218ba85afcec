// Parses `pnpm bench` arguments (main thread of the bench run): --quick, --memory-minutes and --only, with or without
// pnpm's `--` separators; anything else is a BenchUsageError, which run.mjs prints before it exits with code 2.
import { dropArgSeparators } from '@scalper/sim-venue';

/** The benchmarks by the name `--only` and the `pnpm bench:<name>` scripts take, in the order a full run runs them. */
export const benchNames = [
  'parse',
  'ring',
  'strategy',
  'decision',
  'order',
  'hop',
  'relay',
  'throughput',
  'memory',
  'backtest',
  'queue',
  'journal',
  'dashboard',
  'peer',
];

export const benchUsage =
  'usage: pnpm bench [-- --quick] [-- --memory-minutes N] [-- --only NAME[,NAME]]   (about 20 minutes, 3 with --quick; writes docs/benchmarks.md)\n' +
  `  NAME: ${benchNames.join(', ')}; with --only the tables are printed and docs/benchmarks.md is left as it is (pnpm bench:NAME runs one)`;

export class BenchUsageError extends Error {
  name = 'BenchUsageError';
}

/** `{ help: true }`, or the run's settings and the arguments as given without the separators (for the report). */
export function parseBenchArgs(rawArgv) {
  const argv = dropArgSeparators(rawArgv);
  if (argv.includes('--help')) return { help: true };
  let quick = false;
  let minutesText;
  let only = null;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--quick') quick = true;
    else if (token === '--memory-minutes' || token.startsWith('--memory-minutes=')) {
      if (minutesText !== undefined) throw new BenchUsageError('--memory-minutes is given twice');
      minutesText = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[++i];
      if (minutesText === undefined || minutesText === '' || minutesText.startsWith('--'))
        throw new BenchUsageError('--memory-minutes needs a value');
    } else if (token === '--only' || token.startsWith('--only=')) {
      if (only !== null) throw new BenchUsageError('--only is given twice');
      const text = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[++i];
      if (text === undefined || text === '' || text.startsWith('--'))
        throw new BenchUsageError(`--only needs one or more of ${benchNames.join(', ')}`);
      only = text.split(',');
      const unknown = only.find((name) => !benchNames.includes(name));
      if (unknown !== undefined) throw new BenchUsageError(`--only: no benchmark named ${JSON.stringify(unknown)} (${benchNames.join(', ')})`);
    } else throw new BenchUsageError(token.startsWith('--') ? `unknown flag ${token.split('=')[0]}` : `unexpected argument ${JSON.stringify(token)}`);
  }
  const memoryMinutes = minutesText === undefined ? (quick ? 0.35 : 2) : /^\d+(\.\d+)?$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  if (!(memoryMinutes > 0)) throw new BenchUsageError(`--memory-minutes needs a positive number, got ${JSON.stringify(minutesText)}`);
  return { help: false, quick, memoryMinutes, only, argv };
}
