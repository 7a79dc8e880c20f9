import { describe, expect, it } from 'vitest';
import { detectColumns } from './detect-columns.js';

describe('detectColumns', () => {
  it('picks each role by the first candidate present, keeping the field spelling', () => {
    const detection = detectColumns(['ID', ' Headline ', 'Body', 'Published_At', 'Link', 'Media_Name', 'Authors'], {});
    expect(detection).toEqual({
      ok: true,
      columns: {
        text: 'Body',
        title: ' Headline ',
        date: 'Published_At',
        url: 'Link',
        outlet: 'Media_Name',
        byline: 'Authors',
      },
    });
  });

  it('prefers earlier candidates in the priority order', () => {
    const detection = detectColumns(['story', 'content', 'text', 'headline', 'title', 'source', 'outlet'], {});
    expect(detection.ok && detection.columns).toMatchObject({ text: 'text', title: 'title', outlet: 'outlet' });
  });

  it('leaves optional roles null when nothing matches', () => {
    const detection = detectColumns(['full_text'], {});
    expect(detection).toEqual({
      ok: true,
      columns: { text: 'full_text', title: null, date: null, url: null, outlet: null, byline: null },
    });
  });

  it('uses an override, matched case-insensitively', () => {
    const detection = detectColumns(['Article Body', 'text', 'When'], { text: 'article body', date: 'WHEN' });
    expect(detection.ok && detection.columns).toMatchObject({ text: 'Article Body', date: 'When' });
  });

  it('names the missing column and the available ones when an override is not there', () => {
    const detection = detectColumns(['text', 'title'], { title: 'headline_text' });
    expect(detection.ok).toBe(false);
    if (detection.ok) return;
    expect(detection.rule).toBe('ingest.columns.unknown-override');
    expect(detection.reason).toContain('"headline_text"');
    expect(detection.reason).toContain('"text", "title"');
  });

  it('lists the fields and the --text-column flag when there is no text field', () => {
    const detection = detectColumns(['id', 'summary'], {});
    expect(detection.ok).toBe(false);
    if (detection.ok) return;
    expect(detection.rule).toBe('ingest.columns.no-text');
    expect(detection.reason).toContain('"id", "summary"');
    expect(detection.reason).toContain('--text-column');
  });
});
