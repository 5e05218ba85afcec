// Test support (Jest thread): finds keys that occur twice in one JSON object, at any depth. JSON.parse cannot see
// them (the last one silently wins), and pino writes whatever keys it is given, so a log line can carry two.

/** Each duplicate as `path.key` (`$` is the top level); throws on text that is not JSON. */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  let i = 0;

  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${i} in ${text.slice(Math.max(0, i - 20), i + 20)}`);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (char: string): void => {
    skipSpace();
    if (text[i] !== char) fail(`expected ${char}`);
    i++;
  };
  const readString = (): string => {
    expect('"');
    const start = i - 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') return readObject(path);
    if (char === '[') return readArray(path);
    if (char === '"') {
      readString();
      return;
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (literal === null) fail('expected a value');
    i += (literal as RegExpExecArray)[0].length;
  };
  const readObject = (path: string): void => {
    expect('{');
    const keys = new Set<string>();
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      const key = readString();
      if (keys.has(key)) found.push(`${path}.${key}`);
      keys.add(key);
      expect(':');
      readValue(`${path}.${key}`);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect('}');
      return;
    }
  };
  const readArray = (path: string): void => {
    expect('[');
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      readValue(`${path}[${index}]`);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect(']');
      return;
    }
  };

  readValue('$');
  skipSpace();
  if (i !== text.length) fail('trailing text');
  return found;
}
