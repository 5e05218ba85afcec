// One-way position arithmetic (venue thread): a fill opens, adds to, reduces, closes or flips the symbol's single
// position. Fees and gross PnL are exact products; only the average entry price of an increase divides.

import type Big from 'big.js';
import { kZero, minBig, ratio } from './exact-decimal.js';
import type { Decimals, Side, VenuePosition } from './trading-types.js';

export interface PositionFill {
  readonly side: Side;
  readonly qty: Big;
  readonly price: Big;
  readonly feeRate: Big;
  /** The filling order's stop loss, which then covers the whole position (tpslMode Full). */
  readonly stopLoss: Big | null;
  readonly nowMs: number;
  readonly seq: number;
}

export interface FillEffect {
  readonly position: VenuePosition;
  /** The part of the fill that closed the previous position. */
  readonly closedSize: Big;
  /** Gross PnL of that part, before fees. */
  readonly realisedPnl: Big;
  /** qty × price × feeRate, exact. */
  readonly fee: Big;
  /** The part of `fee` the closed part paid (all of it unless the fill flipped the position). */
  readonly closeFee: Big;
  /** The opening fees the closed part carried: all that was left on a full close, a pro-rata share otherwise. */
  readonly openFeeShare: Big;
}

export function flatPosition(symbol: string, decimals: Decimals, leverage: Big, nowMs: number): VenuePosition {
  return {
    symbol,
    priceDecimals: decimals.priceDecimals,
    sizeDecimals: decimals.sizeDecimals,
    side: '',
    size: kZero,
    avgPrice: kZero,
    leverage,
    stopLoss: null,
    curRealisedPnl: kZero,
    cumRealisedPnl: kZero,
    openFee: kZero,
    markPrice: null,
    createdTimeMs: nowMs,
    updatedTimeMs: nowMs,
    seq: 0,
  };
}

/** Size × average entry: what the position is worth at entry, and what its margin is a fraction of. */
export function positionValue(position: VenuePosition): Big {
  return position.size.times(position.avgPrice);
}

/** Mark-to-market PnL; zero before the symbol's first trade. */
export function unrealisedPnl(position: VenuePosition, markPrice: Big | null): Big {
  if (position.side === '' || markPrice === null) return kZero;
  const perUnit = markPrice.minus(position.avgPrice);
  return position.side === 'Buy' ? perUnit.times(position.size) : perUnit.times(position.size).neg();
}

function feeOf(qty: Big, price: Big, feeRate: Big): Big {
  return qty.times(price).times(feeRate);
}

export function applyFillToPosition(position: VenuePosition, fill: PositionFill): FillEffect {
  const fee = feeOf(fill.qty, fill.price, fill.feeRate);
  const stamp = { updatedTimeMs: fill.nowMs, seq: fill.seq };
  if (position.side === '' || position.side === fill.side) {
    const opening = position.side === '';
    const size = position.size.plus(fill.qty);
    const avgPrice = opening ? fill.price : ratio(positionValue(position).plus(fill.qty.times(fill.price)), size);
    return {
      position: {
        ...position,
        ...stamp,
        side: fill.side,
        size,
        avgPrice,
        stopLoss: fill.stopLoss ?? (opening ? null : position.stopLoss),
        // A new holding starts its own realised PnL: on Bybit opening shows -fee.
        curRealisedPnl: (opening ? kZero : position.curRealisedPnl).minus(fee),
        cumRealisedPnl: position.cumRealisedPnl.minus(fee),
        openFee: (opening ? kZero : position.openFee).plus(fee),
      },
      closedSize: kZero,
      realisedPnl: kZero,
      fee,
      closeFee: kZero,
      openFeeShare: kZero,
    };
  }
  const closedSize = minBig(fill.qty, position.size);
  const perUnit = fill.price.minus(position.avgPrice);
  const realisedPnl = position.side === 'Buy' ? perUnit.times(closedSize) : perUnit.times(closedSize).neg();
  const cumRealisedPnl = position.cumRealisedPnl.plus(realisedPnl).minus(fee);
  // A full close takes every opening fee left, exactly; a partial one its pro-rata share (the one division).
  const openFeeShare = closedSize.eq(position.size) ? position.openFee : ratio(position.openFee.times(closedSize), position.size);
  const openedSize = fill.qty.minus(closedSize);
  if (openedSize.gt(0)) {
    // A flip: the closing part's fee belongs to the old holding, the opening part's to the new one. Both are
    // computed as products, so together they are exactly `fee`.
    const openFee = feeOf(openedSize, fill.price, fill.feeRate);
    return {
      position: {
        ...position,
        ...stamp,
        side: fill.side,
        size: openedSize,
        avgPrice: fill.price,
        stopLoss: fill.stopLoss,
        curRealisedPnl: openFee.neg(),
        cumRealisedPnl,
        openFee,
      },
      closedSize,
      realisedPnl,
      fee,
      closeFee: fee.minus(openFee),
      openFeeShare,
    };
  }
  const size = position.size.minus(closedSize);
  const flat = size.eq(0);
  return {
    position: {
      ...position,
      ...stamp,
      side: flat ? '' : position.side,
      size,
      avgPrice: flat ? kZero : position.avgPrice,
      // Bybit drops the position's stop when the position closes.
      stopLoss: flat ? null : position.stopLoss,
      curRealisedPnl: position.curRealisedPnl.plus(realisedPnl).minus(fee),
      cumRealisedPnl,
      openFee: flat ? kZero : position.openFee.minus(openFeeShare),
    },
    closedSize,
    realisedPnl,
    fee,
    closeFee: fee,
    openFeeShare,
  };
}
