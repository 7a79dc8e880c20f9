import { existsSync, readFileSync } from 'node:fs';
import { Linter } from 'eslint';
import regexp from 'eslint-plugin-regexp';
import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../model/check-invariants.js';
import type { Document } from '../model/document.js';
import { textDocument } from '../../test/helpers/text-document.js';
import { findBoilerplate, loadBoilerplatePatterns, MAX_FURNITURE_WORDS } from './find-boilerplate.js';
import { splitParagraphs } from './split-paragraphs.js';

function run(text: string, headline = false): Document {
  const doc = textDocument(text, { headline });
  splitParagraphs(doc, {});
  findBoilerplate(doc, {});
  assertInvariants(doc);
  return doc;
}

function flagged(doc: Document): string[] {
  return doc.boilerplate.map((b) => doc.text.slice(b.start, b.end));
}

const STORY = [
  'Residents of Millbrook Green have been told to expect delays after a water main burst on Tuesday.',
  'Hallam Water said engineers would work through the night to restore supplies.',
];

function story(...extra: string[]): string {
  return [...STORY, ...extra].join('\n\n');
}

describe('findBoilerplate', () => {
  it('job-advert-at-end', () => {
    const doc = run(story('Looking for a job? There are hundreds available at www.example-jobs.co.uk'));
    expect(doc.boilerplate).toHaveLength(1);
    expect(doc.boilerplate[0]).toMatchObject({ kind: 'advert', rule: 'text.boilerplate.job-advert' });
    expect(doc.paragraphs.map((p) => p.boilerplate)).toEqual([false, false, true]);
  });

  it('more-information-link-and-advert-both-caught', () => {
    const doc = run(
      story(
        'More information, and advice on staying safe near water, is available by visiting here',
        'Looking for a job? There are thousands available at www.example-jobs.co.uk',
      ),
    );
    expect(doc.boilerplate.map((b) => b.kind)).toEqual(['link', 'advert']);
  });

  it('more-information-in-story-is-not-furniture', () => {
    const doc = run(story('More information emerged on Monday when police said the driver had been released on bail.'));
    expect(doc.boilerplate).toEqual([]);
  });

  it('story-paragraph-between-furniture-stops-the-scan', () => {
    const doc = run(['Share this article', ...STORY, 'Read more: Council tax to rise', 'Hallam Water apologised.', 'Click here to read our guide'].join('\n\n'));
    expect(flagged(doc)).toEqual(['Share this article', 'Click here to read our guide']);
  });

  it('furniture-in-the-middle-is-left-alone', () => {
    const doc = run([STORY[0], 'Read more: Council tax to rise', STORY[1]].join('\n\n'));
    expect(doc.boilerplate).toEqual([]);
  });

  it('each-kind-is-recognised', () => {
    const cases: [string, string][] = [
      ['Share on Facebook', 'share'],
      ['Share this story', 'share'],
      ['Read more:', 'read-more'],
      ['Read more', 'read-more'],
      ['Related: Flood defences delayed again', 'read-more'],
      ['More on this story', 'read-more'],
      ['Most read', 'read-more'],
      ['Sign up to our newsletter for the latest Millbrook news', 'newsletter'],
      ['Subscribe to the Millbrook Courier for 99p', 'newsletter'],
      ['© 2024 Millbrook Courier Ltd', 'copyright'],
      ['Copyright 2023 Hallam Media Group. All rights reserved.', 'copyright'],
      ['All rights reserved.', 'copyright'],
      ['Picture: Tom Eccleston', 'photo-credit'],
      ['Photo: Millbrook Fire and Rescue Service', 'photo-credit'],
      ['Image: Hallam Water', 'photo-credit'],
      ['(Photo: Sunita Rai)', 'photo-credit'],
      ['Click here to download the leaflet', 'link'],
      ['Find out more at www.example.org', 'link'],
      ['For more information, visit the council website', 'link'],
    ];
    for (const [line, kind] of cases) {
      const doc = run(story(line));
      expect(doc.boilerplate.map((b) => b.kind), line).toEqual([kind]);
    }
  });

  it('story-openings-that-look-like-furniture-are-not', () => {
    const lines = [
      'Copyright lawyers for the band said they would appeal against the ruling.',
      'Most readers of the Courier will remember the floods of 2007.',
      'Read more widely, the report paints a bleaker picture for the town.',
      'Sharing the story of her recovery, Mrs Okafor said she owed her life to the crew.',
      'Subscribers to the scheme will receive a refund, the firm said.',
      'Pictures of the damage were shared widely on social media.',
      'Click-and-collect services will resume on Monday.',
    ];
    for (const line of lines) {
      expect(run(story(line)).boilerplate, line).toEqual([]);
    }
  });

  it('long-paragraph-is-never-furniture', () => {
    const long = `Read more: ${'word '.repeat(MAX_FURNITURE_WORDS)}end.`;
    expect(run(story(long)).boilerplate).toEqual([]);
  });

  it('headline-is-not-furniture', () => {
    const doc = run(['Share this article', 'Photo: Kim Ashdown', ...STORY].join('\n\n'), true);
    expect(doc.headline).not.toBeNull();
    expect(flagged(doc)).toEqual(['Photo: Kim Ashdown']);
  });

  it('all-furniture-article-flags-everything-once', () => {
    const doc = run('Share this article\n\nRead more\n\nMost read');
    expect(doc.boilerplate).toHaveLength(3);
    expect(doc.paragraphs.every((p) => p.boilerplate)).toBe(true);
  });
});

describe('data/boilerplate.json', () => {
  const patterns = loadBoilerplatePatterns();

  it('has unique ids and compiles', () => {
    expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
    for (const p of patterns) expect(() => new RegExp(p.source, p.flags)).not.toThrow();
  });

  it('patterns pass the regexp lint rules (no super-linear backtracking)', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = patterns.map((p) => `export const r${patterns.indexOf(p)} = /${p.source.replace(/\//g, '\\/')}/${p.flags};`).join('\n');
    const messages = linter.verify(code, [
      {
        plugins: { regexp },
        rules: {
          ...regexp.configs['flat/recommended'].rules,
          'regexp/no-super-linear-backtracking': 'error',
          'regexp/no-super-linear-move': 'error',
        },
      },
    ]);
    expect(messages.map((m) => `${m.line}: ${m.ruleId ?? ''} ${m.message}`)).toEqual([]);
  });
});

const SEEDS = '/work/shared/corpora/seeds';

describe.skipIf(!existsSync(SEEDS))('findBoilerplate on the seed articles', () => {
  it('burton: the last two paragraphs, nothing else', () => {
    const doc = run(readFileSync(`${SEEDS}/burton-staffordshire-police.txt`, 'utf8'));
    expect(doc.boilerplate.map((b) => b.kind)).toEqual(['link', 'advert']);
    expect(doc.paragraphs.slice(-2).every((p) => p.boilerplate)).toBe(true);
    expect(doc.paragraphs.filter((p) => p.boilerplate)).toHaveLength(2);
  });

  it('wiltshire: none', () => {
    expect(run(readFileSync(`${SEEDS}/wiltshire-police.txt`, 'utf8')).boilerplate).toEqual([]);
  });
});
