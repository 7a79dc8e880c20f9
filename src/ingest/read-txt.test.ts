import { describe, expect, it } from 'vitest';
import { findHeadline, readTxt } from './read-txt.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function read(text: string) {
  const item = readTxt(utf8(text), 'story.txt');
  if (item.kind !== 'article') throw new Error(`expected an article, got ${item.kind}: ${item.reason}`);
  return item.article;
}

describe('readTxt', () => {
  it('takes a BBC-style first line as the headline and keeps it in the text', () => {
    const text = 'Ferry fares to rise by 8%\n\nFares on the Dunmore ferry will rise by 8% in April.\n\nThe operator blamed fuel costs.\n';
    const article = read(text);
    expect(article.text).toBe(text);
    expect(article.meta.title).toBe('Ferry fares to rise by 8%');
    expect(article.headline).toEqual({ start: 0, end: 25 });
    expect(article.text.slice(article.headline?.start, article.headline?.end)).toBe('Ferry fares to rise by 8%');
    expect(article.meta).toMatchObject({
      byline: null,
      outlet: null,
      published: null,
      url: null,
      language: 'en',
      encoding: 'utf-8',
      source: { file: 'story.txt', format: 'txt' },
    });
    expect(article.messages).toEqual([]);
  });

  it('spans the trimmed headline after leading blank lines and spaces', () => {
    const text = '\n\n  Is the high street dying?  \n\nShop owners in Wendlebury say footfall has halved.';
    const article = read(text);
    expect(article.meta.title).toBe('Is the high street dying?');
    expect(article.headline).not.toBeNull();
    expect(text.slice(article.headline?.start, article.headline?.end)).toBe('Is the high street dying?');
  });

  it('accepts headlines ending in "!", "..." or no punctuation', () => {
    expect(read('Goal!\n\nUnited won.').meta.title).toBe('Goal!');
    expect(read('And finally...\n\nA duck walked into a bank.').meta.title).toBe('And finally...');
    expect(read('Council tax up 5%\n\nBills rise.').meta.title).toBe('Council tax up 5%');
  });

  it('reads CRLF files: the text is LF, the span still matches', () => {
    const article = read('School closes early\r\n\r\nPupils were sent home at noon.\r\n');
    expect(article.text).toBe('School closes early\n\nPupils were sent home at noon.\n');
    expect(article.text.slice(article.headline?.start, article.headline?.end)).toBe('School closes early');
  });

  it('treats a first line ending in one full stop as a paragraph', () => {
    for (const first of ['The bridge reopened on Friday.', 'She said: "It is over."', 'He said it was “a relief.”']) {
      const article = read(`${first}\n\nMore text follows here.`);
      expect(article.meta.title).toBeNull();
      expect(article.headline).toBeNull();
    }
  });

  it('needs a blank line after the headline and text after that', () => {
    expect(read('Fog closes airport\nFlights were cancelled.').headline).toBeNull();
    expect(read('Fog closes airport\n\n').headline).toBeNull();
    expect(read('Fog closes airport').headline).toBeNull();
  });

  it('refuses first lines longer than 30 words or 200 characters', () => {
    const words31 = Array.from({ length: 31 }, (_, i) => `word${i}`).join(' ');
    expect(read(`${words31}\n\nBody.`).headline).toBeNull();
    const words30 = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    expect(read(`${words30}\n\nBody.`).meta.title).toBe(words30);
    expect(read(`${'x'.repeat(201)}\n\nBody.`).headline).toBeNull();
  });

  it('decodes Windows-1252 files, with the warning on the article', () => {
    const bytes = Uint8Array.from([...utf8('Prices up\n\n'), 0x93, ...utf8('Dear'), 0x94, ...utf8(' '), 0xa3, ...utf8('2')]);
    const item = readTxt(bytes, 'old.txt');
    expect(item.kind).toBe('article');
    if (item.kind !== 'article') return;
    expect(item.article.text).toBe('Prices up\n\n“Dear” £2');
    expect(item.article.meta.encoding).toBe('windows-1252');
    expect(item.article.messages.map((m) => m.rule)).toEqual(['ingest.decode.windows-1252']);
  });

  it('rejects empty and binary files', () => {
    expect(readTxt(utf8('  \n\n '), 'blank.txt')).toMatchObject({ kind: 'rejected', item: 'blank.txt', rule: 'ingest.empty' });
    expect(readTxt(Uint8Array.of(0x47, 0x49, 0x46, 0x00, 0x01), 'a.txt')).toMatchObject({ kind: 'rejected', rule: 'ingest.binary' });
  });
});

describe('findHeadline', () => {
  it('returns null for text with no lines at all', () => {
    expect(findHeadline('')).toBeNull();
    expect(findHeadline('\n\n\n')).toBeNull();
  });
});
