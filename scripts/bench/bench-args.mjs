// Parses `pnpm bench` arguments (main thread of the bench run): --quick and --memory-minutes, with or without
// pnpm's `--` separators; anything else is a BenchUsageError, which run.mjs prints before it exits with code 2.
import { dropArgSeparators } from '../../packages/sim-venue/dist/index.js';

export const benchUsage = 'usage: pnpm bench [-- --quick] [-- --memory-minutes N]   (about 9 minutes, 2 with --quick; writes docs/benchmarks.md)';

export class BenchUsageError extends Error {
  name = 'BenchUsageError';
}

/** `{ help: true }`, or the run's settings and the arguments as given without the separators (for the report). */
export function parseBenchArgs(rawArgv) {
  const argv = dropArgSeparators(rawArgv);
  if (argv.includes('--help')) return { help: true };
  let quick = false;
  let minutesText;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--quick') quick = true;
    else if (token === '--memory-minutes' || token.startsWith('--memory-minutes=')) {
      if (minutesText !== undefined) throw new BenchUsageError('--memory-minutes is given twice');
      minutesText = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[++i];
      if (minutesText === undefined || minutesText === '' || minutesText.startsWith('--'))
        throw new BenchUsageError('--memory-minutes needs a value');
    } else throw new BenchUsageError(token.startsWith('--') ? `unknown flag ${token.split('=')[0]}` : `unexpected argument ${JSON.stringify(token)}`);
  }
  const memoryMinutes = minutesText === undefined ? (quick ? 0.35 : 2) : /^\d+(\.\d+)?$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  if (!(memoryMinutes > 0)) throw new BenchUsageError(`--memory-minutes needs a positive number, got ${JSON.stringify(minutesText)}`);
  return { help: false, quick, memoryMinutes, argv };
}
