import { describe, expect, it } from '@jest/globals';
import { translateVenueFlag } from './venue-flag.js';

describe('--venue', () => {
  it('stands for the environment or the URL mode it names', () => {
    expect(translateVenueFlag(['--venue', 'sim'])).toEqual(['--env', 'sim']);
    expect(translateVenueFlag(['--venue=testnet', '--log.level', 'debug'])).toEqual(['--env', 'testnet', '--log.level', 'debug']);
    expect(translateVenueFlag(['--venue', 'mainnet'])).toEqual(['--env', 'live']);
    expect(translateVenueFlag(['--venue', 'demo'])).toEqual(['--env', 'demo']);
    expect(translateVenueFlag(['--venue', 'url'])).toEqual(['--venue.kind', 'bybit']);
    expect(translateVenueFlag(['--venue', 'paper'])).toEqual(['--venue.kind', 'paper']);
    expect(translateVenueFlag(['--venue.kind', 'sim'])).toEqual(['--venue.kind', 'sim']);
  });

  it('refuses anything else', () => {
    expect(() => translateVenueFlag(['--venue', 'binance'])).toThrow('--venue must be sim, paper, testnet, demo, mainnet or url, got "binance"');
  });
});

describe('--record', () => {
  it('stands for venue.record, either spelling', () => {
    expect(translateVenueFlag(['--venue', 'paper', '--record', 'data/day.jsonl.gz'])).toEqual([
      '--venue.kind',
      'paper',
      '--venue.record',
      'data/day.jsonl.gz',
    ]);
    expect(translateVenueFlag(['--record=a.jsonl'])).toEqual(['--venue.record', 'a.jsonl']);
  });

  it('refuses a missing file name, not taking the next option for one', () => {
    expect(() => translateVenueFlag(['--record'])).toThrow('--record needs a file name');
    expect(() => translateVenueFlag(['--record', '--venue', 'paper'])).toThrow('--record needs a file name');
    expect(() => translateVenueFlag(['--record='])).toThrow('--record needs a file name');
  });
});
