// Tests of the README command extractor (Jest thread): what the README test runs is only as good as this.

import { describe, expect, it } from '@jest/globals';
import { readmeCommands, shellWords } from './readme-commands.js';

const markdown = [
  '# Title',
  '```bash',
  'npx -y pnpm@12.4.2 install && npx -y pnpm@12.4.2 start      # paper trading',
  '',
  'pnpm sweep -- --grid "a=1,2 # not a comment" --out x   # a comment',
  'SCALPER_LOG_LEVEL=warn pnpm start -- --venue sim',
  'pnpm backtest -- --data data/sample \\',
  '  --report my.html',
  'kill -USR2 1234',
  '```',
  '```',
  'pnpm not-bash',
  '```',
  '```ts',
  'pnpm not-bash-either',
  '```',
].join('\n');

describe('readmeCommands', () => {
  it('reads every command of the bash blocks: && chains split, comments gone, continued lines joined', () => {
    expect(readmeCommands(markdown).map(({ line, name }) => [line, name])).toEqual([
      [3, 'pnpm install'],
      [3, 'pnpm start'],
      [5, 'pnpm sweep -- --grid a=1,2 # not a comment --out x'],
      [6, 'pnpm start -- --venue sim'],
      [7, 'pnpm backtest -- --data data/sample --report my.html'],
      [9, 'kill -USR2 1234'],
    ]);
  });

  it('keeps the arguments after pnpm, the variables set before it, and null for a command that is not pnpm', () => {
    const [install, , sweep, start, , kill] = readmeCommands(markdown);
    expect(install).toMatchObject({ text: 'npx -y pnpm@12.4.2 install', pnpmArgs: ['install'], env: {} });
    expect(sweep?.pnpmArgs).toEqual(['sweep', '--', '--grid', 'a=1,2 # not a comment', '--out', 'x']);
    expect(start).toMatchObject({ env: { SCALPER_LOG_LEVEL: 'warn' }, pnpmArgs: ['start', '--', '--venue', 'sim'] });
    expect(kill?.pnpmArgs).toBeNull();
  });
});

describe('shellWords', () => {
  it('splits on spaces outside quotes and joins quoted pieces to their word', () => {
    expect(shellWords(`a "b c" 'd e' --grid="x y"z`)).toEqual(['a', 'b c', 'd e', '--grid=x yz']);
    expect(shellWords('  ')).toEqual([]);
  });
});
