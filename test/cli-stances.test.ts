/**
 * End to end: stances over the bundled example corpus with
 * examples/propositions.yaml, in-process: positions against the corpus
 * README's cast table, statements, codings (set, import, next, agreement)
 * surviving re-analysis, and the network exports.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../src/cli/csv.js';
import { runCommand } from './helpers/cli.js';
import type { Position } from '../src/stances/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'examples', 'corpus');
const PROPOSITIONS = path.join(ROOT, 'examples', 'propositions.yaml');
const P = 'police-work-with-hunters';

const cli = runCommand;

interface StatementJson {
  articleId: string;
  id: string;
  actor: { name: string } | null;
  polarity: string;
  machine: string | null;
  coder: string | null;
  text: string | null;
}

describe('verbatim stances on examples/corpus', () => {
  let dir: string;
  let db: string;
  const positions = async (): Promise<Position[]> => JSON.parse((await cli(['stances', '--db', db, '--json'])).out) as Position[];
  const statements = async (...args: string[]): Promise<StatementJson[]> => JSON.parse((await cli(['statements', '--db', db, '--json', '--limit', '1000', ...args])).out) as StatementJson[];
  const position = (list: Position[], name: string): string | undefined => list.find((p) => p.actorName === name)?.position;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-stances-'));
    db = path.join(dir, 'example.db');
    const { code, err } = await cli(['analyze', CORPUS, '--db', db, '--propositions', PROPOSITIONS]);
    expect(err).toBe('');
    expect(code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the positions of the cast table in the corpus README', async () => {
    const list = await positions();
    expect(position(list, 'Wessex Vale Police')).toBe('mixed'); // against, then conditional by 2024
    expect(position(list, 'Northmoor Constabulary')).toBe('oppose');
    expect(position(list, 'Helen Garside')).toBe('oppose');
    expect(position(list, 'Kestrel Child Safety Trust')).toBe('oppose');
    expect(position(list, 'Hannah Lowther')).toBe('oppose');
    expect(position(list, 'Tom Fairweather')).toBe('support');
    expect(position(list, 'Andrew Pike')).toBe('support');
    expect(position(list, 'Elaine Cartwright')).toBe('oppose');
    expect(position(list, 'Janet Okafor')).toBe('oppose');
    // Andrew Pike only ever supports conditionally or tentatively.
    expect(list.find((p) => p.actorName === 'Andrew Pike')?.qualified).toBe(true);
  });

  it('a force counts its officers\' statements too, marked as via', async () => {
    const police = (await positions()).find((p) => p.actorName === 'Wessex Vale Police');
    expect(police?.viaOppose).toBeGreaterThan(0); // Det Chief Insp Karen Holloway: "We have no plans to work with these groups"
  });

  it('--by year splits positions by article date; undated articles stay apart', async () => {
    const { out } = await cli(['stances', '--db', db, '--by', 'year', '--json']);
    const windows = new Set((JSON.parse(out) as Position[]).map((p) => p.window));
    expect(windows).toContain('2024');
    expect(windows).toContain('undated');
    const csv = await cli(['stances', '--db', db, '--csv']);
    expect(csv.out.split('\r\n')[0]).toBe('proposition,actor_key,actor,type,window,position,qualified,support,oppose,neutral,via_support,via_oppose,via_neutral');
    const wide = (await cli(['stances', '--db', db, '--csv', '--wide'])).out.split('\r\n');
    expect(wide[0]).toBe(`actor_key,actor,type,${P}`);
    expect(wide).toContain('person:tom fairweather,Tom Fairweather,person,support');
  });

  it('statements carry their evidence and rules; --explain prints every cue', async () => {
    const list = await statements();
    expect(list.some((s) => s.text?.includes('best left to the police') === true && s.polarity === 'oppose')).toBe(true);
    const { out } = await cli(['statements', '--db', db, '--explain', '--polarity', 'support', '--limit', '3']);
    expect(out).toMatch(/stance\.(action|evaluation|proposition-cue)/u);
  });

  it('a coding wins over the machine and survives re-analysis with changed propositions', async () => {
    const target = (await statements('--polarity', 'oppose')).find((s) => s.actor?.name === 'Elaine Cartwright');
    expect(target).toBeDefined();
    const key = `${target?.articleId ?? ''}:${target?.id ?? ''}`;
    const coded = await cli(['code', key, 'neutral', '--db', db, '--coder', 'ana']);
    expect(coded.code).toBe(0);
    expect(position(await positions(), 'Elaine Cartwright')).toBe('neutral');
    // Re-analyse with a changed propositions file: statements are rewritten, codings stay.
    const changed = path.join(dir, 'changed.yaml');
    writeFileSync(changed, `${readFileSync(PROPOSITIONS, 'utf8')}      - no place for vigilantes\n`);
    const again = await cli(['analyze', CORPUS, '--db', db, '--propositions', changed, '--json']);
    expect((JSON.parse(again.out) as { counts: { updated: number } }).counts.updated).toBe(19);
    expect(position(await positions(), 'Elaine Cartwright')).toBe('neutral');
    const after = (await statements('--coded')).map((s) => [s.actor?.name, s.machine, s.polarity, s.coder]);
    expect(after).toContainEqual(['Elaine Cartwright', 'oppose', 'neutral', 'ana']);
  });

  it('a coding sheet round-trips: statements --csv, fill the code column, code import', async () => {
    const sheet = (await cli(['statements', '--db', db, '--csv', '--limit', '1000'])).out;
    const [header = [], ...records] = parse(sheet) as string[][];
    expect(header).toContain('code');
    // A second coder agrees with the machine on every statement but the first.
    const codeAt = header.indexOf('code');
    const machineAt = header.indexOf('machine');
    const filled = records.map((cells, i) => {
      const machine = cells[machineAt] ?? 'neutral';
      const out = [...cells];
      out[codeAt] = i === 0 ? (machine === 'support' ? 'oppose' : 'support') : machine;
      return out;
    });
    const file = path.join(dir, 'sheet.csv');
    writeFileSync(file, toCsv(header, filled));
    const lines = [header, ...records];
    const imported = await cli(['code', 'import', file, '--db', db, '--coder', 'ben']);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(new RegExp(`${lines.length - 1} codings stored for ben`, 'u'));
    const agreement = await cli(['code', 'agreement', '--db', db, '--json']);
    const report = JSON.parse(agreement.out) as { coders: string[]; pairs: { a: string; b: string; items: number; kappa: number | null }[] };
    expect(report.coders).toEqual(['ana', 'ben', 'machine']);
    const benMachine = report.pairs.find((p) => p.a === 'ben' && p.b === 'machine');
    expect(benMachine?.items).toBe(lines.length - 1);
    expect(benMachine?.kappa).toBeLessThan(1);
    expect(benMachine?.kappa).toBeGreaterThan(0.5);
  });

  it('a broken sheet row is named, the rest go in', async () => {
    const file = path.join(dir, 'broken.csv');
    writeFileSync(file, 'statement,code\r\nnot-a-key,support\r\n');
    const { code, out } = await cli(['code', 'import', file, '--db', db, '--coder', 'cy']);
    expect(code).toBe(2);
    expect(out).toMatch(/row 2: a statement key is <article>:<id>/u);
  });

  it('code next goes through uncoded statements, one answer each', async () => {
    const { code, out } = await cli(['code', 'next', '--db', db, '--coder', 'dee', '--limit', '2'], ['s', '']);
    expect(code).toBe(0);
    expect(out).toMatch(/2 coded/u);
    expect(await cli(['code', 'next', '--db', db, '--coder', 'dee'])).toMatchObject({ code: 1 });
  });

  it('code add stores a statement the machine missed', async () => {
    const list = await statements();
    const first = list[0];
    const { code, out } = await cli(['code', 'add', first?.articleId ?? '', '0', '10', 'support', '--proposition', P, '--actor', 'person:paul sewell', '--db', db, '--coder', 'ana']);
    expect(code).toBe(0);
    expect(out).toMatch(/added coding/u);
    expect((await positions()).some((p) => p.actorKey === 'person:paul sewell' && p.support === 1)).toBe(true);
  });

  it('exports the two-mode and congruence networks as GraphML and GEXF that parse', async () => {
    for (const [format, mode, root] of [
      ['graphml', 'two-mode', 'graphml'],
      ['gexf', 'two-mode', 'gexf'],
      ['graphml', 'congruence', 'graphml'],
      ['gexf', 'congruence', 'gexf'],
    ] as const) {
      const out = path.join(dir, `net-${mode}.${format}`);
      const run = await cli(['network', '--db', db, '--format', format, '--mode', mode, '--out', out]);
      expect(run.code).toBe(0);
      const errors: string[] = [];
      const xml = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(readFileSync(out, 'utf8'), 'text/xml');
      expect(errors).toEqual([]);
      expect(xml.documentElement?.localName).toBe(root);
      expect(xml.getElementsByTagName('edge').length).toBeGreaterThan(0);
    }
  });

  it('a broken propositions file is a usage error naming the file, and nothing is written', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'propositions:\n  - id: has space\n    text: x\n    targets: [a]\n');
    const copy = path.join(dir, 'copy.db');
    copyFileSync(db, copy);
    const before = (await cli(['stances', '--db', copy, '--json'])).out;
    const { code, err } = await cli(['analyze', CORPUS, '--db', copy, '--propositions', bad]);
    expect(code).toBe(1);
    expect(err).toContain('bad.yaml: proposition 1 (has space): "id" must be');
    expect((await cli(['stances', '--db', copy, '--json'])).out).toBe(before);
  });

  it('stances names the known propositions when asked for an unknown one', async () => {
    const { code, err } = await cli(['stances', '--db', db, '--proposition', 'nope']);
    expect(code).toBe(1);
    expect(err).toContain(`known: ${P}`);
  });
});
