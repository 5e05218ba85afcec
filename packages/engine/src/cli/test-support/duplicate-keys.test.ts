import { describe, expect, it } from '@jest/globals';
import { duplicateKeys } from './duplicate-keys.js';

describe('duplicateKeys', () => {
  it('finds a key given twice at the top level, which JSON.parse would hide', () => {
    const line = '{"level":"info","worker":"main","worker":"strategy","msg":"worker started"}';
    expect(JSON.parse(line)).toMatchObject({ worker: 'strategy' });
    expect(duplicateKeys(line)).toEqual(['$.worker']);
  });

  it('finds them at any depth, inside arrays too, and tells keys from string values', () => {
    expect(duplicateKeys('{"a":{"b":1,"b":2},"c":[{"d":1},{"e":{"f":"x","f":"y"}}],"g":"\\"g\\":1"}')).toEqual(['$.a.b', '$.c[1].e.f']);
  });

  it('passes clean JSON of every shape and refuses text that is not JSON', () => {
    expect(duplicateKeys('{"a":[1,-2.5e3,true,false,null,"s\\u00e9"],"b":{},"c":[]}')).toEqual([]);
    expect(() => duplicateKeys('{"a":1')).toThrow(SyntaxError);
    expect(() => duplicateKeys('{"a":1} extra')).toThrow(SyntaxError);
    expect(() => duplicateKeys('14:03:37.627 INFO: main configuration loaded')).toThrow(SyntaxError);
  });
});
