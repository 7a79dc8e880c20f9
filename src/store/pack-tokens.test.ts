import { describe, expect, it } from 'vitest';
import { packTokens, unpackTokens } from './pack-tokens.js';

describe('packTokens', () => {
  it('round-trips offsets, including adjacent and zero-gap tokens', () => {
    const tokens = [
      { start: 3, end: 7 },
      { start: 7, end: 8 },
      { start: 9, end: 20 },
      { start: 1000, end: 1001 },
    ];
    const packed = packTokens(tokens);
    expect(packed).toEqual([3, 4, 0, 1, 1, 11, 980, 1]);
    expect(unpackTokens(packed)).toEqual(tokens);
  });

  it('refuses damaged data instead of inventing offsets', () => {
    expect(() => unpackTokens([1, 2, 3])).toThrow(/damaged/);
  });
});
