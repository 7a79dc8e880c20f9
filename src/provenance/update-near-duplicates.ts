/**
 * Near-duplicate groups kept up to date in the store. Each article's MinHash
 * signature is stored with the text it was made from (see
 * `Store.articlesToSign`). Grouping again signs only the articles stored,
 * or given another text, since the last grouping; finds their candidates
 * (a shared LSH band) among every stored signature; confirms those by
 * containment as `near-duplicates.ts` does; and joins them to the groups
 * already found. A group holding an article whose text changed is taken
 * apart and its members compared again.
 *
 * Groups are the connected components of confirmed candidate pairs, and
 * pairs of articles neither new nor changed were confirmed (or not) before,
 * so this gives what grouping every article again gives, in seconds rather
 * than minutes at 100,000 articles. The first grouping, a database whose
 * signatures were never kept, or `full` group every article from scratch.
 */
import { performance } from 'node:perf_hooks';
import type { ArticleSignature, NearDuplicateMember, Store } from '../store/store.js';
import { articleSignature, byDate, bySize, containment, findComponents, words, type ArticleMeta, type NearDuplicateGroup, type Signed } from './near-duplicates.js';

/** Texts and signatures read at a time. */
const PAGE = 2_000;

export interface GroupingRun {
  /** Groups of two or more, and their members after the first appearance. */
  groups: number;
  copies: number;
  seconds: number;
  /** Whether every article was grouped from scratch. */
  full: boolean;
  /** Articles signed (new, or with another text) this time. */
  signed: number;
  /** Articles whose candidates were sought among every stored signature. */
  compared: number;
  /** Candidate pairs confirmed or turned down by their texts. */
  confirmed: number;
}


export async function updateNearDuplicates(store: Store, options: { full?: boolean } = {}): Promise<GroupingRun> {
  const started = performance.now();
  const state = await store.nearDuplicates();
  const full = options.full === true || state.foundAt === null || (await store.articleSignatures(0, 1)).length === 0;

  // Signatures of the articles stored or given another text since (every article when full).
  const toSign = await store.articlesToSign(full);
  const fresh = new Map<number, Signed & { seq: number }>();
  for (let i = 0; i < toSign.length; i += PAGE) {
    const page = toSign.slice(i, i + PAGE);
    const texts = new Map((await store.articleTextBodiesByRowid(page.map((a) => a.rowid))).map((t) => [t.rowid, t.text]));
    for (const a of page) fresh.set(a.rowid, { ...a, signature: articleSignature(words(texts.get(a.rowid) ?? '')) });
  }

  // The groups as saved, but for those holding an article with another text: their members are compared again.
  const changed = new Set([...fresh.values()].map((a) => a.id));
  const saved = full ? [] : await store.nearDuplicateMembers();
  const takenApart = new Set(saved.filter((m) => changed.has(m.articleId)).map((m) => m.firstId));
  const kept = saved.filter((m) => !takenApart.has(m.firstId));
  const again = new Set(saved.filter((m) => takenApart.has(m.firstId) && !changed.has(m.articleId)).map((m) => m.articleId));

  // Every stored signature not superseded, a page at a time.
  const eachStored = async (visit: (a: Signed) => Promise<void>): Promise<void> => {
    for (let after = 0; ; ) {
      const page = await store.articleSignatures(after, PAGE);
      for (const a of page) if (!fresh.has(a.rowid)) await visit(a);
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.rowid ?? after;
    }
  };

  // The articles compared: fresh ones and those of groups taken apart; candidates among every stored signature.
  const compared: Signed[] = [...fresh.values()].filter((a) => a.signature !== null);
  if (again.size > 0) {
    await eachStored(async (a) => {
      if (again.has(a.id) && a.signature !== null) compared.push(a);
    });
  }
  const found = await findComponents({ compared, others: eachStored, kept, textOf: (id) => store.articleText(id) });

  // The groups: unchanged ones as saved; the others (touched by an article compared) ordered by date, each member
  // with its containment in the first appearance.
  const touched = new Set([...changed, ...again].map(found.rootOf));
  const rows: NearDuplicateMember[] = kept.filter((m) => !touched.has(found.rootOf(m.articleId)));
  const savedMember = new Map(kept.map((m) => [m.articleId, m]));
  let groups = new Set(rows.map((m) => m.firstId)).size;
  let changedGroups = takenApart.size;
  for (const [root, ids] of found.groups) {
    if (!touched.has(root)) continue;
    const ordered = (await metasOf(store, ids)).sort(byDate);
    const first = ordered[0];
    if (first === undefined) continue;
    // A member whose first appearance is unchanged keeps its containment (neither text changed).
    for (const m of ordered) {
      const before = savedMember.get(m.id);
      const share = m.id === first.id ? 1 : before?.firstId === first.id ? before.containment : containment(await found.shinglesOf(first.id), await found.shinglesOf(m.id));
      rows.push({ articleId: m.id, firstId: first.id, containment: share });
    }
    groups++;
    changedGroups++;
  }

  const seconds = (performance.now() - started) / 1000;
  const signatures: ArticleSignature[] = [...fresh.values()].map(({ rowid, seq, signature }) => ({ rowid, seq, signature }));
  // Found again unchanged: the groups kept stay (rewriting 100,000 rows would cost seconds for nothing).
  await store.saveNearDuplicates(full || changedGroups > 0 ? rows : null, seconds, signatures);
  return { groups, copies: rows.length - groups, seconds, full, signed: fresh.size, compared: compared.length, confirmed: found.confirmed };
}

/** Articles' dates, outlets and titles, by id. */
async function metasOf(store: Store, ids: readonly string[]): Promise<ArticleMeta[]> {
  const out: ArticleMeta[] = [];
  for (let i = 0; i < ids.length; i += PAGE * 10) {
    for (const row of await store.articlesByIds(ids.slice(i, i + PAGE * 10))) out.push({ id: row.id, published: row.published, outlet: row.outlet, title: row.title });
  }
  return out;
}

/** The near-duplicate groups as kept in the store, largest first, each with its first appearance first. */
export async function listNearDuplicates(store: Store): Promise<NearDuplicateGroup[]> {
  const members = await store.nearDuplicateMembers();
  const metas = new Map((await metasOf(store, members.map((m) => m.articleId))).map((m) => [m.id, m]));
  const byFirst = new Map<string, NearDuplicateGroup['members']>();
  for (const m of members) {
    const meta = metas.get(m.articleId);
    if (meta === undefined) continue;
    const list = byFirst.get(m.firstId);
    if (list === undefined) byFirst.set(m.firstId, [{ ...meta, containment: m.containment }]);
    else list.push({ ...meta, containment: m.containment });
  }
  return [...byFirst.values()].map((list) => ({ members: list.sort(byDate) })).sort(bySize);
}
