import { describe, expect, it } from 'vitest';
import type { DetectedColumns } from './detect-columns.js';
import { createColumnResolver, rowToItem, type RowContext } from './read-record.js';

const COLUMNS: DetectedColumns = { text: 'text', title: 'title', date: 'date', url: 'url', outlet: 'outlet', byline: 'authors' };
const CONTEXT: RowContext = { file: 'rows.jsonl', format: 'jsonl', row: 7, encoding: 'utf-8', messages: [] };

describe('rowToItem', () => {
  it('builds an article with metadata from the detected columns', () => {
    const item = rowToItem(
      {
        text: 'Line one.\r\nLine two.',
        title: '  Pier reopens ',
        date: '2 June 2024',
        url: 'https://example.org/pier',
        outlet: 'Wendlebury Echo',
        authors: ['Nell Brindley', 'Joe Sayer'],
      },
      COLUMNS,
      CONTEXT,
    );
    expect(item).toEqual({
      kind: 'article',
      item: 'rows.jsonl:7',
      article: {
        text: 'Line one.\nLine two.',
        headline: null,
        messages: [],
        meta: {
          title: 'Pier reopens',
          byline: 'Nell Brindley, Joe Sayer',
          outlet: 'Wendlebury Echo',
          published: '2024-06-02',
          url: 'https://example.org/pier',
          source: { file: 'rows.jsonl', format: 'jsonl', row: 7 },
          language: 'en',
          encoding: 'utf-8',
        },
      },
    });
  });

  it('joins an array of paragraphs with blank lines', () => {
    const item = rowToItem({ text: ['First paragraph.', 'Second\r\nparagraph.'] }, COLUMNS, CONTEXT);
    expect(item.kind === 'article' && item.article.text).toBe('First paragraph.\n\nSecond\nparagraph.');
  });

  it('warns about a date it cannot read and leaves published null', () => {
    const item = rowToItem({ text: 'Body.', date: 'the other week' }, COLUMNS, CONTEXT);
    expect(item.kind).toBe('article');
    if (item.kind !== 'article') return;
    expect(item.article.meta.published).toBeNull();
    expect(item.article.messages).toEqual([
      expect.objectContaining({ rule: 'ingest.date.unparsed', severity: 'warning', stage: 'ingest' }),
    ]);
    expect(item.article.messages[0]?.reason).toContain('the other week');
  });

  it('reads a numeric year as a date', () => {
    const item = rowToItem({ text: 'Body.', date: 2005 }, COLUMNS, CONTEXT);
    expect(item.kind === 'article' && item.article.meta.published).toBe('2005');
  });

  it('rejects a row whose text is missing, empty or not a string', () => {
    for (const text of [undefined, '', '   \n', 42, { a: 1 }, ['ok', 3]]) {
      expect(rowToItem({ text }, COLUMNS, { ...CONTEXT, format: 'csv' })).toMatchObject({
        kind: 'rejected',
        item: 'rows.jsonl:7',
        rule: 'ingest.csv.no-text',
      });
    }
  });

  it('copies the file-level messages onto each article', () => {
    const shared = { stage: 'ingest', rule: 'ingest.decode.windows-1252', severity: 'warning' as const, reason: 'x' };
    const first = rowToItem({ text: 'A.' }, COLUMNS, { ...CONTEXT, messages: [shared] });
    const second = rowToItem({ text: 'B.' }, COLUMNS, { ...CONTEXT, messages: [shared] });
    if (first.kind !== 'article' || second.kind !== 'article') throw new Error('expected articles');
    expect(first.article.messages).toEqual([shared]);
    expect(first.article.messages[0]).not.toBe(second.article.messages[0]);
  });
});

describe('createColumnResolver', () => {
  it('detects per set of keys, so rows with other keys get their own columns', () => {
    const resolve = createColumnResolver({});
    const first = resolve(['title', 'text']);
    expect(first.ok && first.columns.text).toBe('text');
    const other = resolve(['headline', 'body']);
    expect(other.ok && other.columns).toMatchObject({ text: 'body', title: 'headline' });
    expect(resolve(['title', 'text'])).toBe(first);
  });
});
