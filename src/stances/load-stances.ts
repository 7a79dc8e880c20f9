/**
 * Stances as the CLI and the server read them: the store's statements with
 * identities (people's merge, split and rename decisions applied) and
 * codings, and the positions summed from them.
 */
import { buildIdentities } from '../actors/identities.js';
import { withoutArticles } from '../provenance/load-units.js';
import type { Store, StatementFilter, StoredCoding } from '../store/store.js';
import { type CodingTable } from './agreement.js';
import { type EffectiveStatement, effectiveStatements, positions, spanKey, type Window } from './positions.js';
import type { Position } from './types.js';

export interface Stances {
  statements: EffectiveStatement[];
  positions: Position[];
  codings: StoredCoding[];
}

/**
 * Statements (machine's, corrected and added by people) and positions for one
 * proposition or all. Articles in `leaveOut` (near-duplicates after their
 * group's first appearance, to count each group once) are not counted.
 */
export async function loadStances(store: Store, options: { proposition?: string; by?: Window; leaveOut?: ReadonlySet<string> } = {}): Promise<Stances> {
  const filter: StatementFilter = options.proposition === undefined ? {} : { proposition: options.proposition };
  const { leaveOut } = options;
  const rows = withoutArticles(await store.listStatements(filter), leaveOut);
  const { identities } = buildIdentities(withoutArticles(await store.listActorRows({}), leaveOut), await store.identityDecisions());
  const codings = (await store.codings(options.proposition === undefined ? {} : { proposition: options.proposition })).filter((c) => leaveOut?.has(c.article) !== true);
  const statements = effectiveStatements(rows, identities, codings);
  return { statements, positions: positions(statements, options.by ?? 'all'), codings };
}

export const MACHINE_CODER = 'machine';

/**
 * The coding table for agreement: each statement a person coded, with each
 * coder's call and the machine's (as coder `machine`) when the machine made it.
 */
export function codingTable(statements: readonly EffectiveStatement[], codings: readonly StoredCoding[]): CodingTable {
  const machine = new Map(statements.filter((s) => s.machine !== null).map((s) => [spanKey(s.articleId, s.proposition, s.start, s.end), s.machine]));
  const table = new Map<string, Map<string, string>>();
  for (const c of codings) {
    const key = spanKey(c.article, c.proposition, c.start, c.end);
    let row = table.get(key);
    if (row === undefined) {
      row = new Map();
      const m = machine.get(key);
      if (m != null) row.set(MACHINE_CODER, m);
      table.set(key, row);
    }
    row.set(c.coder, c.polarity);
  }
  return table;
}
