import { describe, expect, it } from 'vitest';
import { MAX_WORD_ID, packWordIds, unpackWordIds } from './word-ids.js';

describe('packed word ids', () => {
  it('round-trips ids of every packed length, into any place of the output', () => {
    const ids = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, MAX_WORD_ID];
    const packed = packWordIds(ids);
    // One byte up to 127, two to 16,383, three to 2,097,151, four beyond.
    expect(packed.length).toBe(3 * 1 + 3 * 2 + 2 * 3 + 2 * 4);
    const out = new Uint32Array(3 + packed.length).fill(7);
    expect(unpackWordIds(packed, out, 3)).toBe(ids.length);
    expect([...out.subarray(0, 3)]).toEqual([7, 7, 7]);
    expect([...out.subarray(3, 3 + ids.length)]).toEqual(ids);
    expect(unpackWordIds(packWordIds([]), out, 0)).toBe(0);
  });

  it('refuses ids it cannot pack and bytes that end inside an id', () => {
    expect(() => packWordIds([MAX_WORD_ID + 1])).toThrow(/a word id is a whole number from 0 to 268435455, not 268435456/u);
    expect(() => packWordIds([-1])).toThrow(RangeError);
    expect(() => packWordIds([1.5])).toThrow(RangeError);
    const truncated = packWordIds([300]).subarray(0, 1);
    expect(() => unpackWordIds(truncated, new Uint32Array(4), 0)).toThrow(/end inside an id/u);
    expect(() => unpackWordIds(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x01]), new Uint32Array(8), 0)).toThrow(RangeError);
  });
});
