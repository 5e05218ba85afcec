import { describe, expect, it } from '@jest/globals';
import { dropArgSeparators } from './script-argv.js';

describe('dropArgSeparators', () => {
  it('drops every bare -- that pnpm passes through, and nothing else', () => {
    expect(dropArgSeparators(['--', '--minutes', '1', '--', '--seed', '3'])).toEqual(['--minutes', '1', '--seed', '3']);
    expect(dropArgSeparators(['--venue', 'testnet'])).toEqual(['--venue', 'testnet']);
    expect(dropArgSeparators(['---', '--=x', '-', '--port=0'])).toEqual(['---', '--=x', '-', '--port=0']);
    expect(dropArgSeparators([])).toEqual([]);
  });
});
