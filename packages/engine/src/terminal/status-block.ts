// The status block at the bottom of a terminal (main thread), as pure text: fitting the status into the width and
// the escape sequences that redraw it in place. Lines are cut to the width, never wrapped: a wrapped line would make
// the block taller than the cursor-up that erases it, and every redraw would leave a copy behind.

const esc = '\x1b[';
/** Any ANSI escape sequence (colours, cursor moves): it takes no columns. */
const ansi = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Columns a string takes: code points without escape sequences (the status uses no double-width characters). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(ansi, '')) width++;
  return width;
}

/** Cuts `text` (plain, no escapes) to `width` columns, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars
    .slice(0, width - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * The status as lines for a terminal `columns` wide: every group on one line when they fit, else one line per
 * group, each cut to fit. One column is kept free so the cursor never sits in the pending-wrap position.
 */
export function fitStatus(groups: readonly (readonly string[])[], columns: number, separator = ' | '): string[] {
  const width = Math.max(1, columns - 1);
  const oneLine = groups.map((group) => group.join(separator)).join(separator);
  if (visibleWidth(oneLine) <= width) return [oneLine];
  return groups.map((group) => truncate(group.join(separator), width));
}

/**
 * Erases a block of `lines` lines drawn last, with the cursor at the end of its last line (the block ends without
 * a newline): back to column 0, up to its first line, clear to the end of the screen.
 */
export function eraseBlock(lines: number): string {
  if (lines <= 0) return '';
  return `\r${lines > 1 ? `${esc}${lines - 1}A` : ''}${esc}J`;
}

/**
 * One write that replaces the block: erase the old one, print `text` (whole lines, each ending in a newline) where
 * it stood, then draw the new block below it. `text` stays on screen and scrolls up; the block never scrolls.
 */
export function redraw(drawnLines: number, text: string, block: readonly string[]): string {
  return `${eraseBlock(drawnLines)}${text}${block.join('\n')}`;
}
