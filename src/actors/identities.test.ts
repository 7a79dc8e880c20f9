import { describe, expect, it } from 'vitest';
import type { ActorRow, StoredIdentityDecision } from '../store/store.js';
import { buildIdentities } from './identities.js';

function row(articleId: string, name: string, extra: Partial<ActorRow> = {}): ActorRow {
  return {
    articleId,
    actorId: 'x1',
    type: 'person',
    name,
    key: `person:${name.toLowerCase()}`,
    titles: [],
    roles: [],
    organisations: [],
    mentions: 2,
    quotes: 1,
    published: null,
    ...extra,
  };
}

describe('buildIdentities', () => {
  it('one person across articles, with titles and organisations dated', () => {
    const { identities: ids } = buildIdentities([
      row('a1', 'Ruth Abernethy', { titles: ['Detective Sergeant'], organisations: ['Wessex Vale Police'], published: '2024-02-01' }),
      row('a2', 'Ruth Abernethy', { titles: ['Detective Inspector'], organisations: ['Wessex Vale Police'], published: '2024-09-10' }),
      row('a3', 'Ruth Abernethy', { published: '2024-10-01' }),
    ]);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({ name: 'Ruth Abernethy', articles: 3, quotes: 3, mentions: 6, first: '2024-02-01', last: '2024-10-01' });
    expect(ids[0]?.organisations).toEqual([{ value: 'Wessex Vale Police', articles: 2, first: '2024-02-01', last: '2024-09-10' }]);
    expect(ids[0]?.titles.map((t) => [t.value, t.first])).toEqual([['Detective Inspector', '2024-09-10'], ['Detective Sergeant', '2024-02-01']]);
  });

  it('keeps same-name strangers apart, with a note, and leaves an undecidable mention on its own', () => {
    const { identities: ids } = buildIdentities([
      row('a1', 'John Hale', { organisations: ['Harbridge Rovers FC'], roles: ['striker'] }),
      row('a2', 'John Hale', { titles: ['Councillor'], organisations: ['Harbridge Borough Council'] }),
      row('a3', 'John Hale'),
    ]);
    expect(ids.map((i) => i.key).sort()).toEqual(['person:john hale', 'person:john hale#2', 'person:john hale#?']);
    expect(ids.every((i) => i.note !== undefined)).toBe(true);
  });

  it('organisations of one key are one identity whatever they say', () => {
    const { identities: ids } = buildIdentities([
      row('a1', 'Wessex Vale Police', { type: 'organisation', key: 'organisation:wessex vale police' }),
      row('a2', 'Wessex Vale Police', { type: 'organisation', key: 'organisation:wessex vale police', roles: ['spokesman'] }),
    ]);
    expect(ids).toHaveLength(1);
    expect(ids[0]?.articles).toBe(2);
  });
});

describe('buildIdentities: people\'s decisions', () => {
  const at = '2026-01-01T00:00:00Z';
  const rows = [
    row('a1', 'Jo Reed', { organisations: ['Ashcombe Trust'] }),
    row('a2', 'Joanne Reed', { organisations: ['Ashcombe Trust'], key: 'person:joanne reed' }),
    row('a3', 'Jo Reed', { organisations: ['Ashcombe Trust'] }),
  ];

  it('merge, then rename, then split an article off', () => {
    const decisions: StoredIdentityDecision[] = [
      { id: 1, at, action: 'merge', key: 'person:jo reed', others: ['person:joanne reed'] },
      { id: 2, at, action: 'rename', key: 'person:jo reed', name: 'Joanne "Jo" Reed' },
      { id: 3, at, action: 'split', key: 'person:jo reed', others: ['a3'], name: 'Jo Reed (footballer)' },
    ];
    const { identities, unapplied } = buildIdentities(rows, decisions);
    expect(unapplied).toEqual([]);
    expect(identities.map((i) => [i.key, i.name, i.articles])).toEqual([
      ['person:jo reed', 'Joanne "Jo" Reed', 2],
      ['person:jo reed~3', 'Jo Reed (footballer)', 1],
    ]);
    expect(identities[0]?.decisions).toEqual([1, 2, 3]);
  });

  it('reports decisions that name an identity or article no longer there', () => {
    const { unapplied } = buildIdentities(rows, [
      { id: 7, at, action: 'rename', key: 'person:nobody', name: 'X' },
      { id: 8, at, action: 'split', key: 'person:jo reed', others: ['gone'] },
    ]);
    expect(unapplied).toEqual([7, 8]);
  });
});
