// Byte layout of the tick ring: one SharedArrayBuffer written by market-data (producer) and read by strategy
// (consumer), carrying the whole market stream in receive order: trades, book tops and feed-state changes. Every
// offset the ring code uses is a constant here; the diagram is the single source of truth.
//
//  byte 0                                                                              (header: 6 cache lines)
//  +0    ┌──────────────────────────────┐  i32[kHeadI32]     write index (wrapping int32), producer publishes
//  +64   ├──────────────────────────────┤  i32[kTailI32]     read index (wrapping int32), consumer advances;
//        │                              │                    the producer advances it too when dropping oldest
//  +128  ├──────────────────────────────┤  i32[kSleepingI32] consumer state: awake / about to sleep / asleep
//  +192  ├──────────────────────────────┤  i32[kMagicI32 .. kOverflowPolicyI32]  immutable after creation;
//        │                              │  i32[kSpinPermitI32]: may the consumer spin? (main thread writes)
//  +256  ├──────────────────────────────┤  f64 producer counters: published, dropped oldest/newest, notifies,
//        │                              │                        max fill seen; the last epoch stamped (kept
//        │                              │                        for a restarted producer to go on from); book
//        │                              │                        or feed entries dropped as the oldest
//  +320  ├──────────────────────────────┤  f64 consumer counters: consumed, lost races, wake-ups, missed wake-ups,
//        │                              │                        spin hits, ms spent spinning
//  +384  ├──────────────────────────────┤  slot 0
//        │ slot 1 ... slot capacity-1   │  each kSlotBytes (64, one cache line):
//        └──────────────────────────────┘
//
//  slot:  +0 f64 priceRaw   +8 f64 sizeRaw   +16 f64 askPriceRaw   +24 f64 askSizeRaw
//         +32 f64 tsEventMs   +40 f64 tsRecvMs   +48 f64 seq
//         +56 i32 epoch     +60 i32 meta = side | priceDecimals << 8 | sizeDecimals << 16 | kind << 24
//
//  by kind:   trade (0)  priceRaw, sizeRaw = the trade; side = the taker's; ask fields unused
//             book  (1)  priceRaw, sizeRaw = best bid and its size; askPriceRaw, askSizeRaw = best ask and its
//                        size (NaN when the venue's value does not fit the scale: strategy refuses the book)
//             feed  (2)  side = the feed state's code, sizeRaw = the reason's code, priceRaw = the reason's
//                        milliseconds (feed-status-codes.ts); decimals unused
//
// Head and tail live on separate 64-byte lines so the two threads do not false-share. Prices and sizes are
// integers scaled by 10^decimals (exact below 2^53); one slot is always left empty to tell full from empty.

const kCacheLineBytes = 64;

export const kHeadI32 = 0;
export const kTailI32 = kCacheLineBytes / 4;
export const kSleepingI32 = (2 * kCacheLineBytes) / 4;
export const kMagicI32 = (3 * kCacheLineBytes) / 4;
export const kVersionI32 = kMagicI32 + 1;
export const kCapacityI32 = kMagicI32 + 2;
export const kSlotBytesI32 = kMagicI32 + 3;
export const kOverflowPolicyI32 = kMagicI32 + 4;
/**
 * 1 while the machine has a core free for the consumer to spin on, 0 otherwise (the default). Written by the main
 * thread from its CPU samples, read by a consumer whose spin asks for the permit (ring.consumerWait auto).
 */
export const kSpinPermitI32 = kMagicI32 + 5;

export const kPublishedF64 = 256 / 8;
export const kDroppedOldestF64 = kPublishedF64 + 1;
export const kDroppedNewestF64 = kPublishedF64 + 2;
export const kNotifiesF64 = kPublishedF64 + 3;
export const kMaxFillF64 = kPublishedF64 + 4;
/** The newest symbol epoch the producer stamps: a restarted market-data continues above it, so no old entry matches. */
export const kLastEpochF64 = kPublishedF64 + 5;
/** Book or feed entries the producer dropped as the oldest: market-data then publishes the latest state again. */
export const kDroppedStateF64 = kPublishedF64 + 6;

export const kConsumedF64 = 320 / 8;
export const kLostRacesF64 = kConsumedF64 + 1;
export const kWakeupsF64 = kConsumedF64 + 2;
/** Waits that timed out although entries had arrived: a notify was lost. Must stay 0; counted so it would show. */
export const kMissedWakeupsF64 = kConsumedF64 + 3;
/** Waits that found an entry while spinning, before parking: the wake-ups the spin saved. */
export const kSpinHitsF64 = kConsumedF64 + 4;
/** Milliseconds the consumer spent spinning: the main thread subtracts them from the machine's busy time. */
export const kSpinMsF64 = kConsumedF64 + 5;

export const kHeaderBytes = 384;

export const kSlotBytes = 64;
/** Where slot 0 starts, in f64 and i32 elements of views over the whole buffer. */
export const kSlotsF64Base = kHeaderBytes / 8;
export const kSlotsI32Base = kHeaderBytes / 4;
export const kSlotF64Stride = kSlotBytes / 8;
export const kSlotI32Stride = kSlotBytes / 4;
export const kSlotPriceF64 = 0;
export const kSlotSizeF64 = 1;
export const kSlotAskPriceF64 = 2;
export const kSlotAskSizeF64 = 3;
export const kSlotTsEventF64 = 4;
export const kSlotTsRecvF64 = 5;
export const kSlotSeqF64 = 6;
export const kSlotEpochI32 = 14;
export const kSlotMetaI32 = 15;

export const kMetaSideMask = 0xff;
export const kMetaPriceDecimalsShift = 8;
export const kMetaSizeDecimalsShift = 16;
export const kMetaKindShift = 24;

/** Entry kinds (meta bits 24..31). */
export const kEntryTrade = 0;
export const kEntryBook = 1;
export const kEntryFeed = 2;

/** "TICK" in ASCII: a buffer that does not carry it was not made by createTickRing. */
export const kMagic = 0x5449434b;
/** 2: 64-byte slots with an entry kind (book tops and feed states joined the trades). */
export const kLayoutVersion = 2;

export const kSideBuy = 1;
export const kSideSell = 2;

export const kMinCapacity = 2;
/** 2^22 slots of 64 bytes is 256 MiB: more backlog than that is a consumer that has stopped, not a burst. */
export const kMaxCapacity = 2 ** 22;

/** Values of i32[kSleepingI32]. The consumer writes all three; the producer only moves kAsleep to kAwake. */
export const kConsumerAwake = 0;
/** Flag set, wait not yet registered: every push notifies, since the consumer may already be past its last check. */
export const kConsumerAboutToSleep = 1;
/** Wait registered: the first push that moves the flag back to awake notifies, once. */
export const kConsumerAsleep = 2;

export const kOverflowDropOldest = 0;
export const kOverflowDropNewest = 1;

export function ringByteLength(capacity: number): number {
  return kHeaderBytes + capacity * kSlotBytes;
}
