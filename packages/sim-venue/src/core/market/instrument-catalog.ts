// The simulated venue's USDT linear perpetuals (venue thread): Bybit-like trading rules, a start price and a
// typical 24h turnover per symbol. Rules follow instruments-info (BTCUSDT is the documented example).

import type { CoinClass, InstrumentSpec } from '../venue-types.js';
import { scaledToText, toScaledInteger, writtenDecimals } from './decimal-scale.js';

/** Bybit quotes maxPrice as 19,999,998 ticks for every linear perpetual we looked at (BTCUSDT: 1999999.80). */
const maxPriceTicks = 19_999_998;

/**
 * One catalog row. minPrice is one tick and maxPrice 19,999,998 ticks, as Bybit quotes them; priceDecimals and
 * sizeDecimals are the decimals written in tickSize and qtyStep (BTCUSDT's "0.10" gives 2, its priceScale), so
 * prices print back exactly as Bybit prints them.
 */
function row(
  symbol: string,
  tickSize: string,
  qtyStep: string,
  minOrderQty: string,
  maxOrderQty: string,
  maxMktOrderQty: string,
  startPrice: string,
  startTurnover24h: string,
  dailyVolatility: number,
  coinClass: CoinClass,
): InstrumentSpec {
  const priceDecimals = writtenDecimals(tickSize);
  return {
    symbol,
    baseCoin: symbol.slice(0, -'USDT'.length),
    tickSize,
    qtyStep,
    minOrderQty,
    maxOrderQty,
    maxMktOrderQty,
    postOnlyMaxOrderQty: maxOrderQty,
    minNotionalValue: '5',
    minPrice: tickSize,
    maxPrice: scaledToText(toScaledInteger(tickSize, priceDecimals) * maxPriceTicks, priceDecimals),
    priceDecimals,
    sizeDecimals: writtenDecimals(qtyStep),
    startPrice,
    startTurnover24h,
    dailyVolatility,
    coinClass,
  };
}

/**
 * 25 symbols, from BTC's ~6.5 bn USDT a day down to small caps around 40 m, so volatility scores spread widely.
 * Daily volatility: BTC 2.5 % (realised 2.1-2.9 % a day in 2023-24), ETH 3.5 %, large alts 4.5-6 %, memes and new
 * coins 7-10 % (the day's top movers; see the README's "The simulated market" for the sources). Movers are the
 * memes and the seed's whitelist: the coins whose pumps and dumps usually top a turnover × |change| scanner.
 */
export const instrumentCatalog: readonly InstrumentSpec[] = [
  //   symbol         tickSize     qtyStep  minQty   maxOrderQty  maxMktQty   startPrice   startTurnover24h  dailyVol class
  row('BTCUSDT', '0.10', '0.001', '0.001', '1190.000', '500.000', '97250.50', '4500000000', 0.025, 'major'),
  row('ETHUSDT', '0.01', '0.01', '0.01', '7240.00', '724.00', '3380.25', '2400000000', 0.035, 'major'),
  row('SOLUSDT', '0.010', '0.1', '0.1', '79770.0', '7977.0', '192.450', '1400000000', 0.045, 'alt'),
  row('XRPUSDT', '0.0001', '1', '1', '1600000', '290000', '2.3150', '900000000', 0.045, 'alt'),
  row('DOGEUSDT', '0.00001', '1', '1', '9000000', '1800000', '0.32150', '850000000', 0.055, 'mover'),
  row('1000PEPEUSDT', '0.0000001', '100', '100', '100000000', '20000000', '0.0181200', '520000000', 0.08, 'mover'),
  row('SUIUSDT', '0.0001', '10', '10', '1000000', '200000', '3.5240', '420000000', 0.07, 'mover'),
  row('ADAUSDT', '0.0001', '1', '1', '3000000', '600000', '0.9120', '320000000', 0.05, 'alt'),
  row('WIFUSDT', '0.0001', '1', '1', '500000', '100000', '1.8520', '260000000', 0.09, 'mover'),
  row('AVAXUSDT', '0.001', '0.1', '0.1', '50000.0', '10000.0', '38.250', '210000000', 0.055, 'alt'),
  row('LINKUSDT', '0.001', '0.1', '0.1', '60000.0', '12000.0', '22.140', '190000000', 0.05, 'alt'),
  row('VIRTUALUSDT', '0.0001', '1', '1', '400000', '80000', '2.1450', '180000000', 0.1, 'mover'),
  row('BNBUSDT', '0.01', '0.01', '0.01', '4000.00', '800.00', '691.40', '150000000', 0.03, 'major'),
  row('LTCUSDT', '0.01', '0.1', '0.1', '20000.0', '4000.0', '104.85', '120000000', 0.045, 'alt'),
  row('ENAUSDT', '0.0001', '1', '1', '3000000', '600000', '0.9085', '110000000', 0.08, 'mover'),
  row('DOTUSDT', '0.001', '0.1', '0.1', '200000.0', '40000.0', '7.125', '85000000', 0.05, 'alt'),
  row('NEARUSDT', '0.001', '0.1', '0.1', '300000.0', '60000.0', '5.084', '80000000', 0.055, 'alt'),
  row('1000BONKUSDT', '0.000001', '100', '100', '150000000', '30000000', '0.030150', '78000000', 0.085, 'mover'),
  row('APTUSDT', '0.001', '0.01', '0.01', '150000.00', '30000.00', '9.215', '70000000', 0.055, 'alt'),
  row('ARBUSDT', '0.0001', '0.1', '0.1', '2000000.0', '400000.0', '0.7520', '62000000', 0.06, 'alt'),
  row('SEIUSDT', '0.0001', '1', '1', '2000000', '400000', '0.4520', '60000000', 0.08, 'mover'),
  row('RENDERUSDT', '0.001', '0.1', '0.1', '200000.0', '40000.0', '7.120', '55000000', 0.075, 'mover'),
  row('OPUSDT', '0.001', '0.1', '0.1', '800000.0', '160000.0', '1.905', '50000000', 0.06, 'alt'),
  row('INJUSDT', '0.001', '0.1', '0.1', '60000.0', '12000.0', '24.060', '42000000', 0.065, 'alt'),
  row('TIAUSDT', '0.001', '0.1', '0.1', '300000.0', '60000.0', '5.512', '40000000', 0.07, 'alt'),
];

/** The catalog's spec for a symbol, or undefined when the venue does not list it. */
export function findInstrument(catalog: readonly InstrumentSpec[], symbol: string): InstrumentSpec | undefined {
  return catalog.find((spec) => spec.symbol === symbol);
}
