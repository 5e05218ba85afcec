// Positions and the wallet as Bybit v5 prints them (venue thread): the position topic (entryPrice), GET
// /v5/position/list (avgPrice), and the wallet topic / GET /v5/account/wallet-balance. The venue does not
// liquidate, so maintenance margin is "0" and liquidation and bankruptcy prices are "".

import { plain, ratio } from './exact-decimal.js';
import { positionValue, unrealisedPnl } from './position.js';
import { priceText, qtyText, type BybitRecord } from './bybit-records.js';
import type { VenueClosedPnl, VenuePosition, WalletView } from './trading-types.js';
import type Big from 'big.js';

function positionCore(position: VenuePosition): BybitRecord {
  const value = positionValue(position);
  const im = position.side === '' ? '0' : plain(ratio(value, position.leverage));
  const entry = position.side === '' ? '0' : plain(position.avgPrice);
  return {
    positionIdx: 0,
    tradeMode: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: position.symbol,
    side: position.side,
    // Flat prints as "0", as Bybit prints it, not "0.000".
    size: position.side === '' ? '0' : qtyText(position.size, position.sizeDecimals),
    leverage: plain(position.leverage),
    breakEvenPrice: entry,
    positionValue: plain(value),
    positionBalance: im,
    markPrice: position.markPrice === null ? '0' : priceText(position.markPrice, position.priceDecimals),
    positionIM: im,
    positionIMByMp: im,
    positionMM: '0',
    positionMMByMp: '0',
    takeProfit: '0',
    stopLoss: position.stopLoss === null ? '0' : priceText(position.stopLoss, position.priceDecimals),
    trailingStop: '0',
    unrealisedPnl: plain(unrealisedPnl(position, position.markPrice)),
    curRealisedPnl: plain(position.curRealisedPnl),
    cumRealisedPnl: plain(position.cumRealisedPnl),
    sessionAvgPrice: '',
    createdTime: String(position.createdTimeMs),
    updatedTime: String(position.updatedTimeMs),
    tpslMode: 'Full',
    liqPrice: '',
    bustPrice: '',
    positionStatus: 'Normal',
    adlRankIndicator: 0,
    autoAddMargin: 0,
    leverageSysUpdatedTime: '',
    mmrSysUpdatedTime: '',
    seq: position.seq,
    isReduceOnly: false,
  };
}

/** An item of the private `position` topic: the entry price is `entryPrice`. */
export function wsPositionRecord(position: VenuePosition): BybitRecord {
  return { category: 'linear', ...positionCore(position), entryPrice: position.side === '' ? '0' : plain(position.avgPrice) };
}

/** An item of GET /v5/position/list: the entry price is `avgPrice`. */
export function restPositionRecord(position: VenuePosition): BybitRecord {
  return { ...positionCore(position), avgPrice: position.side === '' ? '0' : plain(position.avgPrice) };
}

function rate(part: Big, whole: Big): string {
  return whole.lte(0) ? '0' : ratio(part, whole).round(4).toFixed();
}

/**
 * An item of the `wallet` topic and of GET /v5/account/wallet-balance (accountType UNIFIED, one USDT coin).
 * USDT counts as 1 USD, so the account totals equal the coin's figures.
 */
export function walletRecord(wallet: WalletView): BybitRecord {
  const initialMargin = wallet.positionIM.plus(wallet.orderIM);
  return {
    totalEquity: plain(wallet.equity),
    accountIMRate: rate(initialMargin, wallet.equity),
    accountIMRateByMp: rate(initialMargin, wallet.equity),
    totalMarginBalance: plain(wallet.equity),
    totalInitialMargin: plain(initialMargin),
    totalInitialMarginByMp: plain(initialMargin),
    accountType: 'UNIFIED',
    totalAvailableBalance: plain(wallet.availableBalance),
    accountMMRate: '0',
    accountMMRateByMp: '0',
    totalPerpUPL: plain(wallet.unrealisedPnl),
    totalWalletBalance: plain(wallet.walletBalance),
    accountLTV: '0',
    totalMaintenanceMargin: '0',
    totalMaintenanceMarginByMp: '0',
    coin: [
      {
        coin: 'USDT',
        equity: plain(wallet.equity),
        usdValue: plain(wallet.equity),
        walletBalance: plain(wallet.walletBalance),
        availableToWithdraw: plain(wallet.availableBalance),
        availableToBorrow: '',
        borrowAmount: '0',
        accruedInterest: '0',
        totalOrderIM: plain(wallet.orderIM),
        totalPositionIM: plain(wallet.positionIM),
        totalPositionMM: '0',
        unrealisedPnl: plain(wallet.unrealisedPnl),
        cumRealisedPnl: plain(wallet.cumRealisedPnl),
        bonus: '0',
        collateralSwitch: true,
        marginCollateral: true,
        locked: '0',
        spotHedgingQty: '0',
        spotBorrow: '0',
      },
    ],
  };
}

/** An item of GET /v5/position/closed-pnl: one closing order, its averages to 10 decimals as the venue keeps them. */
export function closedPnlRecord(record: VenueClosedPnl): BybitRecord {
  return {
    symbol: record.symbol,
    orderType: record.orderType,
    leverage: plain(record.leverage),
    updatedTime: String(record.updatedTimeMs),
    side: record.side,
    orderId: record.orderId,
    closedPnl: plain(record.closedPnl),
    openFee: plain(record.openFee),
    closeFee: plain(record.closeFee),
    avgEntryPrice: plain(ratio(record.cumEntryValue, record.closedSize)),
    qty: qtyText(record.orderQty, record.sizeDecimals),
    cumEntryValue: plain(record.cumEntryValue),
    createdTime: String(record.createdTimeMs),
    orderPrice: priceText(record.orderPrice, record.priceDecimals),
    closedSize: qtyText(record.closedSize, record.sizeDecimals),
    avgExitPrice: plain(ratio(record.cumExitValue, record.closedSize)),
    execType: 'Trade',
    fillCount: String(record.fillCount),
    cumExitValue: plain(record.cumExitValue),
  };
}
