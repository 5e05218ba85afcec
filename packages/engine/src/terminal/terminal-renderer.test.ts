import { describe, expect, it } from '@jest/globals';
import { TerminalRenderer } from './terminal-renderer.js';

function screen(columns?: number) {
  const writes: string[] = [];
  return { writes, out: { write: (text: string) => writes.push(text), columns } };
}

describe('TerminalRenderer', () => {
  it('keeps log lines above a status block that is redrawn in place, never scrolled', () => {
    const { writes, out } = screen(40);
    const renderer = new TerminalRenderer(out);
    renderer.print('starting');
    renderer.status([['ETHUSDT score 3.39e+7', 'blocked: ready'], ['position flat']]);
    renderer.print(['WARN wide spread', 'INFO order placed']);
    renderer.status([['ETHUSDT score 3.39e+7', 'blocked: in position'], ['position Buy 0.3']]);
    expect(writes).toEqual([
      'starting\n',
      'ETHUSDT score 3.39e+7 | blocked: ready\nposition flat',
      '\r\x1b[1A\x1b[JWARN wide spread\nINFO order placed\nETHUSDT score 3.39e+7 | blocked: ready\nposition flat',
      '\r\x1b[1A\x1b[JETHUSDT score 3.39e+7 | blocked: in po…\nposition Buy 0.3',
    ]);
  });

  it('takes 120 columns when the terminal does not say (a pseudo-terminal nobody sized reports 0)', () => {
    const { writes, out } = screen(0);
    new TerminalRenderer(out).status([['x'.repeat(100)], ['y']]);
    expect(writes).toEqual([`${'x'.repeat(100)} | y`]);
  });

  it('erases the block on close and prints plain lines after it', () => {
    const { writes, out } = screen(80);
    const renderer = new TerminalRenderer(out);
    renderer.status([['one line']]);
    renderer.close();
    renderer.close();
    renderer.status([['ignored']]);
    renderer.print('summary');
    expect(writes).toEqual(['one line', '\r\x1b[J', 'summary\n']);
  });
});
