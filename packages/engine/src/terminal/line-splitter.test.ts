import { describe, expect, it } from '@jest/globals';
import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('hands over whole lines, however the chunks fall, and the unterminated rest on flush', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('{"a":1}\n{"b"');
    splitter.push(':2}\n\n');
    splitter.push('tail wi');
    splitter.push('thout newline');
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '']);
    splitter.flush();
    splitter.flush();
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '', 'tail without newline']);
  });
});
