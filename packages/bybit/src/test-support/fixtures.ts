// Loads the Bybit documentation fixtures in packages/bybit/fixtures for tests and benchmarks (any thread).

import { readFileSync } from 'node:fs';

export interface Fixture<T = unknown> {
  readonly source?: string;
  readonly notes?: string;
  readonly request?: unknown;
  readonly payload: T;
}

export function fixturePath(name: string): string {
  return new URL(`../../fixtures/${name}`, import.meta.url).pathname;
}

export function loadFixture<T = unknown>(name: string): Fixture<T> {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Fixture<T>;
}

/** The payload re-serialised as the text a socket or HTTP body would carry. */
export function fixtureText(name: string): string {
  return JSON.stringify(loadFixture(name).payload);
}
