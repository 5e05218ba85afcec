// Telegram alerts' settings (main thread, at start): opt-in through the environment only, so the bot token never
// enters the configuration that workers, logs and the journal see. A bad value stops the start in one line.

export interface TelegramSettings {
  readonly botToken: string;
  /** The allow-list: the only chats notices go to (and, later, the only ones commands are taken from). */
  readonly chatIds: readonly number[];
  /** Bot API root; a local Bot API server or a test's fake may replace Telegram's. */
  readonly apiRoot: string;
}

export class TelegramSettingsError extends Error {
  override readonly name = 'TelegramSettingsError';
}

const tokenPattern = /^\d{5,16}:[A-Za-z0-9_-]{30,64}$/;

/** null when TELEGRAM_BOT_TOKEN is unset or empty (alerts off). */
export function telegramSettingsFrom(env: Readonly<Record<string, string | undefined>>): TelegramSettings | null {
  const token = env['TELEGRAM_BOT_TOKEN']?.trim() ?? '';
  const chats = env['TELEGRAM_CHAT_IDS']?.trim() ?? '';
  if (token === '') {
    if (chats !== '') throw new TelegramSettingsError('TELEGRAM_CHAT_IDS is set but TELEGRAM_BOT_TOKEN is not: set both, or neither');
    return null;
  }
  if (!tokenPattern.test(token)) throw new TelegramSettingsError('TELEGRAM_BOT_TOKEN must be a bot token as BotFather gives it (digits:letters)');
  if (chats === '') throw new TelegramSettingsError('TELEGRAM_CHAT_IDS must list the chats to notify (comma-separated ids): none is set');
  const chatIds = chats.split(',').map((part) => part.trim());
  const bad = chatIds.find((id) => !/^-?\d{1,20}$/.test(id) || !Number.isSafeInteger(Number(id)));
  if (bad !== undefined) throw new TelegramSettingsError(`TELEGRAM_CHAT_IDS must be comma-separated chat ids (integers), got ${JSON.stringify(bad)}`);
  const apiRoot = env['TELEGRAM_API_ROOT']?.trim() || 'https://api.telegram.org';
  if (!/^https?:\/\/[^\s/]+/.test(apiRoot))
    throw new TelegramSettingsError(`TELEGRAM_API_ROOT must be an http(s) URL, got ${JSON.stringify(apiRoot)}`);
  return { botToken: token, chatIds: [...new Set(chatIds.map(Number))], apiRoot: apiRoot.replace(/\/+$/, '') };
}
