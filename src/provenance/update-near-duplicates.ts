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
import { articleSignature, BANDS, bandHash, byDate, containment, MIN_CONTAINMENT, sameBand, shingles, words, type ArticleMeta, type NearDuplicateGroup } from './near-duplicates.js';

/** Texts and signatures read at a time. */
const PAGE = 2_000;
/** Shingle sets kept for confirming pairs (then read again rather than all kept). */
const CACHED_SETS = 2_000;

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

interface Signed {
  rowid: number;
  id: string;
  signature: Uint32Array | null;
  /** Its place in the union-find below, once it has one. */
  slot?: number;
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

  // The articles compared: fresh ones and those of groups taken apart, bucketed by band key.
  const compared: Signed[] = [...fresh.values()].filter((a) => a.signature !== null);
  if (again.size > 0) {
    await eachStored(async (a) => {
      if (again.has(a.id) && a.signature !== null) compared.push(a);
    });
  }
  // One map per band, by the band's hash (numbers: no string is made for the hundred thousand articles looked up).
  const buckets = Array.from({ length: BANDS }, () => new Map<number, Signed[]>());
  for (const a of compared) {
    const sig = a.signature ?? [];
    buckets.forEach((band, b) => {
      const key = bandHash(sig, b);
      const bucket = band.get(key);
      if (bucket === undefined) band.set(key, [a]);
      else bucket.push(a);
    });
  }
  const isCompared = new Set(compared.map((a) => a.rowid));

  // Components: the groups kept, joined by candidate pairs (a compared article and any other sharing a band) that the texts confirm.
  // (Union-find over numbered articles: checking every candidate pair of 100,000 articles must not look up strings.)
  const slots = new Map<string, number>();
  const parent: number[] = [];
  const slotOfId = (id: string): number => {
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = parent.length;
      slots.set(id, slot);
      parent.push(slot);
    }
    return slot;
  };
  const slotOf = (a: Signed): number => (a.slot ??= slotOfId(a.id));
  const find = (slot: number): number => {
    let root = slot;
    for (let up = parent[root] ?? root; up !== root; up = parent[root] ?? root) root = up;
    for (let at = slot; at !== root; ) {
      const next = parent[at] ?? root;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const join = (x: number, y: number): void => {
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent[ry] = rx;
  };
  for (const m of kept) join(slotOfId(m.firstId), slotOfId(m.articleId));
  const sets = new Map<string, Set<string>>();
  const setOf = async (id: string): Promise<Set<string>> => {
    let set = sets.get(id);
    if (set === undefined) {
      set = shingles(words((await store.articleText(id)) ?? ''));
      if (sets.size >= CACHED_SETS) sets.clear();
      sets.set(id, set);
    }
    return set;
  };
  let confirmed = 0;
  const failed = new Set<string>();
  const consider = async (a: Signed, b: Signed): Promise<void> => {
    if (find(slotOf(a)) === find(slotOf(b))) return;
    const pair = a.rowid < b.rowid ? `${a.rowid},${b.rowid}` : `${b.rowid},${a.rowid}`;
    if (failed.has(pair)) return;
    confirmed++;
    if (containment(await setOf(a.id), await setOf(b.id)) >= MIN_CONTAINMENT) join(slotOf(a), slotOf(b));
    else failed.add(pair);
  };
  // Pairs of compared articles, bucket by bucket: a group's members come together, so their shingles stay cached.
  for (const [b, band] of buckets.entries()) {
    for (const bucket of band.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const p = bucket[x] as Signed;
          const q = bucket[y] as Signed;
          if (sameBand(p.signature ?? [], q.signature ?? [], b)) await consider(p, q);
        }
      }
    }
  }
  // Pairs of a compared article and any other stored.
  if (compared.length > 0) {
    await eachStored(async (other) => {
      const sig = other.signature;
      if (sig === null || isCompared.has(other.rowid)) return;
      for (let b = 0; b < BANDS; b++) {
        for (const a of buckets[b]?.get(bandHash(sig, b)) ?? []) if (sameBand(a.signature ?? [], sig, b)) await consider(a, other);
      }
    });
  }

  // The groups: unchanged ones as saved; the others (touched by an article compared) ordered by date, each member
  // with its containment in the first appearance.
  const components = new Map<number, string[]>();
  for (const [id, slot] of slots) {
    const root = find(slot);
    const list = components.get(root);
    if (list === undefined) components.set(root, [id]);
    else list.push(id);
  }
  const touched = new Set([...changed, ...again].map((id) => find(slotOfId(id))));
  const rows: NearDuplicateMember[] = kept.filter((m) => !touched.has(find(slotOfId(m.articleId))));
  const savedMember = new Map(kept.map((m) => [m.articleId, m]));
  let groups = new Set(rows.map((m) => m.firstId)).size;
  let changedGroups = takenApart.size;
  for (const [root, ids] of components) {
    if (ids.length < 2 || !touched.has(root)) continue;
    const ordered = (await metasOf(store, ids)).sort(byDate);
    const first = ordered[0];
    if (first === undefined) continue;
    // A member whose first appearance is unchanged keeps its containment (neither text changed).
    for (const m of ordered) {
      const before = savedMember.get(m.id);
      const share = m.id === first.id ? 1 : before?.firstId === first.id ? before.containment : containment(await setOf(first.id), await setOf(m.id));
      rows.push({ articleId: m.id, firstId: first.id, containment: share });
    }
    groups++;
    changedGroups++;
  }

  const seconds = (performance.now() - started) / 1000;
  const signatures: ArticleSignature[] = [...fresh.values()].map(({ rowid, seq, signature }) => ({ rowid, seq, signature }));
  // Found again unchanged: the groups kept stay (rewriting 100,000 rows would cost seconds for nothing).
  await store.saveNearDuplicates(full || changedGroups > 0 ? rows : null, seconds, signatures);
  return { groups, copies: rows.length - groups, seconds, full, signed: fresh.size, compared: compared.length, confirmed };
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
  const groups = [...byFirst.values()].map((list) => ({ members: list.sort(byDate) }));
  return groups.sort((a, b) => b.members.length - a.members.length || byDate(a.members[0] as ArticleMeta, b.members[0] as ArticleMeta));
}
