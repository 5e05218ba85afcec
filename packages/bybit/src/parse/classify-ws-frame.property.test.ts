// Property test (Jest thread): 100,000 random and mutated Bybit WebSocket frames, built from the documented ws_*
// fixtures, through classifyWsFrame, the item parsers and the L2 book. Nothing throws; nothing ill-formed gets out.

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toSymbol } from '@scalper/protocol';
import { L2OrderBook } from '../book/l2-order-book.js';
import { checkBookTop, checkFill, checkOrderUpdate, checkPosition, checkTicker, checkTrade, checkWallet } from '../test-support/accepted-values.js';
import { loadFixture } from '../test-support/fixtures.js';
import { anyCharacter, mutateText, mutateTree, textMutation, toJsonText, treeMutation } from '../test-support/json-mutations.js';
import { mustBe, mustBeDecimal, mustBeRefusal, mustBeTimestamp } from '../test-support/well-formed.js';
import { classifyWsFrame } from './classify-ws-frame.js';
import { parseExecutionItem, parseOrderItem } from './order-parsers.js';
import type { ParseResult } from './parse-result.js';
import { parsePositionItem } from './position-parser.js';
import { parseTickerItem } from './ticker-parser.js';
import { parseWsTrade } from './trade-parser.js';
import { parseWalletItem } from './wallet-parser.js';
import type { OrderBookFrame, WsFrame } from './ws-frame.js';

const frameFixtures = [
  'ws_public_trade_docs.json',
  'ws_orderbook50_snapshot_docs.json',
  'ws_orderbook50_delta_docs.json',
  'ws_private_order_docs.json',
  'ws_private_execution_docs.json',
  'ws_private_position_docs.json',
  'ws_private_wallet_docs.json',
  'ws_pong_private_docs.json',
  'ws_pong_public_linear_docs.json',
  'ws_pong_public_option_docs.json',
  'ws_pong_public_spot_docs.json',
  'ws_auth_success_docs.json',
  'ws_auth_request_docs.json',
  'ws_subscribe_response_private_docs.json',
  'ws_subscribe_response_public_linear_docs.json',
  'ws_subscribe_response_public_spot_docs.json',
] as const;

type Payload = Record<string, unknown>;

const basePayloads: unknown[] = frameFixtures.map((name) => loadFixture(name).payload);
// The trade-API fixtures hold a request and its answer; the answers arrive on a socket like any other frame.
for (const name of ['ws_trade_auth_docs.json', 'ws_trade_order_create_docs.json', 'ws_trade_ping_pong_docs.json']) {
  basePayloads.push(loadFixture<{ response: unknown }>(name).payload.response);
}
basePayloads.push(loadFixture<{ single: unknown }>('ws_subscribe_request_docs.json').payload.single);
// Bybit documents no linear tickers frame; this one wraps the documented REST ticker item the way the stream does.
const tickerItem = loadFixture<{ result: { list: Payload[] } }>('rest_tickers_inverse_docs.json').payload.result.list[0];
basePayloads.push({
  topic: 'tickers.BTCUSDT',
  type: 'snapshot',
  ts: 1673272861686,
  cs: 24987956059,
  data: { ...tickerItem, symbol: 'BTCUSDT' },
});
// The trade fixture with three items, so a mutation can spoil one item and leave the others to be parsed.
const tradeFrame = loadFixture<Payload & { data: Payload[] }>('ws_public_trade_docs.json').payload;
const tradeItem = tradeFrame.data[0];
basePayloads.push({ ...tradeFrame, data: [tradeItem, { ...tradeItem, S: 'Sell', i: 'b2' }, { ...tradeItem, i: 'c3' }] });

// The documented order item is an option; the same item on a linear symbol reaches the rest of parseOrderItem.
const orderFrame = loadFixture<Payload & { data: Payload[] }>('ws_private_order_docs.json').payload;
basePayloads.push({ ...orderFrame, data: [{ ...orderFrame.data[0], symbol: 'ETHUSDT', category: 'linear', orderLinkId: 'e-1' }] });

/** A delta that continues `primer` (u - 1, same levels), so a mutated delta reaches the level checks, not the gap check. */
const deltaFrame = loadFixture<Payload & { data: Payload }>('ws_orderbook50_delta_docs.json').payload;
const primerText = toJsonText({
  ...deltaFrame,
  type: 'snapshot',
  data: {
    ...deltaFrame.data,
    u: (deltaFrame.data['u'] as number) - 1,
    b: (deltaFrame.data['b'] as string[][]).filter(([, size]) => size !== '0'),
    a: (deltaFrame.data['a'] as string[][]).filter(([, size]) => size !== '0'),
  },
});
const btc = toSymbol('BTCUSDT');
const primer = classifyWsFrame(primerText) as OrderBookFrame;

const frameKinds = new Set<WsFrame['kind']>([
  'trade',
  'orderbook',
  'ticker',
  'order',
  'execution',
  'position',
  'wallet',
  'trade-response',
  'subscription-ack',
  'auth-ack',
  'pong',
  'unknown',
  'malformed',
]);

/** Frames: mostly mutated fixtures, some arbitrary JSON, some arbitrary text. */
const frameText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .tuple(
        fc.nat({ max: basePayloads.length - 1 }),
        fc.array(treeMutation, { maxLength: 4 }),
        fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }),
      )
      .map(([index, tree, text]) => mutateText(toJsonText(mutateTree(basePayloads[index], tree)), text)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ unit: anyCharacter, maxLength: 40 }) },
);

function checkItems<T>(data: readonly unknown[], parse: (raw: unknown) => ParseResult<T>, check: (value: T) => void, what: string): void {
  for (const item of data) {
    const outcome = parse(item);
    if (outcome.ok) check(outcome.value);
    else mustBeRefusal(outcome, what);
  }
}

/** The classified frame, its items through their parsers, and a book frame through a primed L2 book. */
function checkFrame(text: string): WsFrame['kind'] {
  const frame = classifyWsFrame(text);
  mustBe(frameKinds.has(frame.kind), `unexpected kind ${String(frame.kind)}`);
  switch (frame.kind) {
    case 'malformed':
    case 'unknown':
      mustBe(frame.reason.length > 0, `${frame.kind} frame without a reason`);
      mustBe(frame.sample === text.slice(0, 200), `${frame.kind} sample is not the text's start`);
      break;
    case 'trade':
      mustBeTimestamp(frame.tsMs, 'trade frame ts');
      mustBe(Array.isArray(frame.data), 'trade frame data is not an array');
      checkItems(frame.data, parseWsTrade, checkTrade, 'trade item');
      break;
    case 'orderbook': {
      mustBe(Number.isSafeInteger(frame.depth) && frame.depth > 0, `book depth ${frame.depth}`);
      mustBeTimestamp(frame.tsMs, 'book ts');
      mustBeTimestamp(frame.updateId, 'book u');
      if (frame.seq !== null) mustBeTimestamp(frame.seq, 'book seq');
      if (frame.ctsMs !== null) mustBeTimestamp(frame.ctsMs, 'book cts');
      mustBe(Array.isArray(frame.bids) && Array.isArray(frame.asks), 'book levels are not arrays');
      // The levels are the book's to check: whatever it applied was a [price, size] pair of decimals.
      const book = new L2OrderBook(btc, 1);
      book.apply(primer, 1);
      const outcome = book.apply(frame, 2);
      mustBe(['applied', 'resync-needed', 'ignored'].includes(outcome.kind), `book outcome ${outcome.kind}`);
      if (outcome.kind === 'applied') {
        for (const level of [...frame.bids, ...frame.asks]) {
          mustBe(Array.isArray(level), 'an applied level is not a pair');
          mustBeDecimal((level as unknown[])[0], 'book level price', 'signed');
          mustBeDecimal((level as unknown[])[1], 'book level size', 'signed');
        }
      }
      const top = book.top();
      if (top !== null) checkBookTop(top);
      for (const [price, size] of [...book.bidLevels(), ...book.askLevels()]) {
        mustBeDecimal(price, 'book price', 'positive');
        mustBeDecimal(size, 'book size', 'positive');
      }
      break;
    }
    case 'ticker': {
      mustBeTimestamp(frame.tsMs, 'ticker ts');
      const outcome = parseTickerItem(frame.data);
      if (outcome.ok) checkTicker(outcome.value);
      else mustBeRefusal(outcome, 'ticker item');
      break;
    }
    case 'order':
      mustBeTimestamp(frame.creationTimeMs, 'order frame creationTime');
      checkItems(frame.data, parseOrderItem, checkOrderUpdate, 'order item');
      break;
    case 'execution':
      mustBeTimestamp(frame.creationTimeMs, 'execution frame creationTime');
      checkItems(frame.data, parseExecutionItem, checkFill, 'execution item');
      break;
    case 'position':
      mustBeTimestamp(frame.creationTimeMs, 'position frame creationTime');
      checkItems(frame.data, parsePositionItem, checkPosition, 'position item');
      break;
    case 'wallet':
      mustBeTimestamp(frame.creationTimeMs, 'wallet frame creationTime');
      checkItems(frame.data, parseWalletItem, checkWallet, 'wallet item');
      break;
    case 'pong':
      if (frame.serverTimeMs !== null) mustBeTimestamp(frame.serverTimeMs, 'pong server time');
      break;
    case 'subscription-ack':
    case 'auth-ack':
      mustBe(typeof frame.success === 'boolean' && typeof frame.retMsg === 'string', `${frame.kind} fields`);
      break;
    case 'trade-response':
      mustBe(frame.op.startsWith('order.') && typeof frame.retMsg === 'string', 'trade-response op and retMsg');
      mustBe(frame.retCode === null || Number.isSafeInteger(frame.retCode), 'trade-response retCode');
      mustBe(
        Object.values(frame.header).every((value) => typeof value === 'string'),
        'trade-response header values',
      );
      break;
  }
  return frame.kind;
}

describe('classifyWsFrame on random and mutated frames', () => {
  it('classifies every frame without throwing, and every value the parsers accept is well-formed', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(frameText, (text) => {
        const kind = checkFrame(text);
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }),
      { seed: 0x7b1b17, numRuns: 100_000 },
    );
    // The mutations must leave many frames intact enough to reach the parsers, not only the JSON check.
    for (const kind of ['trade', 'orderbook', 'ticker', 'order', 'execution', 'position', 'wallet', 'pong', 'malformed', 'unknown']) {
      expect(seen.get(kind) ?? 0).toBeGreaterThan(1_000);
    }
  });

  it('keeps the fixtures themselves parseable, so the mutations start from good frames', () => {
    expect(primer.kind).toBe('orderbook');
    const book = new L2OrderBook(btc, 1);
    expect(book.apply(primer, 1).kind).toBe('applied');
    expect(book.apply(classifyWsFrame(toJsonText(deltaFrame)) as OrderBookFrame, 2).kind).toBe('applied');
    for (const payload of basePayloads) expect(() => checkFrame(toJsonText(payload))).not.toThrow();
  });
});
