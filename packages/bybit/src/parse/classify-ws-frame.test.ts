import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { fixtureText, loadFixture } from '../test-support/fixtures.js';
import { classifyWsFrame } from './classify-ws-frame.js';
import type { WsFrameKind } from './ws-frame.js';

describe('classifyWsFrame on the documented frames', () => {
  const cases: [string, WsFrameKind][] = [
    ['ws_public_trade_docs.json', 'trade'],
    ['ws_orderbook50_snapshot_docs.json', 'orderbook'],
    ['ws_orderbook50_delta_docs.json', 'orderbook'],
    ['ws_private_order_docs.json', 'order'],
    ['ws_private_execution_docs.json', 'execution'],
    ['ws_private_position_docs.json', 'position'],
    ['ws_private_wallet_docs.json', 'wallet'],
    ['ws_auth_success_docs.json', 'auth-ack'],
    ['ws_subscribe_response_public_linear_docs.json', 'subscription-ack'],
    ['ws_subscribe_response_private_docs.json', 'subscription-ack'],
    ['ws_pong_public_linear_docs.json', 'pong'],
    ['ws_pong_private_docs.json', 'pong'],
  ];
  it.each(cases)('classifies %s as %s', (file, kind) => {
    expect(classifyWsFrame(fixtureText(file)).kind).toBe(kind);
  });

  it('keeps the fields downstream needs', () => {
    expect(classifyWsFrame(fixtureText('ws_public_trade_docs.json'))).toMatchObject({
      kind: 'trade',
      symbol: 'BTCUSDT',
      tsMs: 1672304486868,
      topic: 'publicTrade.BTCUSDT',
    });
    expect(classifyWsFrame(fixtureText('ws_orderbook50_delta_docs.json'))).toMatchObject({
      kind: 'orderbook',
      symbol: 'BTCUSDT',
      depth: 50,
      action: 'delta',
      updateId: 177400507,
      seq: 66544703342,
      ctsMs: 1687940967464,
    });
    expect(classifyWsFrame(fixtureText('ws_pong_private_docs.json'))).toEqual({ kind: 'pong', reqId: 'test', serverTimeMs: 1675418560633 });
    expect(classifyWsFrame(fixtureText('ws_subscribe_response_public_spot_docs.json'))).toMatchObject({
      kind: 'subscription-ack',
      success: true,
      reqId: '10001',
    });
    expect(classifyWsFrame('{"success":false,"ret_msg":"error:handler not found","conn_id":"x","req_id":"7","op":"subscribe"}')).toMatchObject({
      kind: 'subscription-ack',
      success: false,
      retMsg: 'error:handler not found',
      reqId: '7',
    });
  });
});

describe('classifyWsFrame on bad input', () => {
  it('classifies known frames with broken fields as malformed, with a reason', () => {
    const trade = loadFixture<Record<string, unknown>>('ws_public_trade_docs.json').payload;
    const book = loadFixture<{ data: Record<string, unknown> } & Record<string, unknown>>('ws_orderbook50_delta_docs.json').payload;
    const broken: [unknown, RegExp][] = [
      [{ ...trade, ts: 'soon' }, /ts/],
      [{ ...trade, data: {} }, /data array/],
      [{ ...trade, topic: 'publicTrade' }, /without a symbol/],
      [{ ...book, type: 'partial' }, /type/],
      [{ ...book, data: { ...book.data, b: 'none' } }, /b or a is not an array/],
      [{ ...book, data: { ...book.data, a: null } }, /b or a is not an array/],
      [{ ...book, data: { ...book.data, u: '177400507' } }, /numeric u/],
      [{ ...book, topic: 'orderbook.x.BTCUSDT' }, /bad orderbook topic/],
      [{ op: 'subscribe', success: 'yes' }, /boolean success/],
    ];
    for (const [frame, reason] of broken) {
      const classified = classifyWsFrame(JSON.stringify(frame));
      expect(classified.kind).toBe('malformed');
      expect(classified.kind === 'malformed' && classified.reason).toMatch(reason);
    }
  });

  it('classifies frames it does not handle as unknown', () => {
    expect(classifyWsFrame('{"topic":"kline.1.BTCUSDT","data":[]}')).toMatchObject({
      kind: 'unknown',
      reason: 'topic kline.1.BTCUSDT is not handled',
    });
    expect(classifyWsFrame('{"op":"order.amend-batch-x"}')).toMatchObject({ kind: 'malformed' });
    expect(classifyWsFrame('{"op":"kline"}')).toMatchObject({ kind: 'unknown' });
    expect(classifyWsFrame('{"hello":"world"}')).toMatchObject({ kind: 'unknown' });
  });

  it("reads the WebSocket trade API's answers: an order ack with its rate-limit header, its auth and pong, and the old refusal shape", () => {
    const create = loadFixture<{ response: unknown }>('ws_trade_order_create_docs.json').payload.response;
    expect(classifyWsFrame(JSON.stringify(create))).toEqual({
      kind: 'trade-response',
      op: 'order.create',
      reqId: 'test-005',
      retCode: 0,
      retMsg: 'OK',
      data: { orderId: 'a4c1718e-fe53-4659-a118-1f6ecce04ad9', orderLinkId: '' },
      header: {
        'x-bapi-limit': '10',
        'x-bapi-limit-status': '9',
        'x-bapi-limit-reset-timestamp': '1711001595208',
        traceid: '38b7977b430f9bd228f4b19724794dfd',
        timenow: '1711001595209',
      },
      connId: 'cnt5leec0hvan15eukcg-2v',
    });
    const auth = loadFixture<{ response: unknown }>('ws_trade_auth_docs.json').payload.response;
    expect(classifyWsFrame(JSON.stringify(auth))).toEqual({
      kind: 'auth-ack',
      success: true,
      retMsg: 'OK',
      reqId: null,
      connId: 'cnt5leec0hvan15eukcg-2t',
    });
    const pong = loadFixture<{ response: unknown }>('ws_trade_ping_pong_docs.json').payload.response;
    expect(classifyWsFrame(JSON.stringify(pong))).toMatchObject({ kind: 'pong' });
    // Seen on Bybit (sieblyio/bybit-api#407): a refusal in the private stream's shape, without reqId or retCode.
    expect(classifyWsFrame('{"success":false,"ret_msg":"Params Error","op":"order.create","conn_id":"ct7b5itd"}')).toMatchObject({
      kind: 'trade-response',
      reqId: null,
      retCode: null,
      retMsg: 'Params Error',
    });
    expect(classifyWsFrame('{"retCode":10005,"retMsg":"Permission denied for current apikey","op":"auth","connId":"c"}')).toMatchObject({
      kind: 'auth-ack',
      success: false,
    });
  });

  it('never throws on garbage and truncated frames', () => {
    const samples = [
      '',
      'null',
      '[]',
      '42',
      '"text"',
      '{',
      '{"topic":',
      '{"topic":null}',
      '{"topic":{}}',
      '\u0000\u0001',
      fixtureText('ws_public_trade_docs.json').slice(0, 50),
    ];
    const full = fixtureText('ws_orderbook50_snapshot_docs.json');
    for (let cut = 1; cut < full.length; cut += 7) samples.push(full.slice(0, cut), full.slice(cut));
    for (let i = 0; i < 2_000; i++) samples.push(randomBytes(1 + (i % 300)).toString('latin1'));
    for (const sample of samples) {
      const classified = classifyWsFrame(sample);
      expect(['malformed', 'unknown']).toContain(classified.kind);
    }
  });
});
