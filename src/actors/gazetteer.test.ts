import { describe, expect, it } from 'vitest';
import { runQuoteStages } from '../../test/helpers/quote-document.js';
import type { Document } from '../model/document.js';
import { QUOTE_STAGES } from '../quotes/index.js';
import { findArticleActors } from './find-actors.js';
import { Gazetteer, standardGazetteer } from './gazetteer.js';

/** A fictional pack, in the shape of data/gazetteers/*.json. */
const pack = new Gazetteer([
  { id: 'police/wessex-vale', name: 'Wessex Vale Constabulary', type: 'police-force', area: 'Wessex Vale', aliases: ['Wessex Vale Police', 'WVC'] },
  { id: 'police/capital', name: 'Capital Police Service', type: 'police-force', area: 'Londinium', aliases: ['the Yard'] },
  { id: 'body/chiefs', name: "Council of Chief Officers' Forum", type: 'national-body', aliases: ['CCOF'] },
]);

function actorsOf(text: string): { doc: Document; names: string[]; speakers: (string | null)[] } {
  const doc = runQuoteStages(text, QUOTE_STAGES);
  const { actors, quotes } = findArticleActors(doc, pack);
  return {
    doc,
    names: actors.map((a) => `${a.type}:${a.name}`),
    speakers: quotes.filter((q) => q.kind !== 'term').map((q) => actors.find((a) => a.id === q.actor)?.name ?? null),
  };
}

describe('Gazetteer', () => {
  it('looks names up by any alias, case-insensitively, with apostrophes folded', () => {
    expect(pack.lookup('wessex vale police')?.name).toBe('Wessex Vale Constabulary');
    expect(pack.lookup('Council of Chief Officers\u2019 Forum')?.id).toBe('body/chiefs');
    expect(pack.lookup('the Yard')?.id).toBe('police/capital');
    expect(pack.lookup('Wessex')).toBeUndefined();
    expect(pack.forceOf('Londinium')?.name).toBe('Capital Police Service');
  });

  it('matches an alias in text only as written and at a word boundary', () => {
    const text = 'Officers from the Yard and WVC met; WVCs did not.';
    expect(pack.matchAt(text, text.indexOf('the Yard'), 'the')?.entry.id).toBe('police/capital');
    expect(pack.matchAt(text, text.indexOf('WVC'), 'WVC')?.length).toBe(3);
    expect(pack.matchAt(text, text.indexOf('WVCs'), 'WVCs')).toBeNull();
  });

  it('ships the 43 territorial forces of England and Wales and the national bodies', () => {
    const uk = standardGazetteer();
    expect(uk.forceOf('Norfolk')?.name).toBe('Norfolk Constabulary');
    expect(uk.lookup('NPCC')?.name).toBe("National Police Chiefs' Council");
    expect(uk.lookup('the Met')?.name).toBe('Metropolitan Police Service');
    expect(uk.lookup('PSNI')?.name).toBe('Police Service of Northern Ireland');
  });
});

describe('findActors with a gazetteer', () => {
  it('gives every alias of an organisation one actor under its canonical name', () => {
    const { names, speakers } = actorsOf('Wessex Vale Police said it would review the case.\n\n"We take this seriously," a WVC spokesman said.\n\nThe Yard said it had not been asked.');
    expect(names.filter((n) => n.startsWith('organisation:'))).toEqual(['organisation:Wessex Vale Constabulary', 'organisation:Capital Police Service']);
    expect(speakers).toEqual(['Wessex Vale Constabulary', 'Wessex Vale Constabulary', 'Capital Police Service']);
  });

  it('reads a police officer\'s area as the area\'s force, and "the Wessex Vale force" as the force', () => {
    const { doc, speakers } = actorsOf("Wessex Vale's Chief Constable Alan Pryce opened the meeting.\n\nThe Wessex Vale force said it would publish the figures.");
    const alan = findArticleActors(doc, pack).actors.find((a) => a.name === 'Alan Pryce');
    expect(alan?.organisations.map((o) => [o.value, doc.text.slice(o.start, o.end)])).toEqual([['Wessex Vale Constabulary', 'Wessex Vale']]);
    expect(alan?.organisations[0]?.rule).toMatch(/gazetteer/);
    expect(speakers).toEqual(['Wessex Vale Constabulary']);
  });
});

describe('the shipped UK politics pack', () => {
  it('parties by their news names, and a party before a role speaks for the party', () => {
    const doc = runQuoteStages('"The figures do not add up," a Labour spokesman said.\n\nThe Tories said the plan was "a stealth tax by another name".', QUOTE_STAGES);
    const { actors, quotes } = findArticleActors(doc, standardGazetteer());
    const speakers = quotes.filter((q) => q.kind !== 'term').map((q) => actors.find((a) => a.id === q.actor)?.name ?? null);
    expect(speakers).toEqual(['Labour Party', 'Conservative Party']);
  });

  it('a hyphenated first name stays with the surname', () => {
    const doc = runQuoteStages('"Growth is still too weak," said Jean-Luc Marchetti, head of the agency.', QUOTE_STAGES);
    expect(findArticleActors(doc, standardGazetteer()).actors.map((a) => a.name)).toContain('Jean-Luc Marchetti');
  });
});
