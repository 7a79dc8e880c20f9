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

async function build(store: Store): Promise<Snapshot> {
  const rows = await store.listActorRows({});
  const { identities } = buildIdentities(rows, await store.identityDecisions());
  const statements = effectiveStatements(await store.listStatements({}), identities, await store.codings({}));
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
  private current: { token: string; snapshot: Snapshot } | null = null;
  private pending: { token: string; promise: Promise<Snapshot> } | null = null;
  private derivedToken: string | null = null;
  private readonly derivedValues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  /** The snapshot of the store as it is now. */
  async get(): Promise<Snapshot> {
    const token = await this.store.changeToken();
    if (this.current?.token === token) return this.current.snapshot;
    if (this.pending?.token === token) return this.pending.promise;
    const promise = build(this.store);
    this.pending = { token, promise };
    try {
      const snapshot = await promise;
      if (this.pending?.promise === promise) {
        this.current = { token, snapshot };
        this.pending = null;
      }
      return snapshot;
    } catch (error) {
      if (this.pending?.promise === promise) this.pending = null;
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
