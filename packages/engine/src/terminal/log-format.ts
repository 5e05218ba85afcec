// log.format (main thread): `auto` is resolved once, at start, from whether stdout is a terminal; the workers are
// told the result, never `auto`.

export type LogFormat = 'auto' | 'pretty' | 'json';
export type ResolvedLogFormat = Exclude<LogFormat, 'auto'>;

export function resolveLogFormat(format: LogFormat, stdoutIsTty: boolean): ResolvedLogFormat {
  if (format !== 'auto') return format;
  return stdoutIsTty ? 'pretty' : 'json';
}
