import type { Token } from '../model/document.js';

/**
 * Tokens are most of an article's annotations (one per word), so the store
 * keeps them packed: two small integers per token (gap since the previous
 * token's end, length) instead of an object, about a fifth of the JSON. The
 * Document itself always holds plain `{start, end}` objects.
 */
export type PackedTokens = number[];

export function packTokens(tokens: readonly Token[]): PackedTokens {
  const data = new Array<number>(tokens.length * 2);
  let previousEnd = 0;
  tokens.forEach((token, i) => {
    data[i * 2] = token.start - previousEnd;
    data[i * 2 + 1] = token.end - token.start;
    previousEnd = token.end;
  });
  return data;
}

export function unpackTokens(packed: PackedTokens): Token[] {
  if (packed.length % 2 !== 0) throw new Error('packed tokens have an odd length: the stored annotations are damaged');
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (let i = 0; i < packed.length; i += 2) {
    const start = previousEnd + (packed[i] ?? 0);
    const end = start + (packed[i + 1] ?? 0);
    tokens.push({ start, end });
    previousEnd = end;
  }
  return tokens;
}
