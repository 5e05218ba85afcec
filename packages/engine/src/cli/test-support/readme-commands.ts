// Test support (Jest thread): the command lines of a Markdown file's fenced `bash` blocks, one per command of an
// `&&` chain, without their `# comments`, and how each reads as a pnpm command.

export interface ReadmeCommand {
  /** 1-based line in the Markdown file. */
  readonly line: number;
  /** As written, without its comment: `npx -y pnpm@12.4.2 install`. */
  readonly text: string;
  /** `NAME=value` words before the command. */
  readonly env: Readonly<Record<string, string>>;
  /** The arguments after `pnpm` (or `npx -y pnpm@<version>`); null when the command is not pnpm. */
  readonly pnpmArgs: readonly string[] | null;
  /** `pnpm <pnpmArgs>`, the name skip lists use: one for both spellings of pnpm. */
  readonly name: string;
}

/** Shell words with '...' and "..." quoting; enough for a README, not a shell. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+)/g;
  let current = '';
  let last = -1;
  for (const match of text.matchAll(pattern)) {
    const piece = match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? (match[3] as string);
    // Adjacent pieces (`--grid="a b"`) are one word.
    if (match.index === last) current += piece;
    else {
      if (last >= 0) words.push(current);
      current = piece;
    }
    last = match.index + match[0].length;
  }
  if (last >= 0) words.push(current);
  return words;
}

/** The text before an unquoted `#` that starts a word. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

function asCommand(line: number, text: string): ReadmeCommand {
  const words = shellWords(text);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string)) {
    const word = words.shift() as string;
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  let pnpmArgs: string[] | null = null;
  if (words[0] === 'pnpm') pnpmArgs = words.slice(1);
  else if (words[0] === 'npx' && words[1] === '-y' && /^pnpm(@[\w.-]+)?$/.test(words[2] ?? '')) pnpmArgs = words.slice(3);
  return { line, text, env, pnpmArgs, name: pnpmArgs === null ? text : ['pnpm', ...pnpmArgs].join(' ') };
}

/** Every command of every ```bash block, in order; a trailing `\` joins the next line. */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const lines = markdown.split('\n');
  let fence: 'bash' | 'other' | null = null;
  let pending = '';
  let pendingLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (/^\s*```/.test(raw)) {
      fence = fence !== null ? null : /^\s*```(bash|sh|shell)\s*$/.test(raw) ? 'bash' : 'other';
      continue;
    }
    if (fence !== 'bash') continue;
    const code = withoutComment(raw);
    if (pending === '') pendingLine = i + 1;
    if (/\\\s*$/.test(code)) {
      pending += `${code.replace(/\\\s*$/, '')} `;
      continue;
    }
    const full = `${pending}${code}`;
    pending = '';
    for (const part of full.split('&&')) {
      const text = part.trim().replace(/\s+/g, ' ');
      if (text !== '') commands.push(asCommand(pendingLine, text));
    }
  }
  return commands;
}
