import { expect, it } from 'vitest';
import { countWords, isWhitespaceCode, trimSpan } from './whitespace.js';

it('whitespace-code-matches-js-whitespace-class', () => {
  for (let code = 0; code < 0x10000; code++) {
    expect(isWhitespaceCode(code), `U+${code.toString(16)}`).toBe(/\s/.test(String.fromCharCode(code)));
  }
});

it('trim-span-and-count-words', () => {
  const text = ' \u00a0 Two words\t\n';
  expect(trimSpan(text, 0, text.length)).toEqual([3, 12]);
  expect(trimSpan('   ', 0, 3)).toEqual([3, 3]);
  expect(countWords(text, 0, text.length)).toBe(2);
});
