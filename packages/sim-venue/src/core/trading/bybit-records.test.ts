import { describe, expect, it } from '@jest/globals';
import { restPositionRecord, walletRecord, wsPositionRecord } from './bybit-account-records.js';
import { executionRecord, restOrderRecord, wsOrderRecord, type BybitRecord } from './bybit-records.js';
import { book, engineWithAccount, kKey, kSpec, loadBybitFixture, orderBody, placed } from './test-support/trading-fixtures.js';
import type { VenueEvent } from './trading-types.js';

const kNow = 1_672_364_262_444;

interface ListPayload {
  result: { list: BybitRecord[] };
}
interface StreamPayload {
  data: BybitRecord[];
}

function firstOf(list: readonly BybitRecord[]): BybitRecord {
  const item = list[0];
  if (item === undefined) throw new Error('fixture has no item');
  return item;
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Same keys, and each value of the same JSON kind, as the Bybit item. */
function expectSameShape(record: BybitRecord, fixture: BybitRecord): void {
  expect(Object.keys(record).sort()).toEqual(Object.keys(fixture).sort());
  const kinds = (item: BybitRecord) => Object.fromEntries(Object.keys(item).map((key) => [key, kind(item[key])]));
  expect(kinds(record)).toEqual(kinds(fixture));
}

function tradedEngine() {
  const engine = engineWithAccount();
  const levels = book([['30000.0', '10']], [['29999.0', '10']]);
  const filled = placed(
    engine.placeOrder(kKey, orderBody({ side: 'Buy', orderType: 'Market', qty: '0.010', stopLoss: '29000.0' }), levels, kSpec, kNow),
  );
  const resting = placed(
    engine.placeOrder(
      kKey,
      orderBody({ side: 'Buy', orderType: 'Limit', qty: '0.010', price: '29000.0', orderLinkId: 'rest-1' }),
      levels,
      kSpec,
      kNow + 17,
    ),
  );
  return { engine, filled, resting };
}

function eventsOf<T extends VenueEvent['topic']>(events: readonly VenueEvent[], topic: T) {
  return events.filter((event): event is Extract<VenueEvent, { topic: T }> => event.topic === topic);
}

describe('Bybit-shaped records', () => {
  it('prints WS order items with exactly the fields and value kinds of the order topic', () => {
    const { filled } = tradedEngine();
    const fixture = firstOf(loadBybitFixture<StreamPayload>('ws_private_order_docs.json').data);
    expectSameShape(wsOrderRecord(filled.order), fixture);
  });

  it('prints REST order items with exactly the fields and value kinds of /v5/order/realtime', () => {
    const { resting } = tradedEngine();
    const fixture = firstOf(loadBybitFixture<ListPayload>('rest_order_realtime_docs.json').result.list);
    expectSameShape(restOrderRecord(resting.order), fixture);
  });

  it('prints execution items with exactly the fields and value kinds of the execution topic', () => {
    const { filled } = tradedEngine();
    const fixture = firstOf(loadBybitFixture<StreamPayload>('ws_private_execution_docs.json').data);
    const execution = filled.executions[0];
    if (execution === undefined) throw new Error('no execution');
    expectSameShape(executionRecord(execution), fixture);
  });

  it('prints WS position items with exactly the fields and value kinds of the position topic', () => {
    const { filled } = tradedEngine();
    const fixture = firstOf(loadBybitFixture<StreamPayload>('ws_private_position_docs.json').data);
    const [event] = eventsOf(filled.events, 'position');
    if (event === undefined) throw new Error('no position event');
    expectSameShape(wsPositionRecord(event.position), fixture);
  });

  it('prints REST position items like /v5/position/list, spelling mmrSysUpdatedTime as its field table does', () => {
    const { engine } = tradedEngine();
    const fixture = { ...firstOf(loadBybitFixture<ListPayload>('rest_position_list_docs.json').result.list) };
    // The docs example misspells this one field (see the fixture's notes); the WS topic and the field table agree.
    fixture['mmrSysUpdatedTime'] = fixture['mmrSysUpdateTime'];
    delete fixture['mmrSysUpdateTime'];
    // The inverse example has no liquidation price; a linear position without liquidation prints "" too.
    expectSameShape(restPositionRecord(engine.position(kKey, kSpec, kNow)), fixture);
  });

  it('prints wallet items with exactly the fields and value kinds of the wallet topic and wallet-balance', () => {
    const { filled } = tradedEngine();
    const [event] = eventsOf(filled.events, 'wallet');
    if (event === undefined) throw new Error('no wallet event');
    const record = walletRecord(event.wallet);
    for (const fixture of [
      firstOf(loadBybitFixture<StreamPayload>('ws_private_wallet_docs.json').data),
      firstOf(loadBybitFixture<ListPayload>('rest_wallet_balance_docs.json').result.list),
    ]) {
      const { coin, ...top } = record;
      const { coin: fixtureCoin, ...fixtureTop } = fixture;
      expectSameShape(top, fixtureTop);
      expectSameShape(firstOf(coin as BybitRecord[]), firstOf(fixtureCoin as BybitRecord[]));
    }
  });

  it('prints decimals as plain strings on the instrument grid and times as millisecond strings', () => {
    const { filled, resting } = tradedEngine();
    const order = wsOrderRecord(filled.order);
    expect(order).toMatchObject({
      category: 'linear',
      positionIdx: 0,
      orderStatus: 'Filled',
      qty: '0.010',
      cumExecQty: '0.010',
      leavesQty: '0.000',
      avgPrice: '30000',
      cumExecValue: '300',
      cumExecFee: '0.165',
      stopLoss: '29000.0',
      tpslMode: 'Full',
      timeInForce: 'IOC',
      createdTime: '1672364262444',
      rejectReason: 'EC_NoError',
    });
    expect(restOrderRecord(resting.order)).toMatchObject({
      orderLinkId: 'rest-1',
      price: '29000.0',
      orderStatus: 'New',
      avgPrice: '0',
      leavesValue: '290',
      stopOrderType: 'UNKNOWN',
      createdTime: '1672364262461',
    });
    const execution = filled.executions[0];
    expect(execution && executionRecord(execution)).toMatchObject({
      execPrice: '30000.0',
      execQty: '0.010',
      execFee: '0.165',
      execTime: '1672364262444',
      feeRate: '0.00055',
    });
  });

  it('prints a flat position with side "" and size "0", and an open one with entryPrice on WS and avgPrice on REST', () => {
    const engine = engineWithAccount();
    expect(wsPositionRecord(engine.position(kKey, kSpec, kNow))).toMatchObject({ side: '', size: '0', entryPrice: '0', positionIdx: 0 });
    const { engine: traded } = tradedEngine();
    const position = traded.position(kKey, kSpec, kNow);
    expect(wsPositionRecord(position)).toMatchObject({
      side: 'Buy',
      size: '0.010',
      entryPrice: '30000',
      stopLoss: '29000.0',
      leverage: '10',
      positionIM: '30',
    });
    expect(restPositionRecord(position)).toMatchObject({ avgPrice: '30000', positionValue: '300' });
  });

  it('survives a JSON round trip unchanged, so the server can send it as it is', () => {
    const { filled } = tradedEngine();
    const record = wsOrderRecord(filled.order);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});
