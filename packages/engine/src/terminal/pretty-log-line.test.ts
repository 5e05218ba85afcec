import { describe, expect, it } from '@jest/globals';
import { compactFields, createPrettyLogLine } from './pretty-log-line.js';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ level: 'info', time: '2026-12-03T14:03:37.627Z', pid: 5313, worker: 'market-data', ...fields });

describe('compactFields', () => {
  it('lists scalar fields as key=value, quoting only what needs it, without the columns the line already has', () => {
    expect(
      compactFields({
        level: 'info',
        time: 't',
        pid: 1,
        worker: 'scanner',
        symbol: 'ETHUSDT',
        msg: 'm',
        epoch: 1,
        kind: 'swap',
        previous: null,
        reason: 'connect() called',
        ok: true,
      }),
    ).toBe('epoch=1 kind=swap previous=null reason="connect() called" ok=true');
  });

  it('opens one level of small objects, counts big or deep ones, and drops timestamps and empty arrays', () => {
    const decision = {
      type: 'PlaceOrder',
      order: { orderLinkId: 's-1-1-e', side: 'Buy', qty: '200.0', tsCreatedMs: 1, referencePrice: '5.001' },
      trigger: { kind: 'tick', tsEventMs: 2, price: '5.02' },
      permissions: { ContractTrade: ['Order', 'Position'], Spot: [] },
      settings: { venue: { kind: 'sim', sim: { port: 0, seed: 42 } }, strategy: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10 } },
      tsEventMs: 3,
    };
    expect(compactFields(decision)).toBe(
      'type=PlaceOrder order.orderLinkId=s-1-1-e order.side=Buy order.qty=200.0 order.referencePrice=5.001 trigger.kind=tick trigger.price=5.02 ' +
        'permissions.ContractTrade=[Order,Position] settings={13 fields}',
    );
    expect(compactFields({ venue: { sim: { port: 0 } } })).toBe('venue.sim={1 field}');
  });

  it('shows an error as its type and message, numbers with six significant digits, long values cut', () => {
    const err = { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at x' };
    expect(compactFields({ err, score: 31909411.516043946, vwap: 3378.3563465160114, p: 1.5, top: 'x'.repeat(100) })).toBe(
      `err="TypeError: boom" score=3.19094e+7 vwap=3378.36 p=1.5 top=${'x'.repeat(59)}…`,
    );
  });

  it('shows at most maxPairs pairs and counts the rest', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(compactFields(many, { maxPairs: 3, maxLeavesPerObject: 12, maxValueChars: 60 })).toBe('k0=0 k1=1 k2=2 …+17');
  });
});

describe('createPrettyLogLine', () => {
  const pretty = createPrettyLogLine({ colors: false });

  it('renders time, level, worker, symbol, message and fields on one line', () => {
    const text = pretty(line({ symbol: 'ETHUSDT', previous: null, epoch: 1, kind: 'swap', msg: 'symbol switched' }));
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}INFO: market-data ETHUSDT symbol switched {2}previous=null epoch=1 kind=swap$/);
    expect(text).not.toContain('\n');
  });

  it('right-aligns the level so messages line up, and pads the worker name', () => {
    const warn = pretty(
      JSON.stringify({ level: 'warn', time: '2026-12-03T14:03:37.627Z', worker: 'main', msg: 'engine stopping', reason: 'SIGINT' }),
    );
    const debug = pretty(JSON.stringify({ level: 'debug', time: '2026-12-03T14:03:37.627Z', worker: 'execution', msg: 'reconciled with the venue' }));
    expect(warn).toMatch(/^\S+ {2}WARN: main {8}engine stopping {2}reason=SIGINT$/);
    expect(debug).toMatch(/^\S+ DEBUG: execution {3}reconciled with the venue$/);
  });

  it('colours the level on a terminal', () => {
    const coloured = createPrettyLogLine({ colors: true })(
      JSON.stringify({ level: 'error', time: '2026-12-03T14:03:37.627Z', worker: 'execution', msg: 'order failed' }),
    );
    expect(coloured).toContain('\x1b[31mERROR\x1b[39m');
  });

  it('passes a line that is not a JSON object through as it is', () => {
    expect(pretty('Error: worker blew up')).toBe('Error: worker blew up');
    expect(pretty('    at main (file.js:1:1)')).toBe('    at main (file.js:1:1)');
    expect(pretty('{not json')).toBe('{not json');
  });
});
