// The way out to Telegram (main thread): one queue per chat, sent at most one message a second per chat (Telegram
// throttles faster senders, and a blocked bot alerts no one), bounded so an outage cannot grow memory: the oldest
// notices go first and the next message says how many. Sends run beside the engine; none is ever awaited by it.

export interface OutboxOptions {
  /** Sends one message; rejects on failure. */
  readonly send: (chatId: number, text: string) => Promise<void>;
  /** How long Telegram asked us to wait (a 429's retry_after), or null for any other failure. */
  readonly retryAfterMsOf: (error: unknown) => number | null;
  readonly onProblem: (problem: string) => void;
  /** Least time between two messages to one chat; default 1,100 ms. */
  readonly perChatIntervalMs?: number;
  /** Notices kept per chat while sending lags; default 50. */
  readonly capacity?: number;
}

interface ChatQueue {
  readonly waiting: string[];
  dropped: number;
  sending: boolean;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export class TelegramOutbox {
  private readonly chats = new Map<number, ChatQueue>();
  private closed = false;
  sent = 0;
  failed = 0;

  constructor(private readonly options: OutboxOptions) {}

  /** Queues `text` for `chatId`; returns at once. */
  post(chatId: number, text: string): void {
    if (this.closed) return;
    let chat = this.chats.get(chatId);
    if (chat === undefined) this.chats.set(chatId, (chat = { waiting: [], dropped: 0, sending: false }));
    chat.waiting.push(text);
    if (chat.waiting.length > (this.options.capacity ?? 50)) {
      chat.waiting.shift();
      chat.dropped++;
    }
    if (!chat.sending) void this.pump(chatId, chat);
  }

  /** Resolves when every queue is empty, or after `timeoutMs`; then takes no more. */
  async close(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && [...this.chats.values()].some((chat) => chat.waiting.length > 0 || chat.sending)) await sleep(20);
    this.closed = true;
  }

  private async pump(chatId: number, chat: ChatQueue): Promise<void> {
    chat.sending = true;
    try {
      while (chat.waiting.length > 0) {
        const next = chat.waiting.shift() as string;
        const text = chat.dropped > 0 ? `(${chat.dropped} older notices dropped while sending lagged)\n${next}` : next;
        const dropped = chat.dropped;
        chat.dropped = 0;
        try {
          await this.options.send(chatId, text);
          this.sent++;
        } catch (error) {
          const retryAfterMs = this.options.retryAfterMsOf(error);
          if (retryAfterMs !== null && !this.closed) {
            // Told to wait: the notice goes back to the front and is sent after the wait.
            chat.waiting.unshift(next);
            chat.dropped += dropped;
            await sleep(retryAfterMs);
            continue;
          }
          this.failed++;
          this.options.onProblem(`telegram: a notice to chat ${chatId} was not sent: ${(error as Error).message}`);
        }
        await sleep(this.options.perChatIntervalMs ?? 1_100);
      }
    } finally {
      chat.sending = false;
    }
  }
}
