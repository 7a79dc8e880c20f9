import { describe, expect, it } from 'vitest';
import type { Identity } from '../actors/identities.js';
import type { StatementRow, StoredCoding } from '../store/store.js';
import { effectiveStatements, positions, windowOf } from './positions.js';

function identity(key: string, name: string, type: string, members: [string, string][], organisations: string[] = []): Identity {
  return {
    key, name, type, titles: [], roles: [], organisations: organisations.map((value) => ({ value, articles: 1, first: null, last: null })),
    articles: members.length, mentions: 1, quotes: 1, first: null, last: null,
    members: members.map(([articleId, actorId]) => ({ articleId, actorId })),
  };
}

function row(articleId: string, id: string, actorId: string, polarity: StatementRow['polarity'], extra: Partial<StatementRow> = {}): StatementRow {
  return {
    articleId, id, proposition: 'p', start: Number(id.slice(1)) * 10, end: Number(id.slice(1)) * 10 + 5, text: 'words', actor: { id: actorId, name: '', type: 'person' },
    organisations: [], quote: null, polarity, modality: 'firm', rule: 'stance.action', cues: [], published: '2024-05-02', outlet: null, title: null, ...extra,
  };
}

const IDENTITIES = [
  identity('organisation:wessex vale police', 'Wessex Vale Police', 'organisation', [['a1', 'x1'], ['a2', 'x1']]),
  identity('person:karen holloway', 'Karen Holloway', 'person', [['a1', 'x2'], ['a2', 'x2']], ['Wessex Vale Police']),
  identity('person:andrew pike', 'Andrew Pike', 'person', [['a2', 'x3']]),
];

describe('positions', () => {
  it('sums own statements, and a person\'s statements for the organisation the articles tie them to', () => {
    const rows = [row('a1', 't1', 'x1', 'oppose'), row('a1', 't2', 'x2', 'oppose', { organisations: ['Wessex Vale Police'] }), row('a2', 't1', 'x2', 'neutral'), row('a2', 't2', 'x3', 'support', { modality: 'conditional' })];
    const list = positions(effectiveStatements(rows, IDENTITIES, []));
    const police = list.find((p) => p.actorName === 'Wessex Vale Police');
    expect(police).toMatchObject({ support: 0, oppose: 1, viaOppose: 1, viaNeutral: 1, position: 'oppose', qualified: false });
    expect(list.find((p) => p.actorName === 'Andrew Pike')).toMatchObject({ position: 'support', qualified: true });
  });

  it('support and oppose make mixed; a coding wins over the machine; the latest coding wins', () => {
    const rows = [row('a1', 't1', 'x1', 'oppose'), row('a2', 't1', 'x1', 'oppose')];
    expect(positions(effectiveStatements(rows, IDENTITIES, [])).find((p) => p.actorName === 'Wessex Vale Police')?.position).toBe('oppose');
    const coding = (id: number, coder: string, polarity: StoredCoding['polarity']): StoredCoding => ({ id, at: `2026-01-0${id}`, article: 'a2', proposition: 'p', start: 10, end: 15, coder, polarity, actorKey: null, note: null });
    const coded = effectiveStatements(rows, IDENTITIES, [coding(1, 'ana', 'neutral'), coding(2, 'ben', 'support')]);
    expect(coded.find((s) => s.articleId === 'a2')).toMatchObject({ polarity: 'support', machine: 'oppose', coder: 'ben' });
    expect(positions(coded).find((p) => p.actorName === 'Wessex Vale Police')?.position).toBe('mixed');
  });

  it('a coding that matches no machine statement is a statement a person added', () => {
    const added: StoredCoding = { id: 7, at: '2026-01-01', article: 'a1', proposition: 'p', start: 500, end: 520, coder: 'ana', polarity: 'support', actorKey: 'person:andrew pike', note: null };
    const list = effectiveStatements([], IDENTITIES, [added]);
    expect(list).toMatchObject([{ id: 'c7', machine: null, polarity: 'support', actor: { name: 'Andrew Pike' } }]);
  });

  it('windows by article date; undated articles apart', () => {
    expect(windowOf('2024-05-02', 'year')).toBe('2024');
    expect(windowOf('2024-05-02', 'quarter')).toBe('2024-Q2');
    expect(windowOf('2024-05-02', 'month')).toBe('2024-05');
    expect(windowOf('2024', 'month')).toBe('2024 (month unknown)');
    expect(windowOf(null, 'year')).toBe('undated');
    const rows = [row('a1', 't1', 'x1', 'oppose', { published: '2023-03-21' }), row('a2', 't1', 'x1', 'support', { published: '2024-05-02' })];
    expect(positions(effectiveStatements(rows, IDENTITIES, []), 'year').map((p) => [p.window, p.position])).toEqual([['2023', 'oppose'], ['2024', 'support']]);
  });
});
