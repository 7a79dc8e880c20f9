import { describe, expect, it } from 'vitest';
import { runQuoteStages } from '../../test/helpers/quote-document.js';
import type { Actor, Document } from '../model/document.js';
import { QUOTE_STAGES } from '../quotes/index.js';
import { ACTOR_RULES, findActors } from './find-actors.js';

function run(text: string, options: { headline?: boolean } = {}): Document {
  return runQuoteStages(text, [...QUOTE_STAGES, findActors], options);
}

/** Each speech quote's first words and the name of the actor it resolves to. */
function speakers(doc: Document): [string, string | null][] {
  return doc.quotes
    .filter((q) => q.kind !== 'term')
    .map((q) => [
      doc.text.slice(q.content[0]?.start ?? 0, (q.content[0]?.start ?? 0) + 12),
      doc.actors.find((a) => a.id === q.actor)?.name ?? null,
    ]);
}

function actor(doc: Document, name: string): Actor {
  const found = doc.actors.find((a) => a.name === name);
  if (found === undefined) throw new Error(`no actor ${name} in ${doc.actors.map((a) => a.name).join(', ')}`);
  return found;
}

const values = (list: readonly { value: string }[]): string[] => [...new Set(list.map((e) => e.value))];
const mentions = (doc: Document, a: Actor): string[] => a.mentions.map((m) => doc.text.slice(m.start, m.end));

describe('findActors: names, titles and ranks', () => {
  it('reads a police rank before a name, and the force from "from"', () => {
    const doc = run('Detective Sergeant Ruth Abernethy from Wessex Vale Police said the patrols would continue.\n\n"We are not going anywhere," Det Sgt Abernethy said.');
    const ruth = actor(doc, 'Ruth Abernethy');
    expect(ruth.type).toBe('person');
    expect(values(ruth.titles)).toEqual(['Detective Sergeant']);
    expect(values(ruth.organisations)).toEqual(['Wessex Vale Police']);
    expect(mentions(doc, ruth)).toEqual(['Detective Sergeant Ruth Abernethy', 'Det Sgt Abernethy']);
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Ruth Abernethy', 'Ruth Abernethy']);
  });

  it('takes the organisation from a possessive before the title', () => {
    const doc = run("Harbridge's Chief Constable Alan Pryce said the force would not take part.");
    const alan = actor(doc, 'Alan Pryce');
    expect(values(alan.titles)).toEqual(['Chief Constable']);
    expect(values(alan.organisations)).toEqual(['Harbridge']);
  });

  it('reads an appositive role and the organisation it names', () => {
    const doc = run('Moira Quist, the head of safeguarding at the Ashcombe Children\'s Trust, said: "Leave it to the police."');
    const moira = actor(doc, 'Moira Quist');
    expect(values(moira.roles)).toEqual(["head of safeguarding at the Ashcombe Children's Trust"]);
    expect(values(moira.organisations)).toEqual(["Ashcombe Children's Trust"]);
    expect(speakers(doc)).toEqual([['Leave it to ', 'Moira Quist']]);
  });

  it('reads a role and its title before a name set off by commas', () => {
    const doc = run("Wessex Vale's police and crime commissioner, Rosa Feld, said she would meet the groups.");
    const rosa = actor(doc, 'Rosa Feld');
    expect(values(rosa.titles)).toEqual(['Police and Crime Commissioner']);
    expect(values(rosa.organisations)).toEqual(['Wessex Vale']);
  });

  it('reads a title in the middle of a capitalised run, and the organisation before it', () => {
    const doc = run('Harbridge Borough Council and Wessex Vale Police and Crime Commissioner Rosa Feld both backed the plan.');
    const rosa = actor(doc, 'Rosa Feld');
    expect(values(rosa.titles)).toEqual(['Police and Crime Commissioner']);
    expect(values(rosa.organisations)).toEqual(['Wessex Vale']);
    expect(doc.actors.filter((a) => a.type === 'organisation').map((a) => a.name)).toContain('Harbridge Borough Council');
  });

  it('does not read a relative clause or an age as a role', () => {
    const doc = run('Gareth Lyle, 34, who runs a café in the town, said he had seen the group filming.');
    expect(actor(doc, 'Gareth Lyle').roles).toEqual([]);
  });

  it('reads a role before the name', () => {
    const doc = run('"It has to stop," local campaigner Priya Nandakumar said.');
    expect(values(actor(doc, 'Priya Nandakumar').roles)).toEqual(['local campaigner']);
  });

  it('keeps a hyphenated surname whole', () => {
    const doc = run('Dr Ines Hartley-Wood, of the Ashcombe Lung Trust, said: "Cases are rising."');
    const ines = actor(doc, 'Ines Hartley-Wood');
    expect(values(ines.organisations)).toEqual(['Ashcombe Lung Trust']);
  });

  it('a description followed by a name set off by commas is that person', () => {
    const doc = run('The council\'s finance spokesman, Cllr Idris Penhale, said: "It is a tax by another name."');
    expect(speakers(doc)).toEqual([['It is a tax ', 'Idris Penhale']]);
    expect(values(actor(doc, 'Idris Penhale').roles)).toContain("council's finance spokesman");
  });

  it('does not take Mr or Ms for a title', () => {
    const doc = run('Ms Carla Voss said the plan was sound.');
    expect(actor(doc, 'Carla Voss').titles).toEqual([]);
  });
});

describe('findActors: every title and rank the issue names', () => {
  const cases: [string, string][] = [
    ['Chief Constable', 'Chief Constable'],
    ['Deputy Chief Constable', 'Deputy Chief Constable'],
    ['Assistant Chief Constable', 'Assistant Chief Constable'],
    ['Det Chief Insp', 'Detective Chief Inspector'],
    ['Det Supt', 'Detective Superintendent'],
    ['Insp', 'Inspector'],
    ['Sgt', 'Sergeant'],
    ['PC', 'Police Constable'],
    ['PCSO', 'Police Community Support Officer'],
    ['Commissioner', 'Commissioner'],
    ['Cllr', 'Councillor'],
    ['Rt Hon', 'Rt Hon'],
    ['Dr', 'Doctor'],
    ['Prof', 'Professor'],
    ['Sir', 'Sir'],
    ['Lord', 'Lord'],
    ['Baroness', 'Baroness'],
  ];
  for (const [written, canonical] of cases) {
    it(`${written} Name said: the person, titled ${canonical}`, () => {
      const doc = run(`${written} Morwenna Tregear said: "We will publish the review in full."`);
      expect(speakers(doc)).toEqual([['We will publ', 'Morwenna Tregear']]);
      const titles = values(actor(doc, 'Morwenna Tregear').titles);
      // Courtesy titles (Rt Hon, Sir, Lord, Baroness) are forms of address, not ranks or offices: not listed as titles.
      expect(titles).toEqual(['Rt Hon', 'Sir', 'Lord', 'Baroness'].includes(canonical) ? [] : [canonical]);
    });
  }

  it('an MP after the name is a title', () => {
    const doc = run('"We were not consulted," Morwenna Tregear MP said.');
    expect(values(actor(doc, 'Morwenna Tregear').titles)).toEqual(['MP']);
  });
});

describe('findActors: short forms', () => {
  it('resolves a surname, a title and surname, and a first name to the full name', () => {
    const doc = run('Campaigner Denny Harrow has run stings for two years.\n\n"We pass everything on," Harrow said.\n\n"We always will," Denny added.\n\nMr Harrow said the group had 40 members.');
    const denny = actor(doc, 'Denny Harrow');
    expect(mentions(doc, denny)).toEqual(['Denny Harrow', 'Harrow', 'Denny', 'Mr Harrow']);
    expect(doc.actors.filter((a) => a.type === 'person')).toHaveLength(1);
  });

  it('leaves a surname two people share unresolved, with a message', () => {
    const doc = run('Tom Ashdown and Clare Ashdown run the shop.\n\n"We close at six," Ashdown said.');
    expect(speakers(doc)).toEqual([['We close at ', null]]);
    expect(doc.messages.map((m) => m.rule)).toContain(ACTOR_RULES.aliasAmbiguous);
  });

  it('uses a courtesy title to tell two people with one surname apart', () => {
    const doc = run('Tom Ashdown and Clare Ashdown run the shop.\n\n"We close at six," Mrs Ashdown said.');
    expect(speakers(doc)).toEqual([['We close at ', 'Clare Ashdown']]);
  });

  it('keeps a titled short form with no full name as its own person', () => {
    const doc = run('"Nobody asked us," Cllr Brindle said.');
    expect(speakers(doc)).toEqual([['Nobody asked', 'Brindle']]);
    expect(values(actor(doc, 'Brindle').titles)).toEqual(['Councillor']);
  });
});

describe('findActors: organisations and spokespeople', () => {
  it('an organisation speaking is the organisation, across capitals at the start of a story', () => {
    const doc = run('WESSEX Vale Police has confirmed it may consider working with the groups.\n\nWessex Vale Police said no decision had been made.');
    const force = actor(doc, 'Wessex Vale Police');
    expect(force.type).toBe('organisation');
    expect(speakers(doc).every(([, name]) => name === 'Wessex Vale Police')).toBe(true);
  });

  it('an unnamed spokesperson speaks for the organisation', () => {
    const doc = run('"We have no comment," an NSPCC spokeswoman said.\n\n"Our advice is clear," a spokesman for Harbridge Borough Council said.');
    expect(speakers(doc)).toEqual([
      ['We have no c', 'NSPCC'],
      ['Our advice i', 'Harbridge Borough Council'],
    ]);
    expect(values(actor(doc, 'NSPCC').roles)).toEqual(['spokeswoman']);
  });

  it('"the force" and "a force spokesman" are the force named before', () => {
    const doc = run('Wessex Vale Police said it was aware of the video.\n\nThe force said officers were reviewing it.\n\n"We urge people to come to us," a force spokesman said.');
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Wessex Vale Police', 'Wessex Vale Police', 'Wessex Vale Police']);
  });

  it('an unnamed spokesperson speaks for the one organisation named just before', () => {
    const doc = run('Harbridge Borough Council said the files had been found.\n\n"Nobody was put at risk," a spokesman said.');
    expect(speakers(doc).map(([, name]) => name)).toContain('Harbridge Borough Council');
    const two = run('Harbridge Borough Council and Wessex Vale Police met on Monday.\n\n"Nobody was put at risk," a spokesman said.');
    expect(speakers(two)).toEqual([['Nobody was p', null]]);
  });

  it('a name after a preposition in the mention is not its speaker', () => {
    const doc = run('Tom Ashdown, 41, was arrested in March.\n\nA letter sent to Tom Ashdown said the case was "closed for now".');
    expect(speakers(doc).map(([, name]) => name)).not.toContain('Tom Ashdown');
  });

  it('a description names the one person whose role it repeats', () => {
    const doc = run('Lena Marsh, the MP for Harbridge West, has written to the force.\n\nThe MP said the delay was "unacceptable" and that families deserved answers.');
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Lena Marsh']);
  });
});

describe('findActors: pronouns', () => {
  it('resolves he and she by the names before them', () => {
    const doc = run('Insp Colm Reddy and Sgt Bethany Lowe attended the meeting.\n\n"We listened," she said.\n\n"We will act," he added.');
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Bethany Lowe', 'Colm Reddy']);
  });

  it('gives a message, not a guess, when two people fit', () => {
    const doc = run('Insp Colm Reddy met Sgt Jordan Hale on Monday.\n\n"It went well," he said.');
    expect(speakers(doc)).toEqual([['It went well', null]]);
    expect(doc.messages.map((m) => m.rule)).toContain(ACTOR_RULES.pronounAmbiguous);
  });

  it('prefers the previous speaker when several fit', () => {
    const doc = run('"We are ready," Insp Colm Reddy said after meeting Sgt Jordan Hale.\n\n"We have the officers," he said.');
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Colm Reddy', 'Colm Reddy']);
  });

  it('a relative "who" is the name right before it', () => {
    const doc = run('The plan was backed by Cllr Ada Brook, who said it was "overdue" and would save money.');
    const q = doc.quotes.find((x) => x.kind !== 'term');
    expect(q?.speaker === null || q === undefined ? null : doc.text.slice(q.speaker.start, q.speaker.end)).toBe('who');
    expect(doc.actors.find((a) => a.id === q?.actor)?.name).toBe('Ada Brook');
  });

  it('does not take a name inside quoted words as the antecedent', () => {
    const doc = run('Cllr Ada Brook said: "I spoke to Tom Ellery about it."\n\n"It is settled," she said.');
    expect(speakers(doc).map(([, name]) => name)).toEqual(['Ada Brook', 'Ada Brook']);
  });
});

describe('findActors: transcripts', () => {
  it('a speaker label is the person, a stage direction is nobody', () => {
    const doc = run('Senator Dana Whitlock joined the programme on Sunday.\n\nHOLLIS: Will you back the bill?\n\nWHITLOCK: I will, and so will my colleagues.\n\n(CROSSTALK)');
    expect(mentions(doc, actor(doc, 'Dana Whitlock'))).toContain('WHITLOCK');
    expect(actor(doc, 'Hollis').type).toBe('person');
    expect(doc.actors.some((a) => a.name === 'CROSSTALK')).toBe(false);
  });
});
