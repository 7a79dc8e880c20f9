/**
 * Corpus-wide identities: the actors of every article that are the same
 * person or organisation. Actors with one identity key (`Actor.key`: first and
 * last name, or an organisation's canonical name) are one identity, unless
 * they are people whose organisations and titles both disagree: then they
 * are kept apart as same-name strangers, and an actor that could belong to
 * either is left in an identity of its own with a note saying so.
 */
import type { ActorRow, StoredIdentityDecision } from '../store/store.js';

/** A title, role or organisation, with when and how often the articles give it. */
export interface Seen {
  value: string;
  articles: number;
  /** Earliest and latest article date giving it (ISO, as stored); null when undated. */
  first: string | null;
  last: string | null;
}

export interface Identity {
  /** The identity key; `#2`, `#3` ... for further same-name strangers. */
  key: string;
  /** The fullest name the articles give. */
  name: string;
  type: string;
  titles: Seen[];
  roles: Seen[];
  organisations: Seen[];
  articles: number;
  mentions: number;
  quotes: number;
  first: string | null;
  last: string | null;
  /** Each article's actor in this identity. */
  members: { articleId: string; actorId: string }[];
  /** Why this identity was kept apart from others with the same name, when it was. */
  note?: string;
  /** Ids of the people's decisions (merge, split, rename) that shaped it. */
  decisions?: number[];
}

interface Group {
  rows: ActorRow[];
  note?: string;
  name?: string;
  decisions: number[];
}

const fold = (value: string): string => value.replace(/\u2019/gu, "'").toLowerCase();

function seen(rows: readonly ActorRow[], pick: (row: ActorRow) => readonly string[]): Seen[] {
  const by = new Map<string, Seen>();
  for (const row of rows) {
    for (const value of new Set(pick(row))) {
      const key = fold(value);
      const s = by.get(key) ?? { value, articles: 0, first: null, last: null };
      s.articles++;
      if (row.published !== null) {
        if (s.first === null || row.published < s.first) s.first = row.published;
        if (s.last === null || row.published > s.last) s.last = row.published;
      }
      by.set(key, s);
    }
  }
  return [...by.values()].sort((a, b) => b.articles - a.articles || a.value.localeCompare(b.value));
}

function identity(key: string, group: Group): Identity {
  const { rows } = group;
  const dates = rows.map((r) => r.published).filter((d): d is string => d !== null).sort();
  const name = group.name ?? rows.reduce((best, r) => (r.name.length > best.length ? r.name : best), rows[0]?.name ?? '');
  return {
    key,
    name,
    type: rows[0]?.type ?? 'unknown',
    titles: seen(rows, (r) => r.titles),
    roles: seen(rows, (r) => r.roles),
    organisations: seen(rows, (r) => r.organisations),
    articles: new Set(rows.map((r) => r.articleId)).size,
    mentions: rows.reduce((n, r) => n + r.mentions, 0),
    quotes: rows.reduce((n, r) => n + r.quotes, 0),
    first: dates[0] ?? null,
    last: dates[dates.length - 1] ?? null,
    members: rows.map((r) => ({ articleId: r.articleId, actorId: r.actorId })),
    ...(group.note === undefined ? {} : { note: group.note }),
    ...(group.decisions.length === 0 ? {} : { decisions: group.decisions }),
  };
}

/** Two people of one name are the same when an organisation or a title is shared, or when one side gives neither. */
function compatible(a: readonly ActorRow[], b: readonly ActorRow[]): boolean {
  const facts = (rows: readonly ActorRow[]): Set<string> => new Set(rows.flatMap((r) => [...r.organisations, ...r.titles].map(fold)));
  const fa = facts(a);
  const fb = facts(b);
  if (fa.size === 0 || fb.size === 0) return true;
  for (const f of fa) if (fb.has(f)) return true;
  return false;
}

/** People of one key, grouped so that same-name strangers stay apart. */
function splitStrangers(key: string, rows: readonly ActorRow[], into: Map<string, Group>): void {
  const known = rows.filter((r) => r.organisations.length > 0 || r.titles.length > 0);
  const bare = rows.filter((r) => r.organisations.length === 0 && r.titles.length === 0);
  const groups: ActorRow[][] = [];
  for (const row of known) {
    const fits = groups.filter((g) => compatible(g, [row]));
    if (fits.length === 0) groups.push([row]);
    else {
      const merged = fits.flat().concat(row);
      for (const g of fits) groups.splice(groups.indexOf(g), 1);
      groups.push(merged);
    }
  }
  if (groups.length <= 1) {
    into.set(key, { rows: [...rows], decisions: [] });
    return;
  }
  const name = rows[0]?.name ?? key;
  groups.forEach((g, i) => into.set(i === 0 ? key : `${key}#${i + 1}`, { rows: g, note: `${groups.length} people named ${name} kept apart: no organisation or title in common`, decisions: [] }));
  if (bare.length > 0) into.set(`${key}#?`, { rows: bare, note: `named ${name} with no organisation or title: could be any of the ${groups.length} people of that name`, decisions: [] });
}

/** Apply people's decisions in order; returns the ids of those that name an identity or article no longer there. */
function applyDecisions(groups: Map<string, Group>, decisions: readonly StoredIdentityDecision[]): number[] {
  const unapplied: number[] = [];
  for (const d of decisions) {
    const target = groups.get(d.key);
    if (target === undefined) {
      unapplied.push(d.id);
      continue;
    }
    target.decisions.push(d.id);
    if (d.action === 'rename') {
      target.name = d.name;
    } else if (d.action === 'merge') {
      let missing = false;
      for (const other of d.others) {
        const g = groups.get(other);
        if (g === undefined || other === d.key) {
          missing ||= g === undefined;
          continue;
        }
        target.rows.push(...g.rows);
        target.decisions.push(...g.decisions);
        groups.delete(other);
      }
      delete target.note; // people decided they are one
      if (missing) unapplied.push(d.id);
    } else {
      const moving = target.rows.filter((r) => d.others.includes(r.articleId));
      if (moving.length === 0) {
        unapplied.push(d.id);
        continue;
      }
      target.rows = target.rows.filter((r) => !d.others.includes(r.articleId));
      groups.set(`${d.key}~${d.id}`, { rows: moving, decisions: [d.id], ...(d.name === undefined ? {} : { name: d.name }) });
      if (target.rows.length === 0) groups.delete(d.key);
    }
  }
  return unapplied;
}

/**
 * Identities from every article's actor rows (as `Store.listActorRows` gives
 * them), with people's decisions applied in order. `unapplied` lists the
 * decisions that name an identity or article no longer in the corpus.
 */
export function buildIdentities(rows: readonly ActorRow[], decisions: readonly StoredIdentityDecision[] = []): { identities: Identity[]; unapplied: number[] } {
  const byKey = new Map<string, ActorRow[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push(row);
    byKey.set(row.key, list);
  }
  const groups = new Map<string, Group>();
  for (const [key, group] of byKey) {
    if (group[0]?.type === 'person') splitStrangers(key, group, groups);
    else groups.set(key, { rows: group, decisions: [] });
  }
  const unapplied = applyDecisions(groups, decisions);
  const identities = [...groups].map(([key, g]) => identity(key, g));
  identities.sort((a, b) => b.articles - a.articles || b.quotes - a.quotes || a.name.localeCompare(b.name));
  return { identities, unapplied };
}
