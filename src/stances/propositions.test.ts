import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPropositions, loadPropositions, PropositionsError } from './propositions.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-propositions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
}

describe('propositions files', () => {
  it('reads the shipped example', () => {
    const { propositions, digest } = loadPropositions(path.resolve(import.meta.dirname, '../../examples/propositions.yaml'));
    expect(propositions.map((p) => p.id)).toEqual(['police-work-with-hunters']);
    expect(propositions[0]?.targets).toContain('vigilante');
    expect(propositions[0]?.favoursTarget).toBe(true);
    expect(digest).toMatch(/^[0-9a-f]{12}$/u);
  });

  it('reads JSON too, as a list or an object', () => {
    const list = loadPropositions(file('p.json', JSON.stringify([{ id: 'cards', text: 'ID cards should come in', targets: ['ID card'], supporters_favour_target: true }])));
    expect(list.propositions[0]).toMatchObject({ id: 'cards', anaphora: [], support: [], oppose: [] });
  });

  it('names the file, the proposition and the field of every mistake', () => {
    const bad: [unknown, RegExp][] = [
      [{}, /expected a list of propositions/u],
      [[], /no propositions/u],
      [[{ id: 'a b', text: 't', targets: ['x'] }], /proposition 1 \(a b\): "id" must be/u],
      [[{ id: 'a', text: 't', targets: ['x'] }, { id: 'a', text: 't', targets: ['x'] }], /proposition 2 \(a\): id "a" is used twice/u],
      [[{ id: 'a', text: '', targets: ['x'] }], /"text" must say/u],
      [[{ id: 'a', text: 't' }], /"targets": needs at least one phrase/u],
      [[{ id: 'a', text: 't', targets: 'x' }], /"targets": must be a list/u],
      [[{ id: 'a', text: 't', targets: ['x'], tragets: [] }], /unknown field "tragets"/u],
      [[{ id: 'a', text: 't', targets: ['...'] }], /has no letters or digits/u],
      [[{ id: 'a', text: 't', targets: ['x'], supporters_favour_target: 'yes' }], /must be true or false/u],
    ];
    for (const [data, message] of bad) expect(() => checkPropositions('p.yaml', data), JSON.stringify(data)).toThrow(message);
  });

  it('refuses empty, binary and unparsable files with the file named', () => {
    expect(() => loadPropositions(file('empty.yaml', ''))).toThrow(/empty\.yaml: is empty/u);
    expect(() => loadPropositions(file('bin.yaml', Buffer.from([0, 1, 2, 3])))).toThrow(/bin\.yaml: is binary/u);
    expect(() => loadPropositions(file('broken.yaml', 'propositions: [\n  - id: a'))).toThrow(PropositionsError);
    expect(() => loadPropositions(path.join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read/u);
  });
});
