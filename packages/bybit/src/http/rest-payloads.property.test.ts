// Property test (Jest thread): mutated REST payloads, built from the documented rest_* fixtures, through the item
// parsers, instrument rules, rate-limit headers and the REST client over a fake HTTP call. Nothing ill-formed gets out.

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { parseInstrumentRules } from '../instruments/instrument-rules.js';
import { parseExecutionItem, parseOrderItem } from '../parse/order-parsers.js';
import type { ParseResult } from '../parse/parse-result.js';
import { parsePositionItem } from '../parse/position-parser.js';
import { parseTickerItem } from '../parse/ticker-parser.js';
import { parseWalletItem } from '../parse/wallet-parser.js';
import { checkFill, checkInstrumentRules, checkOrderUpdate, checkPosition, checkTicker, checkWallet } from '../test-support/accepted-values.js';
import { loadFixture } from '../test-support/fixtures.js';
import { hostileTexts, mutatedValue, mutateText, mutateTree, textMutation, toJsonText, treeMutation } from '../test-support/json-mutations.js';
import { mustBe, mustBeDecimal, mustBeRefusal, mustBeTimestamp } from '../test-support/well-formed.js';
import { BybitRestClient, type Parsed } from './bybit-rest-client.js';
import type { HttpAnswer } from './http-send.js';
import { readRateLimitHeaders } from './rate-limiter.js';
import { BybitRestTransport } from './rest-transport.js';

type Payload = Record<string, unknown>;
type Envelope = Payload & { result: Payload & { list?: unknown[] } };

function envelope(name: string): Envelope {
  return loadFixture<Envelope>(name).payload;
}

function firstItem(name: string): unknown {
  return envelope(name).result.list?.[0];
}

const executionData = loadFixture<{ data: unknown[] }>('ws_private_execution_docs.json').payload.data;
const bookData = loadFixture<{ data: Payload }>('ws_orderbook50_snapshot_docs.json').payload.data;

interface ItemParser {
  readonly name: string;
  readonly item: unknown;
  readonly check: (raw: unknown) => void;
}

function checked<T>(parse: (raw: unknown) => ParseResult<T>, check: (value: T) => void, what: string): (raw: unknown) => void {
  return (raw) => {
    const outcome = parse(raw);
    if (outcome.ok) check(outcome.value);
    else mustBeRefusal(outcome, what);
  };
}

function checkRules(raw: unknown): void {
  const outcome = parseInstrumentRules(raw);
  if (outcome.ok) checkInstrumentRules(outcome.value);
  else mustBeRefusal(outcome, 'instrument');
}

const itemParsers: readonly ItemParser[] = [
  { name: 'ticker', item: firstItem('rest_tickers_inverse_docs.json'), check: checked(parseTickerItem, checkTicker, 'ticker') },
  { name: 'order', item: firstItem('rest_order_realtime_docs.json'), check: checked(parseOrderItem, checkOrderUpdate, 'order') },
  { name: 'position', item: firstItem('rest_position_list_docs.json'), check: checked(parsePositionItem, checkPosition, 'position') },
  { name: 'wallet', item: firstItem('rest_wallet_balance_docs.json'), check: checked(parseWalletItem, checkWallet, 'wallet') },
  { name: 'execution', item: executionData[0], check: checked(parseExecutionItem, checkFill, 'execution') },
  { name: 'instrument', item: firstItem('rest_instruments_info_linear_docs.json'), check: checkRules },
  { name: 'prelisting instrument', item: firstItem('rest_instruments_info_linear_prelisting_docs.json'), check: checkRules },
];

const credentials = { apiKey: 'test-key-123456', apiSecret: 'test-secret-abcdefghijklmnop' };
const btc = toSymbol('BTCUSDT');
const nowMs = 1_700_000_000_000;

function checkParsed<T>(parsed: Parsed<T>, check: (value: T) => void): void {
  for (const item of parsed.items) check(item);
  for (const reason of parsed.refused) mustBe(typeof reason === 'string' && reason.length > 0, 'a refusal without a reason');
}

function checkAck(ack: { orderId: unknown; orderLinkId: unknown }): void {
  mustBe(typeof ack.orderId === 'string' && typeof ack.orderLinkId === 'string', 'an ack without string ids');
}

/** One client call against one documented answer, and what its value must look like. */
interface Endpoint {
  readonly name: string;
  readonly answer: unknown;
  readonly call: (client: BybitRestClient, transport: BybitRestTransport) => Promise<void>;
}

const endpoints: readonly Endpoint[] = [
  {
    name: 'tickers',
    answer: envelope('rest_tickers_inverse_docs.json'),
    call: async (client) => checkParsed(await client.linearTickers(), checkTicker),
  },
  {
    name: 'instruments-info',
    answer: envelope('rest_instruments_info_linear_docs.json'),
    call: async (client) => (await client.linearInstruments()).forEach(checkRules),
  },
  {
    name: 'instruments-info pre-listing',
    answer: envelope('rest_instruments_info_linear_prelisting_docs.json'),
    call: async (client) => (await client.linearInstruments()).forEach(checkRules),
  },
  {
    name: 'open orders',
    answer: envelope('rest_order_realtime_docs.json'),
    call: async (client) => checkParsed(await client.openOrders(btc), checkOrderUpdate),
  },
  {
    name: 'positions',
    answer: envelope('rest_position_list_docs.json'),
    call: async (client) => checkParsed(await client.positions(btc), checkPosition),
  },
  {
    name: 'executions',
    answer: { retCode: 0, retMsg: 'OK', result: { category: 'linear', list: executionData, nextPageCursor: '' }, retExtInfo: {}, time: nowMs },
    call: async (client) => checkParsed(await client.executions(btc), checkFill),
  },
  {
    name: 'wallet balance',
    answer: envelope('rest_wallet_balance_docs.json'),
    call: async (client) => checkParsed(await client.walletBalance('UNIFIED'), checkWallet),
  },
  {
    name: 'order book',
    answer: {
      retCode: 0,
      retMsg: 'OK',
      result: { s: 'BTCUSDT', b: bookData['b'], a: bookData['a'], ts: nowMs, u: bookData['u'], seq: bookData['seq'] },
      time: nowMs,
    },
    call: async (client) => {
      const book = await client.orderBook(btc);
      for (const [price, size] of [...book.bids, ...book.asks]) {
        mustBeDecimal(price, 'book price', 'positive');
        mustBeDecimal(size, 'book size', 'positive');
      }
      mustBeTimestamp(book.updateId, 'book u');
      mustBeTimestamp(book.tsMs, 'book ts');
    },
  },
  {
    name: 'create order',
    answer: envelope('rest_order_create_response_docs.json'),
    call: async (client) =>
      checkAck(
        await client.createOrder({
          orderLinkId: 'p-1',
          symbol: btc,
          side: 'Buy',
          orderType: 'Market',
          timeInForce: 'IOC',
          qty: toDecimalString('0.010'),
          reduceOnly: false,
          tsCreatedMs: nowMs,
        }),
      ),
  },
  {
    name: 'cancel order',
    answer: envelope('rest_order_cancel_response_docs.json'),
    call: async (client) => checkAck(await client.cancelOrder(btc, { orderLinkId: 'p-1' })),
  },
  {
    name: 'cancel all',
    answer: envelope('rest_order_cancel_all_response_docs.json'),
    call: async (client) => (await client.cancelAll(btc)).forEach(checkAck),
  },
  {
    name: 'set leverage',
    answer: envelope('rest_set_leverage_response_docs.json'),
    call: async (client) => mustBe(['set', 'unchanged'].includes(await client.setLeverage(btc, '5')), 'leverage outcome'),
  },
  {
    name: 'switch mode',
    answer: envelope('rest_envelope_docs.json'),
    call: async (client) => mustBe(['set', 'unchanged'].includes(await client.switchToOneWayMode(btc)), 'mode outcome'),
  },
  {
    name: 'server time',
    answer: envelope('rest_market_time_docs.json'),
    call: async (client, transport) => {
      mustBe(Number.isSafeInteger(await client.serverTimeMs()), 'server time is not a safe integer');
      mustBe(Number.isSafeInteger(transport.clockOffset), `clock offset ${transport.clockOffset}`);
    },
  },
];

/** The page a paged endpoint gets after following nextPageCursor: empty and last. */
const lastPage = JSON.stringify({ retCode: 0, retMsg: 'OK', result: { list: [], nextPageCursor: '' }, retExtInfo: {}, time: nowMs });

const clientErrorNames = new Set(['BybitApiError', 'BybitTransportError', 'BybitIpBanError']);

const headerValue = fc.oneof(fc.constant(null), fc.constantFrom(...hostileTexts), fc.nat().map(String));

const exchange = fc.record({
  endpoint: fc.nat({ max: endpoints.length - 1 }),
  tree: fc.array(treeMutation, { maxLength: 4 }),
  text: fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }),
  status: fc.oneof({ weight: 8, arbitrary: fc.constant(200) }, { weight: 1, arbitrary: fc.constantFrom(400, 403, 404, 429, 500, 502) }),
  limitStatus: headerValue,
  limitReset: headerValue,
});

describe('REST payload parsers on mutated documented items', () => {
  it('refuse with a reason or return well-formed values, and never throw', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: itemParsers.length - 1 }).chain((index) => fc.tuple(fc.constant(index), mutatedValue(itemParsers[index]?.item))),
        ([index, item]) => {
          (itemParsers[index] as ItemParser).check(item);
        },
      ),
      { seed: 0x5e57, numRuns: 10_000 },
    );
  });

  it('read rate-limit headers as safe integers or not at all', () => {
    fc.assert(
      fc.property(headerValue, headerValue, (status, reset) => {
        const headers = readRateLimitHeaders({ get: (name) => (name === 'x-bapi-limit-status' ? status : reset) });
        if (headers.remaining !== null) mustBeTimestamp(headers.remaining, 'x-bapi-limit-status');
        if (headers.resetAtMs !== null) mustBeTimestamp(headers.resetAtMs, 'x-bapi-limit-reset-timestamp');
      }),
      { seed: 0x11e17, numRuns: 2_000 },
    );
  });
});

describe('BybitRestClient on mutated documented answers', () => {
  it('resolves with well-formed values or rejects with one of its own errors', async () => {
    const outcomes = { resolved: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(exchange, async ({ endpoint, tree, text, status, limitStatus, limitReset }) => {
        const target = endpoints[endpoint] as Endpoint;
        const body = mutateText(toJsonText(mutateTree(target.answer, tree)), text);
        const headers: HttpAnswer['headers'] = {
          get: (name) => (name === 'x-bapi-limit-status' ? limitStatus : name === 'x-bapi-limit-reset-timestamp' ? limitReset : null),
        };
        const transport = new BybitRestTransport({
          baseUrl: 'http://127.0.0.1:1',
          credentials,
          maxRetries: 0,
          now: () => nowMs,
          sleep: async () => {},
          http: async ({ url }) => ({ status, headers, text: url.includes('cursor=') ? lastPage : body }),
        });
        try {
          await target.call(new BybitRestClient(transport), transport);
          outcomes.resolved++;
        } catch (error) {
          // Duck-typed: a class check could fail across Jest's module realms.
          const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
          if (typeof name !== 'string' || !clientErrorNames.has(name)) throw error;
          mustBe(typeof message === 'string' && message.length > 0, `${name} without a message`);
          outcomes.rejected++;
        }
      }),
      { seed: 0xc11e47, numRuns: 10_000 },
    );
    // Both paths must be exercised in earnest, not only the error path.
    expect(outcomes.resolved).toBeGreaterThan(2_000);
    expect(outcomes.rejected).toBeGreaterThan(2_000);
  });
});
