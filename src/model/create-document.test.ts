import { describe, expect, it } from 'vitest';
import { articleId, createDocument, hashText, normaliseForHash } from './create-document.js';

const meta = {
  title: null, byline: null, outlet: null, published: null, url: null,
  language: 'en', encoding: 'utf-8', source: { file: 'x.txt', format: 'txt' as const },
};

describe('normaliseForHash', () => {
  it('folds curly quotes, dashes, whitespace and case', () => {
    expect(normaliseForHash('  Cllr Okafor said:\u00a0\u201cIt\u2019s right \u2013 now.\u201d\n\n')).toBe(
      'cllr okafor said: "it\'s right - now."',
    );
  });

  it('treats an ASCII copy and a typographic copy as one article', () => {
    const ascii = 'Police said: "We won\'t work with them."\n\nThe force confirmed it.';
    const curly = 'Police said:  \u201cWe won\u2019t work with them.\u201d\r\n\r\nThe force confirmed it.';
    expect(hashText(curly)).toBe(hashText(ascii));
    expect(hashText(`${ascii} Extra.`)).not.toBe(hashText(ascii));
  });
});

describe('createDocument', () => {
  it('derives a stable id from the text and starts every stage field empty', () => {
    const doc = createDocument({ text: 'A short story.', meta, headline: null, messages: [] });
    expect(doc.id).toBe(articleId(doc.hash));
    expect(doc.id).toMatch(/^a[0-9a-f]{16}$/);
    expect(createDocument({ text: 'A short story.', meta, headline: null, messages: [] }).id).toBe(doc.id);
    expect([doc.paragraphs, doc.sentences, doc.tokens, doc.boilerplate, doc.messages]).toEqual([[], [], [], [], []]);
  });
});
