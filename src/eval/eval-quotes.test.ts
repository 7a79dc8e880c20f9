import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import type { Quote, Span } from '../model/document.js';
import { evaluateQuotes, roundRobin, toSystemQuotes, type QuoteSystem } from './eval-quotes.js';

// Fictional article, written for this test.
const TEXT = 'Councillor Ann Reeve said the bridge "will reopen in May". Locals call it the "old lady".\n';
const span = (part: string): Span => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });
const off = (part: string): string => `${span(part).start} ${span(part).end}`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'brat', 'text'), { recursive: true });
mkdirSync(path.join(dir, 'brat', 'attributions'));
writeFileSync(path.join(dir, 'brat', 'text', 'vale_2024_bridge.txt'), TEXT);
const ann = [
  `T1\tSource ${off('Councillor Ann Reeve')}\tCouncillor Ann Reeve`,
  `T2\tCue ${off('said')}\tsaid`,
  `T3\tContent ${off('the bridge "will reopen in May"')}\tthe bridge "will reopen in May"`,
  'E1\tCue:T2 Content:T3 Source:T1',
].join('\n');
writeFileSync(path.join(dir, 'brat', 'attributions', 'vale_2024_bridge_aa11.ann'), ann);
writeFileSync(path.join(dir, 'brat', 'attributions', 'vale_2024_bridge_bb22.ann'), ann);
writeFileSync(path.join(dir, 'seeds.txt'), TEXT);
writeFileSync(
  path.join(dir, 'gold.json'),
  JSON.stringify({
    articles: {
      'seeds.txt': {
        quotes: [{ level: 'core', kind: 'mixed', speaker: 'Ann Reeve', speaker_mention: 'Councillor Ann Reeve', cue: 'said', starts: 'the bridge', ends: 'in May' }],
        not_quotes: ['old lady'],
      },
    },
  }),
);

const quote = (id: string, content: string, speaker: string | null, kind: Quote['kind'] = 'mixed'): Quote => ({
  id,
  kind,
  content: [span(content)],
  cue: null,
  speaker: speaker === null ? null : span(speaker),
  actor: null,
  rule: 'test',
  confidence: 1,
});
/** A stand-in system: finds the gold quote (speaker "Reeve"), wrongly quotes the nickname, and marks it as a term too. */
const fakeSystem: QuoteSystem = (article) => ({
  text: article.text,
  quotes: [quote('q1', 'the bridge "will reopen in May"', 'Reeve'), quote('q2', 'old lady', null, 'direct'), quote('q3', 'old lady', null, 'term')],
});

describe('evaluateQuotes', () => {
  it('scores a brat corpus: the first annotator is gold, the second gives the human ceiling', () => {
    const report = evaluateQuotes({ gold: { format: 'brat', dir: path.join(dir, 'brat') }, system: fakeSystem, errors: 5 });
    expect(report.gold).toMatchObject({ format: 'brat', articles: 1, attributions: 1 });
    expect(report.system).toEqual({ quotes: 2, termsLeftOut: 1 });
    expect(report.scores.exact).toMatchObject({ tp: 1, precision: 0.5, recall: 1 });
    expect(report.scores.attributed).toMatchObject({ tp: 1 });
    expect(report.humanCeiling?.scores?.exact.f1).toBe(1);
    expect(report.examples?.falsePositives.map((e) => e.text)).toEqual(['old lady']);
    expect(report.examples?.missed).toEqual([]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('scores seeds: levels, speaker by name, and a not_quotes string output as a quote', () => {
    const report = evaluateQuotes({ gold: { format: 'seeds', file: path.join(dir, 'gold.json') }, system: fakeSystem });
    expect(report.seeds).toMatchObject({ quotes: 1, located: 1, notQuotes: { checked: 1 } });
    expect(report.seeds?.notQuotes.errors.map((e) => [e.text, e.systemId])).toEqual([['old lady', 'q2']]);
    expect(report.scores.breakdowns.level?.core?.lenient.recall).toBe(1);
    expect(report.scores.speaker.overlap.accuracy).toBe(1);
  });

  it('runs the real pipeline by default, and reports a text the pipeline changed instead of misaligning', () => {
    const report = evaluateQuotes({ gold: { format: 'brat', dir: path.join(dir, 'brat') } });
    expect(report.gold.articles).toBe(1);
    const changed = evaluateQuotes({ gold: { format: 'brat', dir: path.join(dir, 'brat') }, system: () => ({ text: 'other', quotes: [] }) });
    expect(changed.problems.map((p) => p.rule)).toEqual(['eval.text-differs']);
    expect(changed.system.quotes).toBe(0);
  });

  it('--limit keeps the first articles', () => {
    expect(evaluateQuotes({ gold: { format: 'brat', dir: path.join(dir, 'brat') }, system: fakeSystem, limit: 1 }).gold.articles).toBe(1);
  });
});

describe('helpers', () => {
  it('toSystemQuotes leaves out term quotes', () => {
    expect(toSystemQuotes([quote('a', 'old lady', null, 'term')])).toEqual([]);
  });
  it('roundRobin spreads examples over articles', () => {
    expect(roundRobin([[1, 2, 3], [4], [5, 6]], 4)).toEqual([1, 4, 5, 2]);
    expect(roundRobin([[1], []], 5)).toEqual([1]);
  });
});

describe('verbatim eval quotes (CLI)', () => {
  const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false });
    return { code, out, err };
  };

  it('prints the table, the breakdowns and the human ceiling', async () => {
    const { code, out } = await run('eval', 'quotes', '--gold', 'brat', path.join(dir, 'brat'), '--errors', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/figure\s+P\s+R\s+F1\s+n/);
    expect(out).toContain('attributed quote (headline)');
    expect(out).toContain('by publisher');
    expect(out).toContain('human ceiling: 1 other annotator file(s) on 1 multi-annotator article(s)');
    expect(out).toContain('missed gold quotes');
  });

  it('--json gives the report; --help the rules', async () => {
    const json = await run('eval', 'quotes', '--gold', 'seeds', path.join(dir, 'gold.json'), '--json');
    expect(JSON.parse(json.out)).toMatchObject({ gold: { format: 'seeds' }, seeds: { located: 1 } });
    expect((await run('eval', 'quotes', '--help')).out).toContain('--gold brat <dir>');
  });

  it('says clearly what is wrong with the arguments or a missing corpus', async () => {
    expect((await run('eval', 'quotes')).err).toMatch(/--gold brat <dir> or --gold seeds/);
    expect((await run('eval', 'quotes', '--gold', 'xml', dir)).err).toMatch(/brat or seeds/);
    expect((await run('eval', 'quotes', '--gold', 'brat', path.join(dir, 'missing'))).err).toMatch(/does not exist.*shared\/corpora/);
    expect((await run('eval', 'quotes', '--gold', 'brat', dir)).err).toMatch(/not a PolNeAR-style corpus/);
    expect((await run('eval', 'stances')).code).toBe(1);
  });
});
