/** End to end: near-duplicate articles and the same quote across articles, over the bundled example corpus. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../src/actors/identities.js';
import type { NearDuplicateGroup } from '../src/provenance/near-duplicates.js';
import type { SameQuoteGroup } from '../src/provenance/same-quote.js';
import { runCommand } from './helpers/cli.js';

const CORPUS = path.resolve(import.meta.dirname, '..', 'examples', 'corpus');

describe('provenance on examples/corpus', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-provenance-'));
    db = path.join(dir, 'example.db');
    expect((await runCommand(['analyze', CORPUS, '--db', db])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('articles same finds the syndicated near-copy and nothing else', async () => {
    const groups = JSON.parse((await runCommand(['articles', 'same', '--db', db, '--json'])).out) as NearDuplicateGroup[];
    expect(groups.map((g) => g.members.map((m) => m.title))).toEqual([["Commissioner 'may consider' working with hunter groups", 'Wessex commissioner open to hunter group talks']]);
    // Grouping every article from scratch finds the same; --full belongs to 'same'.
    expect(JSON.parse((await runCommand(['articles', 'same', '--full', '--db', db, '--json'])).out)).toEqual(groups);
    const misplaced = await runCommand(['articles', '--full', '--db', db]);
    expect(misplaced.code).not.toBe(0);
    expect(misplaced.err).toContain('--full goes with articles same');
  });

  it('quotes same groups the quotes the near-copy repeats unchanged', async () => {
    const groups = JSON.parse((await runCommand(['quotes', 'same', '--db', db, '--json'])).out) as SameQuoteGroup[];
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.some((g) => g.members.some((m) => m.speaker === 'Andrew Pike'))).toBe(true);
    const table = await runCommand(['quotes', 'same', '--db', db]);
    expect(table.out).toContain('(first appearance)');
  });
});

describe('counting each near-duplicate group once (--dedupe)', () => {
  let dir: string;
  let db: string;
  let analysed: { out: string; code: number };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-dedupe-'));
    db = path.join(dir, 'example.db');
    analysed = await runCommand(['analyze', CORPUS, '--db', db, '--propositions', path.join(CORPUS, '..', 'propositions.yaml')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const json = async <T>(argv: string[]): Promise<T> => {
    const run = await runCommand([...argv, '--db', db, '--json']);
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as T;
  };

  it('analyze groups the near-duplicates and says so', () => {
    expect(analysed.code).toBe(0);
    expect(analysed.out).toMatch(/near-dups {2}1 group of near-duplicate articles, 1 after their first appearance \(grouped in [\d.]+ s\)/u);
  });

  it('leaves the later copy out of the actors, their articles and their quotes, and nothing else', async () => {
    const [group] = await json<NearDuplicateGroup[]>(['articles', 'same']);
    const copy = group?.members[1]?.id ?? '';
    expect(copy).not.toBe('');
    const all = await json<Identity[]>(['actors', '--limit', '1000']);
    const once = new Map((await json<Identity[]>(['actors', '--limit', '1000', '--dedupe'])).map((i) => [i.key, i]));
    const quotesInCopy = (await json<{ actor: { id: string } | null }[]>(['quotes', '--article', copy, '--limit', '1000'])).filter((q) => q.actor !== null).length;
    expect(quotesInCopy).toBeGreaterThan(0);
    let quotesLeftOut = 0;
    for (const identity of all) {
      const inCopy = identity.members.filter((m) => m.articleId === copy).length;
      const kept = once.get(identity.key);
      if (inCopy === identity.members.length) {
        expect(kept, identity.key).toBeUndefined();
        quotesLeftOut += identity.quotes;
        continue;
      }
      expect(kept?.members.some((m) => m.articleId === copy), identity.key).toBe(false);
      expect(kept?.articles, identity.key).toBe(identity.articles - (inCopy > 0 ? 1 : 0));
      quotesLeftOut += identity.quotes - (kept?.quotes ?? 0);
    }
    expect(quotesLeftOut).toBe(quotesInCopy);
    const speakers = await runCommand(['speakers', '--db', db, '--dedupe', '--csv']);
    expect(speakers.code).toBe(0);
    expect(speakers.out.split(/\r?\n/u)[0]).toBe('key,name,type,titles,roles,organisations,quotes,articles');
  });

  it('counts the copy\'s figures and statements once too', async () => {
    type Same = { members: { articleId: string }[] }[];
    const [group] = await json<NearDuplicateGroup[]>(['articles', 'same']);
    const copy = group?.members[1]?.id ?? '';
    const same = await json<Same>(['stats', 'same']);
    expect(same.some((g) => g.members.some((f) => f.articleId === copy))).toBe(true);
    const sameOnce = await json<Same>(['stats', 'same', '--dedupe']);
    expect(sameOnce.some((g) => g.members.some((f) => f.articleId === copy))).toBe(false);
    type Row = { support: number; oppose: number; neutral: number };
    const total = (rows: Row[]): number => rows.reduce((n, r) => n + r.support + r.oppose + r.neutral, 0);
    const statementsInCopy = (await json<{ actor: unknown }[]>(['statements', '--article', copy, '--limit', '1000'])).filter((t) => t.actor !== null).length;
    expect(statementsInCopy).toBeGreaterThan(0);
    expect(total(await json<Row[]>(['stances'])) - total(await json<Row[]>(['stances', '--dedupe']))).toBe(statementsInCopy);
    expect((await runCommand(['stats', '--dedupe', '--db', db])).err).toContain('--dedupe goes with same or series');
  });

  it('leaves the copy out of the same quote across articles: on the example corpus only wire copy repeats quotes', async () => {
    const [group] = await json<NearDuplicateGroup[]>(['articles', 'same']);
    const copy = group?.members[1]?.id ?? '';
    const all = await json<SameQuoteGroup[]>(['quotes', 'same']);
    expect(all.some((g) => g.members.some((m) => m.articleId === copy))).toBe(true);
    const once = await json<SameQuoteGroup[]>(['quotes', 'same', '--dedupe']);
    expect(once.some((g) => g.members.some((m) => m.articleId === copy))).toBe(false);
    expect(once.length).toBe(all.filter((g) => new Set(g.members.map((m) => m.articleId).filter((id) => id !== copy)).size > 1).length);
    expect((await runCommand(['quotes', '--dedupe', '--db', db])).err).toContain('--dedupe goes with same');
  });

  it('refuses --dedupe before the groups are found, and warns when articles came since', async () => {
    const fresh = path.join(dir, 'ungrouped.db');
    const run = await runCommand(['analyze', path.join(CORPUS, 'wire'), '--db', fresh, '--no-near-duplicates']);
    expect(run.out).toContain('near-dups  not grouped');
    const refused = await runCommand(['speakers', '--db', fresh, '--dedupe']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain("run 'verbatim articles same'");
    expect((await runCommand(['articles', 'same', '--db', fresh])).code).toBe(0);
    await runCommand(['analyze', path.join(CORPUS, 'vale-gazette'), '--db', fresh, '--no-near-duplicates']);
    const warned = await runCommand(['speakers', '--db', fresh, '--dedupe']);
    expect(warned.code).toBe(0);
    expect(warned.err).toContain('articles were stored after the near-duplicate groups were found');
  });
});
