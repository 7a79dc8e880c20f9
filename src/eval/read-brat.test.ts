import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBratAnnotations, parseMetadata, publisherFromName, readBratCorpus } from './read-brat.js';

// A fictional article and annotation, written for this test.
const TEXT = 'Councillor Ann Reeve said the bridge "will reopen in May".\n\nResidents fear more delays, she added.';
const off = (part: string): string => {
  const start = TEXT.indexOf(part);
  return `${start} ${start + part.length}`;
};
const ANN = [
  `T1\tSource ${off('Councillor Ann Reeve')}\tCouncillor Ann Reeve`,
  `T2\tCue ${off('said')}\tsaid`,
  `T3\tContent ${off('the bridge "will reopen in May"')}\tthe bridge "will reopen in May"`,
  `T4\tAttribution ${off('said')}\tsaid`,
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  `T5\tCue ${off('fear')}\tfear`,
  `T6\tContent ${off('more delays')}\tmore delays`,
  `T7\tAttribution-no-source ${off('fear')}\tfear`,
  'E2\tAttribution-no-source:T7 Cue:T5 Content:T6',
  '#1\tAnnotatorNotes T6\tA belief, not speech.',
  '',
].join('\n');

describe('parseBratAnnotations', () => {
  it('reads attributions with and without a source', () => {
    const { attributions, relations, problems } = parseBratAnnotations(ANN, TEXT, 'a.ann');
    expect(problems).toEqual([]);
    expect(relations).toBe(2);
    expect(attributions.map((a) => ({ ...a, content: a.content.map((s) => TEXT.slice(s.start, s.end)) }))).toMatchObject([
      { id: 'E1', content: ['the bridge "will reopen in May"'] },
      { id: 'E2', content: ['more delays'], source: null },
    ]);
  });

  it('joins discontinuous ranges with a space, and reads text running over line breaks', () => {
    const a = TEXT.indexOf('Residents');
    const d = TEXT.indexOf('delays');
    const ann = [
      `T1\tContent ${a} ${a + 9};${d} ${d + 6}\tResidents delays`,
      `T2\tContent 0 ${TEXT.indexOf('Residents') + 9}\t${TEXT.slice(0, TEXT.indexOf('Residents') + 9)}`,
      'E1\tAttribution:T9 Content:T1 Content2:T2',
    ].join('\n');
    const { attributions, problems } = parseBratAnnotations(ann, TEXT, 'b.ann');
    // The Attribution anchor (T9 here) is not needed; both Content roles are kept.
    expect(problems).toEqual([]);
    expect(attributions[0]?.content).toHaveLength(3);
  });

  it('reports text mismatches, broken lines and missing parts as problems with file and line, and goes on', () => {
    const ann = [
      'T1\tContent 0 10\tSomething else',
      'T2\tCue 9999 10000\tsaid',
      // A line that follows a T line continues its text (brat writes line breaks as they are): here it spoils T2's text.
      'T3\tCue x y\tsaid',
      'E1\tAttribution:T8 Cue:T2 Content:T1 Source:T7',
      'E2\tCue:T3',
      'not a brat line',
    ].join('\n');
    const { attributions, problems } = parseBratAnnotations(`${ann}\nT4\tContent 0 4\tCoun\nE3\tContent:T4`, TEXT, 'c.ann');
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['eval.brat.text-mismatch', 1],
      ['eval.brat.broken-line', 2],
      ['eval.brat.broken-line', 3],
      ['eval.brat.broken-line', 6],
      ['eval.brat.missing-annotation', 4],
      ['eval.brat.missing-annotation', 4],
      ['eval.brat.missing-annotation', 5],
      ['eval.brat.no-content', 5],
    ]);
    expect(problems.every((p) => p.file === 'c.ann')).toBe(true);
    expect(attributions.map((a) => a.id)).toEqual(['E1', 'E3']);
  });
});

describe('publishers', () => {
  it('come from the article name before the first underscore', () => {
    expect(publisherFromName('vale-gazette_2024-01-02_bridge-reopens')).toBe('vale-gazette');
  });
  it('or from metadata.tsv (filename and publisher columns)', () => {
    const tsv = 'compartment\tfilename\tpublisher\ndev\tx_1\tThe Vale Gazette\n';
    expect(parseMetadata(tsv, 'm.tsv').publishers.get('x_1')).toBe('The Vale Gazette');
    expect(parseMetadata('a\tb\n', 'm.tsv').problems[0]?.rule).toBe('eval.brat.metadata-columns');
  });
});

describe('readBratCorpus', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-brat-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every article, annotator files in name order, and reports orphans', () => {
    mkdirSync(path.join(dir, 'text'));
    mkdirSync(path.join(dir, 'attributions'));
    writeFileSync(path.join(dir, 'text', 'vale_2024-01-02_bridge.txt'), TEXT);
    writeFileSync(path.join(dir, 'text', 'ridge_2024-02-03_lonely.txt'), 'No annotations here.');
    writeFileSync(path.join(dir, 'attributions', 'vale_2024-01-02_bridge_zz99.ann'), ANN.split('\n').slice(0, 5).join('\n'));
    writeFileSync(path.join(dir, 'attributions', 'vale_2024-01-02_bridge_ab12.ann'), ANN);
    writeFileSync(path.join(dir, 'attributions', 'gone_2024-03-04_x_ab12.ann'), '');
    const corpus = readBratCorpus(dir);
    expect(corpus.articles.map((a) => a.name)).toEqual(['vale_2024-01-02_bridge']);
    const [article] = corpus.articles;
    expect(article?.publisher).toBe('vale');
    expect(article?.annotations.map((a) => [a.annotator, a.attributions.length])).toEqual([
      ['ab12', 2],
      ['zz99', 1],
    ]);
    expect(corpus.problems.map((p) => p.rule).sort()).toEqual(['eval.brat.no-annotations', 'eval.brat.no-text']);
  });

  it('says clearly when the folder is not a corpus', () => {
    expect(() => readBratCorpus(path.join(dir, 'missing'))).toThrow(/text\/<article>\.txt/);
  });
});
