/**
 * What several dashboard pages need from the whole corpus at once, built once
 * and kept until the store changes: identities (people's decisions applied),
 * every statement with its identity and people's codings, and the positions
 * summed from them. The store's change token says when to build again; a
 * build is shared by the requests that arrive while it runs.
 */
import { buildIdentities, type Identity } from '../actors/identities.js';
import { effectiveStatements, positions, type EffectiveStatement, type Window } from '../stances/positions.js';
import type { Position } from '../stances/types.js';
import { copiesLeftOut, withoutArticles } from '../provenance/load-units.js';
import type { Store } from '../store/store.js';

export interface Snapshot {
  /** Most articles first, as `buildIdentities` sorts them. */
  identities: Identity[];
  byKey: Map<string, Identity>;
  /** An actor key as stored (`person:tony blair`) to the identity holding most of its actors: keys merged into another or split still lead somewhere. */
  byActorKey: Map<string, Identity>;
  /** `articleId \0 actorId` to the identity key of that article's actor. */
  memberKey: Map<string, string>;
  statements: EffectiveStatement[];
  /** Positions over all time (`window: 'all'`). */
  positions: Position[];
  propositions: { id: string; text: string }[];
  /** Positions per window, made when first asked for. */
  windows(by: Exclude<Window, 'all'>): Position[];
}

export const memberId = (articleId: string, actorId: string): string => `${articleId}\u0000${actorId}`;

/** The snapshot, leaving out the articles in `leaveOut` (near-duplicates after their group's first appearance, when each group counts once). */
async function build(store: Store, leaveOut: ReadonlySet<string> | undefined): Promise<Snapshot> {
  const rows = withoutArticles(await store.listActorRows({}), leaveOut);
  const { identities } = buildIdentities(rows, await store.identityDecisions());
  const codings = (await store.codings({})).filter((c) => leaveOut?.has(c.article) !== true);
  const statements = effectiveStatements(withoutArticles(await store.listStatements({}), leaveOut), identities, codings);
  const stored = await store.propositions();
  const actorKeyOf = new Map(rows.map((r) => [memberId(r.articleId, r.actorId), r.key]));
  const byKey = new Map<string, Identity>();
  const memberKey = new Map<string, string>();
  const best = new Map<string, { identity: Identity; members: number }>();
  for (const identity of identities) {
    byKey.set(identity.key, identity);
    const counts = new Map<string, number>();
    for (const m of identity.members) {
      const id = memberId(m.articleId, m.actorId);
      memberKey.set(id, identity.key);
      const key = actorKeyOf.get(id);
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, members] of counts) {
      const current = best.get(key);
      if (current === undefined || members > current.members || (members === current.members && identity.key === key)) best.set(key, { identity, members });
    }
  }
  const windows = new Map<string, Position[]>();
  return {
    identities,
    byKey,
    byActorKey: new Map([...best].map(([key, b]) => [key, b.identity])),
    memberKey,
    statements,
    positions: positions(statements, 'all'),
    propositions: stored.propositions.map((p) => ({ id: p.id, text: p.text })),
    windows(by) {
      let list = windows.get(by);
      if (list === undefined) {
        list = positions(statements, by);
        windows.set(by, list);
      }
      return list;
    },
  };
}

const DERIVED_KEPT = 64;

export class SnapshotCache {
  /** Per variant (all articles; each near-duplicate group once): the snapshot built and the one being built. */
  private readonly current = new Map<boolean, { token: string; snapshot: Snapshot }>();
  private readonly pending = new Map<boolean, { token: string; promise: Promise<Snapshot> }>();
  private derivedToken: string | null = null;
  private readonly derivedValues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  /**
   * The snapshot of the store as it is now; with `dedupe`, each near-duplicate
   * group counted once (a `StoreError` when the groups were never found).
   */
  async get(dedupe = false): Promise<Snapshot> {
    const token = await this.store.changeToken();
    const current = this.current.get(dedupe);
    if (current?.token === token) return current.snapshot;
    const pending = this.pending.get(dedupe);
    if (pending?.token === token) return pending.promise;
    const promise = (async () => build(this.store, dedupe ? (await copiesLeftOut(this.store)).copies : undefined))();
    this.pending.set(dedupe, { token, promise });
    try {
      const snapshot = await promise;
      if (this.pending.get(dedupe)?.promise === promise) {
        this.current.set(dedupe, { token, snapshot });
        this.pending.delete(dedupe);
      }
      return snapshot;
    } catch (error) {
      if (this.pending.get(dedupe)?.promise === promise) this.pending.delete(dedupe);
      throw error;
    }
  }

  /** A value computed from the store, kept (under `key`) until the store changes. */
  async derived<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const token = await this.store.changeToken();
    if (token !== this.derivedToken) {
      this.derivedValues.clear();
      this.derivedToken = token;
    }
    let value = this.derivedValues.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      if (this.derivedValues.size >= DERIVED_KEPT) this.derivedValues.delete(this.derivedValues.keys().next().value ?? '');
      value = compute();
      this.derivedValues.set(key, value);
      const kept = value;
      kept.catch(() => {
        if (this.derivedValues.get(key) === kept) this.derivedValues.delete(key);
      });
    }
    return value;
  }
}
