// Test support (Jest thread): a Bot API server on 127.0.0.1 for grammY's apiRoot. It answers getMe and
// deleteWebhook, hands out queued updates to getUpdates (long polls briefly when there are none), and keeps every
// sendMessage; it can fail sendMessage, or be down for the first getMe calls.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  readonly path: string;
  readonly chatId: number;
  readonly text: string;
}

export interface FakeBotApi {
  readonly server: Server;
  readonly apiRoot: string;
  readonly sent: SentMessage[];
  /** getUpdates calls so far (polling that stopped stops raising it). */
  readonly polls: () => number;
  /** A text message from `chatId`, as Telegram would deliver it (a leading /command is marked as one). */
  say(chatId: number, text: string): void;
  close(): Promise<void>;
}

/** `failWith`: sendMessage's HTTP status on every call; `downFor`: how many first calls of getMe answer 502. */
export async function startFakeBotApi(options: { readonly failWith?: number; readonly downFor?: number } = {}): Promise<FakeBotApi> {
  let getMeFailures = options.downFor ?? 0;
  const sent: SentMessage[] = [];
  const updates: unknown[] = [];
  let nextUpdateId = 1;
  let polls = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const method = (request.url ?? '').split('/').pop()?.split('?')[0] ?? '';
      const payload = JSON.parse(body === '' ? '{}' : body) as { chat_id?: number; text?: string; offset?: number };
      const reply = (result: unknown): void =>
        void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      switch (method) {
        case 'getMe':
          if (getMeFailures > 0) {
            getMeFailures--;
            response
              .writeHead(502, { 'Content-Type': 'application/json' })
              .end(JSON.stringify({ ok: false, error_code: 502, description: 'Bad Gateway' }));
            return;
          }
          return reply({ id: 42, is_bot: true, first_name: 'Scalper', username: 'scalper_test_bot' });
        case 'deleteWebhook':
          return reply(true);
        case 'getUpdates': {
          polls++;
          const offset = payload.offset ?? 0;
          const due = () => updates.filter((update) => (update as { update_id: number }).update_id >= offset);
          if (due().length > 0) return reply(due());
          setTimeout(() => reply(due()), 100);
          return;
        }
        case 'sendMessage': {
          sent.push({ path: request.url ?? '', chatId: Number(payload.chat_id), text: String(payload.text) });
          if (options.failWith !== undefined) {
            response
              .writeHead(options.failWith, { 'Content-Type': 'application/json' })
              .end(JSON.stringify({ ok: false, error_code: options.failWith, description: 'Bad Gateway' }));
            return;
          }
          return reply({ message_id: sent.length, date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text });
        }
        default:
          response
            .writeHead(404, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ ok: false, error_code: 404, description: `no ${method}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    polls: () => polls,
    say(chatId, text) {
      const command = /^\/\w+/.exec(text)?.[0];
      updates.push({
        update_id: nextUpdateId++,
        message: {
          message_id: nextUpdateId,
          date: Math.floor(Date.now() / 1_000),
          chat: { id: chatId, type: 'private' },
          from: { id: chatId, is_bot: false, first_name: 'Trader' },
          text,
          ...(command === undefined ? {} : { entities: [{ type: 'bot_command', offset: 0, length: command.length }] }),
        },
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
