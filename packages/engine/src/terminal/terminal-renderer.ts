// The one writer of a terminal (main thread): log lines scroll above, the status block stays at the bottom and is
// redrawn in place. Every write goes through here, so nothing else may write to the same screen meanwhile.

import { eraseBlock, fitStatus, redraw } from './status-block.js';

export interface TerminalOut {
  write(text: string): unknown;
  /** The terminal's width; undefined or 0 when unknown. */
  readonly columns?: number | undefined;
}

/** Used when the terminal does not say how wide it is. */
const fallbackColumns = 120;

export class TerminalRenderer {
  /** The block as drawn last, so the next write can erase exactly that many lines. */
  private block: readonly string[] = [];
  private closed = false;

  constructor(private readonly out: TerminalOut) {}

  /** Lines (without newlines) printed above the status block, which is drawn again below them. */
  print(lines: string | readonly string[]): void {
    const list = typeof lines === 'string' ? [lines] : lines;
    if (list.length === 0) return;
    const text = `${list.join('\n')}\n`;
    this.out.write(this.closed ? text : redraw(this.block.length, text, this.block));
  }

  /** Replaces the status block; the groups go on one line when they fit, else one line per group. */
  status(groups: readonly (readonly string[])[]): void {
    if (this.closed) return;
    // A pseudo-terminal nobody sized (script without a terminal) says 0 columns.
    const columns = this.out.columns !== undefined && this.out.columns > 0 ? this.out.columns : fallbackColumns;
    const next = fitStatus(groups, columns);
    this.out.write(redraw(this.block.length, '', next));
    this.block = next;
  }

  /** Erases the block for good; what is printed after this are plain lines. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.block.length > 0) this.out.write(eraseBlock(this.block.length));
    this.block = [];
  }
}
