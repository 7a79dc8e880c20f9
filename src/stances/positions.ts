/**
 * Positions: statements summed per actor identity and proposition, overall
 * and per time window, after people's codings.
 *
 * - A person's coding wins over the machine's polarity (the latest coding of
 *   a statement when several coders coded it; agreement between them is
 *   reported by `agreementReport`). A coding that matches no machine
 *   statement is a statement a person added.
 * - A person's statement counts for each organisation the article ties the
 *   person to as well ("via"), so a force's position includes its officers',
 *   when that organisation is itself an actor somewhere in the corpus.
 */
import type { Identity } from '../actors/identities.js';
import type { Evidence, Modality, Polarity } from '../model/document.js';
import type { StatementRow, StoredCoding } from '../store/store.js';
import type { Position, PositionValue } from './types.js';

export type Window = 'all' | 'year' | 'quarter' | 'month';

/** A statement as positions count it: the machine's, corrected or added by people. */
export interface EffectiveStatement {
  articleId: string;
  /** The machine's id in the article (`t3`), or `c<coding id>` for a statement a person added. */
  id: string;
  proposition: string;
  start: number;
  end: number;
  text: string | null;
  /** The identity taking the position; null when the speaker is unresolved. */
  actor: { key: string; name: string; type: string } | null;
  /** Identities of the organisations the person speaks for. */
  via: { key: string; name: string }[];
  polarity: Polarity;
  /** The machine's polarity; null for a statement a person added. */
  machine: Polarity | null;
  /** Who coded it last, and when; null when uncoded. */
  coder: string | null;
  modality: Modality;
  rule: string;
  /** The words that decided, with their rules (the machine's; none for a statement a person added). */
  cues: Evidence[];
  published: string | null;
  outlet: string | null;
}

const fold = (value: string): string => value.replace(/\u2019/gu, "'").replace(/^the\s+/iu, '').toLowerCase();

export const spanKey = (article: string, proposition: string, start: number, end: number): string => `${article}\u0000${proposition}\u0000${start}\u0000${end}`;

/** Apply identities and codings to the machine's statements. */
export function effectiveStatements(rows: readonly StatementRow[], identities: readonly Identity[], codings: readonly StoredCoding[]): EffectiveStatement[] {
  const byMember = new Map<string, Identity>();
  const byKey = new Map<string, Identity>();
  const orgByName = new Map<string, Identity>();
  for (const identity of identities) {
    byKey.set(identity.key, identity);
    for (const m of identity.members) byMember.set(`${m.articleId}:${m.actorId}`, identity);
    if (identity.type === 'organisation') orgByName.set(fold(identity.name), identity);
  }
  const latest = new Map<string, StoredCoding>();
  for (const c of codings) latest.set(spanKey(c.article, c.proposition, c.start, c.end), c); // oldest first: the last one wins
  const who = (key: string): { key: string; name: string; type: string } => {
    const identity = byKey.get(key);
    return { key, name: identity?.name ?? key.replace(/^[a-z]+:/u, ''), type: identity?.type ?? key.split(':')[0] ?? 'unknown' };
  };
  const used = new Set<string>();
  const out: EffectiveStatement[] = rows.map((r) => {
    const key = spanKey(r.articleId, r.proposition, r.start, r.end);
    const coding = latest.get(key);
    used.add(key);
    const identity = r.actor === null ? undefined : byMember.get(`${r.articleId}:${r.actor.id}`);
    const actor = coding?.actorKey != null ? who(coding.actorKey) : identity === undefined ? null : { key: identity.key, name: identity.name, type: identity.type };
    // Only organisations that are actors somewhere in the corpus: an affiliation alone ("Wiltshire and Swindon's commissioner") names a place as often as a body.
    // The article's own tie when it gives one, else the ties other articles give the same person.
    const ties = r.organisations.length > 0 ? r.organisations : (identity?.organisations.map((o) => o.value) ?? []);
    const via = actor?.type === 'person' ? ties.flatMap((name) => orgByName.get(fold(name)) ?? []).map((o) => ({ key: o.key, name: o.name })) : [];
    return {
      articleId: r.articleId,
      id: r.id,
      proposition: r.proposition,
      start: r.start,
      end: r.end,
      text: r.text,
      actor,
      via,
      polarity: coding?.polarity ?? r.polarity,
      machine: r.polarity,
      coder: coding?.coder ?? null,
      modality: r.modality,
      rule: r.rule,
      cues: r.cues,
      published: r.published,
      outlet: r.outlet,
    };
  });
  for (const [key, c] of latest) {
    if (used.has(key)) continue;
    out.push({
      articleId: c.article,
      id: `c${c.id}`,
      proposition: c.proposition,
      start: c.start,
      end: c.end,
      text: null,
      actor: c.actorKey === null ? null : who(c.actorKey),
      via: [],
      polarity: c.polarity,
      machine: null,
      coder: c.coder,
      modality: 'firm',
      rule: `coded:${c.coder}`,
      cues: [],
      published: null,
      outlet: null,
    });
  }
  return out;
}

/** The window an article date falls in: `2024`, `2024-Q2`, `2024-05`; `undated` when the date does not say. */
export function windowOf(published: string | null, by: Window): string {
  if (by === 'all') return 'all';
  const m = /^(\d{4})(?:-(\d{2}))?/u.exec(published ?? '');
  if (m === null || m[1] === undefined) return 'undated';
  if (by === 'year') return m[1];
  if (m[2] === undefined) return `${m[1]} (month unknown)`;
  return by === 'month' ? `${m[1]}-${m[2]}` : `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

export function positionValue(support: number, oppose: number): PositionValue {
  if (support > 0 && oppose > 0) return 'mixed';
  if (support > 0) return 'support';
  return oppose > 0 ? 'oppose' : 'neutral';
}

interface Tally extends Position {
  firm: number;
}

/** Positions per actor identity, proposition and window, sorted by proposition, most statements first. */
export function positions(statements: readonly EffectiveStatement[], by: Window = 'all'): Position[] {
  const tallies = new Map<string, Tally>();
  const tally = (who: { key: string; name: string; type: string }, s: EffectiveStatement): Tally => {
    const window = windowOf(s.published, by);
    const id = `${s.proposition}\u0000${who.key}\u0000${window}`;
    let t = tallies.get(id);
    if (t === undefined) {
      t = { actorKey: who.key, actorName: who.name, actorType: who.type, proposition: s.proposition, window, support: 0, oppose: 0, neutral: 0, viaSupport: 0, viaOppose: 0, viaNeutral: 0, position: 'neutral', qualified: false, firm: 0 };
      tallies.set(id, t);
    }
    return t;
  };
  for (const s of statements) {
    if (s.actor === null) continue;
    const own = tally(s.actor, s);
    own[s.polarity]++;
    if (s.polarity !== 'neutral' && s.modality === 'firm') own.firm++;
    for (const org of s.via) {
      if (org.key === s.actor.key) continue;
      const t = tally({ ...org, type: 'organisation' }, s);
      if (s.polarity === 'support') t.viaSupport++;
      else if (s.polarity === 'oppose') t.viaOppose++;
      else t.viaNeutral++;
      if (s.polarity !== 'neutral' && s.modality === 'firm') t.firm++;
    }
  }
  const out: Position[] = [];
  for (const { firm, ...t } of tallies.values()) {
    const support = t.support + t.viaSupport;
    const oppose = t.oppose + t.viaOppose;
    out.push({ ...t, position: positionValue(support, oppose), qualified: support + oppose > 0 && firm === 0 });
  }
  const total = (p: Position): number => p.support + p.oppose + p.neutral + p.viaSupport + p.viaOppose + p.viaNeutral;
  return out.sort((a, b) => a.proposition.localeCompare(b.proposition) || a.window.localeCompare(b.window) || total(b) - total(a) || a.actorName.localeCompare(b.actorName));
}
