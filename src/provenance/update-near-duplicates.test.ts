/**
 * Grouping near-duplicates again compares only what was stored (or given
 * another text) since, and finds exactly the groups grouping every article
 * from scratch finds: new copies join their groups, an earlier copy becomes
 * its group's first appearance, a new article can join two groups, and a
 * group holding an article with another text is taken apart and found again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import type { Document } from '../model/document.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { NearDuplicateGroup } from './near-duplicates.js';
import { listNearDuplicates, updateNearDuplicates } from './update-near-duplicates.js';

const FERRY =
  'Ferry services between Kelder and the Vale islands will be cut from three sailings a day to two from April, the operator Vale Ferries said on Monday. ' +
  'The company blamed rising fuel costs and a shortage of qualified crew. Islanders said the change would leave them unable to reach hospital appointments on the mainland. ' +
  'Councillor Ann Pryce said the council would ask the operator to think again before the new timetable starts.';
const FERRY_CUT = FERRY.slice(0, FERRY.lastIndexOf(' Councillor'));
const FERRY_EDITED = FERRY.replace('on Monday', 'on Monday evening').replace('Islanders said', 'Residents of the islands said');
const LIBRARY =
  'Kelder library will reopen in June after a two-year refurbishment costing four million pounds, the county council has confirmed. ' +
  'The building has a new roof, a children’s wing and a room for local history archives. Staff said the reading room would open first, with the archive following in the autumn.';
const LIBRARY_COPY = `${LIBRARY} The library will be open six days a week.`;
const FLOOD =
  'Flood defences along the river Kel were raised by half a metre this winter after homes in Lower Marsh were flooded twice in three years. ' +
  'The Environment Board said the work had cost two million pounds and would protect four hundred homes from a flood of the size seen in 2019.';
const BRIDGE = `${FERRY_CUT} ${LIBRARY}`;
const OTHER =
  'A new bakery has opened on Mill Lane in Harbridge, the first in the town centre for a decade. Its owners, who moved from the coast, said they had been surprised by the queues on the first morning and had sold out of bread by ten o’clock.';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'verbatim-groups-'));
  store = openSqliteStore(path.join(dir, 'groups.db'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const doc = (text: string, file: string, published: string): Document => textDocument(text, { file, meta: { title: file, outlet: 'Vale Gazette', published } });

async function write(docs: Document[], replace = false): Promise<void> {
  const run = await store.beginRun({ command: 'test', inputs: [], extractorVersion: 'test' });
  await store.writeBatch(run, { articles: docs.map((d) => ({ item: d.meta.source.file, doc: d, extractorVersion: 'test', replace })), log: [] });
}

/** Groups by their members' titles, first appearance first, with containments rounded. */
const shape = (groups: NearDuplicateGroup[]): [string | null, number][][] => groups.map((g) => g.members.map((m) => [m.title, Math.round(m.containment * 1000) / 1000]));

/** Group again incrementally, then from scratch (which saves the same), and check both agree. */
async function regroup(): Promise<{ groups: [string | null, number][][]; signed: number; full: boolean }> {
  const run = await updateNearDuplicates(store);
  const groups = shape(await listNearDuplicates(store));
  expect(run.groups).toBe(groups.length);
  expect(run.copies).toBe(groups.flat().length - groups.length);
  const scratch = await updateNearDuplicates(store, { full: true });
  expect(shape(await listNearDuplicates(store))).toEqual(groups);
  expect(scratch.full).toBe(true);
  return { groups, signed: run.signed, full: run.full };
}

describe('near-duplicate groups kept up to date', () => {
  it('compares only the articles stored since, and finds what grouping every article finds', async () => {
    await write([doc(FERRY, 'ferry', '2024-03-02'), doc(FERRY_CUT, 'ferry-cut', '2024-03-03'), doc(LIBRARY, 'library', '2024-03-01'), doc(FLOOD, 'flood', '2024-03-01')]);
    const first = await updateNearDuplicates(store);
    expect(first.full).toBe(true);
    expect(first.signed).toBe(4);
    expect(shape(await listNearDuplicates(store)).map((g) => g.map(([title]) => title))).toEqual([['ferry', 'ferry-cut']]);
    expect(await store.nearDuplicates()).toMatchObject({ stale: false, groups: 1, copies: 1 });

    // An earlier copy becomes the first appearance; a copy of the library story makes a second group.
    await write([doc(FERRY_EDITED, 'ferry-edited', '2024-03-01'), doc(LIBRARY_COPY, 'library-copy', '2024-03-05'), doc(OTHER, 'bakery', '2024-03-04')]);
    expect((await store.nearDuplicates()).stale).toBe(true);
    const second = await regroup();
    expect(second.full).toBe(false);
    expect(second.signed).toBe(3);
    expect(second.groups.map((g) => g.map(([title]) => title))).toEqual([['ferry-edited', 'ferry', 'ferry-cut'], ['library', 'library-copy']]);
    expect(second.groups[0]?.[0]).toEqual(['ferry-edited', 1]);

    // Nothing stored since: nothing signed, the same groups.
    const third = await regroup();
    expect(third.signed).toBe(0);
    expect(third.groups).toEqual(second.groups);
  });

  it('takes apart a group holding an article given another text, and joins two groups through a new article', async () => {
    const ferryCut = doc(FERRY_CUT, 'ferry-cut', '2024-03-03');
    await write([doc(FERRY, 'ferry', '2024-03-02'), ferryCut, doc(LIBRARY, 'library', '2024-03-01'), doc(LIBRARY_COPY, 'library-copy', '2024-03-05')]);
    await updateNearDuplicates(store);
    // The same file read again gives another text (a newer extractor, say): it no longer belongs with the ferry story.
    await write([{ ...doc(OTHER, 'ferry-cut', '2024-03-03'), id: ferryCut.id, hash: ferryCut.hash }], true);
    expect((await store.nearDuplicates()).stale).toBe(true);
    const changed = await regroup();
    expect(changed.signed).toBe(1);
    expect(changed.groups.map((g) => g.map(([title]) => title))).toEqual([['library', 'library-copy']]);

    // An article holding most of both stories: its containment joins it to each, and so the two groups.
    await write([doc(BRIDGE, 'bridge', '2024-03-06')]);
    const bridged = await regroup();
    expect(bridged.groups.map((g) => g.map(([title]) => title).sort())).toEqual([['bridge', 'ferry', 'library', 'library-copy']]);
  });
});
