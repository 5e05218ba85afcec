// Test support: InstrumentRules from the documented instruments-info items, optionally with filters edited (tests).

import { loadFixture } from '../../test-support/fixtures.js';
import { parseInstrumentRules, type InstrumentRules } from '../instrument-rules.js';

type Item = Record<string, unknown> & {
  priceFilter: Record<string, unknown>;
  lotSizeFilter: Record<string, unknown>;
};

interface ListPayload {
  result: { list: Item[] };
}

/** A fresh copy of `result.list[0]` of a fixture, safe to mutate. */
export function documentedItem(fixture: 'linear' | 'prelisting'): Item {
  const name = fixture === 'linear' ? 'rest_instruments_info_linear_docs.json' : 'rest_instruments_info_linear_prelisting_docs.json';
  const item = loadFixture<ListPayload>(name).payload.result.list[0];
  if (item === undefined) throw new Error(`${name} has no instrument`);
  return structuredClone(item);
}

/** Parsed rules, with lotSizeFilter / priceFilter fields replaced first; throws if the edit made them invalid. */
export function rulesFrom(
  fixture: 'linear' | 'prelisting',
  edits: { lot?: Record<string, unknown>; price?: Record<string, unknown> } = {},
): InstrumentRules {
  const item = documentedItem(fixture);
  Object.assign(item.lotSizeFilter, edits.lot ?? {});
  Object.assign(item.priceFilter, edits.price ?? {});
  const parsed = parseInstrumentRules(item);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
