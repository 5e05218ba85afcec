// What every value the payload parsers accept must look like (test code, Jest thread): shared by the WebSocket and
// REST property tests. Prices and sizes are plain decimals of the right sign; times are safe integers.

import Big from 'big.js';
import type { Fill, OrderBookTop, OrderUpdate, Trade } from '@scalper/protocol';
import type { InstrumentRules } from '../instruments/instrument-rules.js';
import type { ParsedPosition } from '../parse/position-parser.js';
import type { TickerSnapshot } from '../parse/ticker-parser.js';
import type { WalletSnapshot } from '../parse/wallet-parser.js';
import { mustBe, mustBeDecimal, mustBeOptionalDecimal, mustBeTimestamp } from './well-formed.js';

const symbolPattern = /^[A-Z0-9]{2,32}$/;

function mustBeSymbol(value: unknown, what: string): void {
  mustBe(typeof value === 'string' && symbolPattern.test(value), `${what} is not a symbol: ${JSON.stringify(value)}`);
}

function mustBeSide(value: unknown, what: string): void {
  mustBe(value === 'Buy' || value === 'Sell', `${what} is not Buy or Sell: ${JSON.stringify(value)}`);
}

export function checkTrade(trade: Trade): void {
  mustBeSymbol(trade.symbol, 'trade.symbol');
  mustBeSide(trade.side, 'trade.side');
  mustBeDecimal(trade.price, 'trade.price', 'positive');
  mustBeDecimal(trade.size, 'trade.size', 'positive');
  mustBe(mustBeTimestamp(trade.tsEventMs, 'trade.tsEventMs') > 0, 'trade.tsEventMs is 0');
  mustBe(typeof trade.tradeId === 'string' && trade.tradeId.length > 0, 'trade.tradeId is empty');
  mustBe(typeof trade.isBlockTrade === 'boolean', 'trade.isBlockTrade is not a boolean');
}

export function checkOrderUpdate(update: OrderUpdate): void {
  mustBeSymbol(update.symbol, 'order.symbol');
  mustBeSide(update.side, 'order.side');
  mustBe(update.orderType === 'Market' || update.orderType === 'Limit', `order.orderType ${String(update.orderType)}`);
  mustBe(typeof update.orderLinkId === 'string', 'order.orderLinkId is not a string');
  // qty "0" is how Bybit lists a position-wide TP/SL order; never negative.
  mustBeDecimal(update.qty, 'order.qty', 'nonNegative');
  mustBeDecimal(update.cumExecQty, 'order.cumExecQty', 'nonNegative');
  mustBeOptionalDecimal(update.avgPrice, 'order.avgPrice', 'positive');
  mustBeTimestamp(update.tsEventMs, 'order.tsEventMs');
}

export function checkFill(fill: Fill): void {
  mustBeSymbol(fill.symbol, 'fill.symbol');
  mustBeSide(fill.side, 'fill.side');
  mustBeDecimal(fill.price, 'fill.price', 'positive');
  mustBeDecimal(fill.qty, 'fill.qty', 'positive');
  // A maker rebate is a negative fee.
  mustBeDecimal(fill.fee, 'fill.fee', 'signed');
  mustBe(typeof fill.isMaker === 'boolean', 'fill.isMaker is not a boolean');
  mustBeTimestamp(fill.tsEventMs, 'fill.tsEventMs');
}

export function checkPosition(position: ParsedPosition): void {
  mustBeSymbol(position.symbol, 'position.symbol');
  mustBe(['Buy', 'Sell', 'None'].includes(position.side), `position.side ${String(position.side)}`);
  const size = mustBeDecimal(position.size, 'position.size', 'nonNegative');
  if (position.side === 'None') mustBe(new Big(size).eq(0), `a position without a side has size ${size}`);
  mustBeDecimal(position.avgEntryPrice, 'position.avgEntryPrice', 'nonNegative');
  mustBeDecimal(position.unrealisedPnl, 'position.unrealisedPnl', 'signed');
  mustBeDecimal(position.realisedPnl, 'position.realisedPnl', 'signed');
  mustBeOptionalDecimal(position.stopLoss, 'position.stopLoss', 'positive');
  mustBeTimestamp(position.tsEventMs, 'position.tsEventMs');
  mustBe(Number.isSafeInteger(position.positionIdx), `position.positionIdx ${String(position.positionIdx)}`);
}

export function checkWallet(wallet: WalletSnapshot): void {
  mustBe(typeof wallet.accountType === 'string', 'wallet.accountType is not a string');
  // Balances can be negative on a unified account that borrows; they must still be plain decimals.
  mustBeOptionalDecimal(wallet.totalEquity, 'wallet.totalEquity', 'signed');
  mustBeOptionalDecimal(wallet.totalAvailableBalance, 'wallet.totalAvailableBalance', 'signed');
  for (const coin of wallet.coins) {
    mustBe(typeof coin.coin === 'string', 'wallet.coin.coin is not a string');
    mustBeDecimal(coin.equity, 'wallet.coin.equity', 'signed');
    mustBeDecimal(coin.walletBalance, 'wallet.coin.walletBalance', 'signed');
    mustBeOptionalDecimal(coin.unrealisedPnl, 'wallet.coin.unrealisedPnl', 'signed');
  }
}

export function checkTicker(ticker: TickerSnapshot): void {
  mustBeSymbol(ticker.symbol, 'ticker.symbol');
  mustBeDecimal(ticker.lastPrice, 'ticker.lastPrice', 'nonNegative');
  mustBeDecimal(ticker.price24hPcnt, 'ticker.price24hPcnt', 'signed');
  mustBeDecimal(ticker.turnover24h, 'ticker.turnover24h', 'nonNegative');
  mustBeDecimal(ticker.volume24h, 'ticker.volume24h', 'nonNegative');
  mustBeOptionalDecimal(ticker.bid1Price, 'ticker.bid1Price', 'nonNegative');
  mustBeOptionalDecimal(ticker.ask1Price, 'ticker.ask1Price', 'nonNegative');
}

export function checkInstrumentRules(rules: InstrumentRules): void {
  mustBeSymbol(rules.symbol, 'rules.symbol');
  for (const field of ['status', 'contractType', 'quoteCoin'] as const) {
    mustBe(typeof rules[field] === 'string' && rules[field].length > 0, `rules.${field} is empty`);
  }
  for (const field of ['tickSize', 'minPrice', 'maxPrice', 'qtyStep', 'minOrderQty', 'maxOrderQty', 'maxMktOrderQty'] as const) {
    mustBeDecimal(rules[field], `rules.${field}`, 'positive');
  }
  mustBeOptionalDecimal(rules.postOnlyMaxOrderQty, 'rules.postOnlyMaxOrderQty', 'positive');
  mustBeDecimal(rules.minNotionalValue, 'rules.minNotionalValue', 'nonNegative');
  mustBe(new Big(rules.minPrice).lte(rules.maxPrice), 'rules.minPrice is above maxPrice');
  mustBe(new Big(rules.minOrderQty).lte(rules.maxOrderQty), 'rules.minOrderQty is above maxOrderQty');
  mustBe(new Big(rules.minOrderQty).lte(rules.maxMktOrderQty), 'rules.minOrderQty is above maxMktOrderQty');
  for (const field of ['priceDecimals', 'sizeDecimals'] as const) {
    mustBe(Number.isInteger(rules[field]) && rules[field] >= 0 && rules[field] <= 15, `rules.${field} ${rules[field]}`);
  }
}

/** A book top the L2 book hands out: positive prices and sizes, bid below ask. */
export function checkBookTop(top: OrderBookTop): void {
  const bid = mustBeDecimal(top.bidPrice, 'top.bidPrice', 'positive');
  const ask = mustBeDecimal(top.askPrice, 'top.askPrice', 'positive');
  mustBeDecimal(top.bidSize, 'top.bidSize', 'positive');
  mustBeDecimal(top.askSize, 'top.askSize', 'positive');
  mustBe(new Big(bid).lt(ask), `top is crossed: ${bid} / ${ask}`);
  mustBeTimestamp(top.updateId, 'top.updateId');
  mustBeTimestamp(top.tsEventMs, 'top.tsEventMs');
}
