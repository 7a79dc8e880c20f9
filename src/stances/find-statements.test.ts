import { describe, expect, it } from 'vitest';
import { textDocument } from '../../test/helpers/text-document.js';
import { assertInvariants } from '../model/check-invariants.js';
import type { Document } from '../model/document.js';
import { STAGES } from '../pipeline.js';
import { STANCE_RULES } from './find-statements.js';
import { checkPropositions } from './propositions.js';
import { compilePropositions } from './stance-words.js';

const PROPOSITIONS = compilePropositions(
  checkPropositions('test', [
    {
      id: 'work-with-groups',
      text: 'Police should work with volunteer patrol groups',
      targets: ['patrol group', 'street watcher', 'vigilante'],
      anaphora: ['these groups', 'the groups', 'such a partnership'],
      oppose: ['best left to the police'],
    },
  ]),
);

function run(text: string): Document {
  const doc = textDocument(text);
  for (const stage of STAGES) stage(doc, { propositions: PROPOSITIONS });
  assertInvariants(doc);
  return doc;
}

/** Each statement as [speaker name, polarity, modality, first words]. */
function statements(text: string): [string | null, string, string, string][] {
  const doc = run(text);
  return doc.statements.map((s) => [doc.actors.find((a) => a.id === s.actor)?.name ?? null, s.polarity, s.modality, doc.text.slice(s.start, s.start + 24)]);
}

const rules = (text: string): string[] => run(text).statements.flatMap((s) => s.cues.map((c) => c.rule));

describe('findStatements: polarity and negation', () => {
  it('"no plans to work with" opposes; "it is vital that the police start working with" supports', () => {
    expect(statements('Supt Dana Whitlock said: "We have no plans to work with street watchers."')).toEqual([['Dana Whitlock', 'oppose', 'firm', 'We have no plans to work']]);
    expect(statements('Cllr Omar Reeve said: "It is vital that the police start working with patrol groups."')).toEqual([['Omar Reeve', 'support', 'firm', 'It is vital that the pol']]);
  });

  it('"not going to condone" and "I don\'t believe ... are the answer" oppose', () => {
    expect(statements('Chief Constable Irene Marsh said: "I am not going to condone these patrol groups."')[0]?.[1]).toBe('oppose');
    expect(statements('Prof Amos Hale said: "I don\'t believe vigilantes are the answer."')[0]?.[1]).toBe('oppose');
    expect(rules('Prof Amos Hale said: "I don\'t believe vigilantes are the answer."')).toContain(STANCE_RULES.negator);
  });

  it('a judgement of the target opposes it: "are putting children at risk", "is risky"', () => {
    expect(statements('Ms Lena Cho said: "Street watchers are putting children at risk."')[0]?.[1]).toBe('oppose');
    expect(statements('Ms Lena Cho said: "Entrapment by street watchers is risky."')[0]?.[1]).toBe('oppose');
  });

  it('the proposition\'s own cue takes a side without a target: "best left to the police"', () => {
    const found = statements('A Harbridge Trust spokesman said: "We believe investigating crime is best left to the police."');
    expect(found.map(([, polarity]) => polarity)).toEqual(['oppose']);
    expect(rules('A Harbridge Trust spokesman said: "We believe investigating crime is best left to the police."')).toContain(STANCE_RULES.propositionCue);
  });

  it('an evaluation followed by "by" judges the action after it: "missing a trick by refusing to work with"', () => {
    expect(statements('Tom Brack said forces were "missing a trick" by refusing to work with patrol groups.')[0]?.[1]).toBe('support');
  });

  it('an -ing action judged by a later cue counts as what is judged', () => {
    const text = 'Insp Ruth Kerr said: "Any talk of the police working with patrol groups has to be treated with the utmost caution."';
    expect(statements(text)[0]?.[1]).toBe('oppose');
    expect(rules(text)).toContain(STANCE_RULES.evaluatedAction);
  });

  it('a clause not about the target does not count ("We work with other agencies ...")', () => {
    const found = statements('Insp Ruth Kerr said: "We work with other agencies every day, and patrol groups have been in the news."');
    expect(found.map(([, polarity]) => polarity)).toEqual(['neutral']);
  });
});

describe('findStatements: what is not a position', () => {
  it('a forecast is not a position: "I cannot see the police working with them any time soon"', () => {
    const text = 'Jo Penrose said: "I cannot see the police working with street watchers any time soon."';
    expect(statements(text)[0]?.[1]).toBe('neutral');
    expect(rules(text)).toContain(STANCE_RULES.prediction);
  });

  it('criticism of some members is not opposition: "Not all street watchers are a danger"', () => {
    const text = 'Jo Penrose said: "Not all street watchers are a danger to children."';
    expect(statements(text)[0]?.[1]).toBe('neutral');
    expect(rules(text)).toContain(STANCE_RULES.subset);
  });

  it('an embedded question asks, it does not assert', () => {
    const text = 'A Harbridge Trust spokesman said: "We need to understand how working with patrol groups could be done without putting children in danger."';
    expect(statements(text)[0]?.[1]).toBe('neutral');
  });

  it('a narrator sentence without an actor is the reporter\'s own account, not a statement', () => {
    expect(statements('Street watchers have put several cases at risk this year.')).toEqual([]);
  });

  it('another speaker\'s report inside the unit is cut off', () => {
    const text = 'Police in Harbridge have warned that there are "no plans" to work with patrol groups after the regional lead said the partnership was "worth a look".';
    const doc = run(text);
    expect(doc.statements.map((s) => s.polarity)).toContain('oppose');
    expect(doc.statements.every((s) => !doc.text.slice(s.start, s.end).includes('worth a look'))).toBe(true);
  });
});

describe('findStatements: modality, anaphora and narrator sentences', () => {
  it('"may consider ... if it helps" is conditional support; "potentially look at" is tentative', () => {
    expect(statements('Wessex Vale Police said it may consider working with patrol groups if it helps protect children.')[0]?.slice(1, 3)).toEqual(['support', 'conditional']);
    expect(statements('Sgt Ann Lomax said: "Working with street watchers is something we will potentially look at."')[0]?.slice(1, 3)).toEqual(['support', 'tentative']);
  });

  it('"even if" is no condition', () => {
    expect(statements('Cllr Omar Reeve said: "It is vital that the police work with patrol groups, even if only a little."')[0]?.slice(1, 3)).toEqual(['support', 'firm']);
  });

  it('an anaphor stands for the target once the article has named it', () => {
    const text = 'Patrol groups were active in Harbridge last year.\n\nSupt Dana Whitlock said: "I will not condone these groups."';
    expect(statements(text).map(([name, polarity]) => [name, polarity])).toEqual([['Dana Whitlock', 'oppose']]);
    expect(statements('Supt Dana Whitlock said: "I will not condone these groups."')).toEqual([]);
  });

  it('a narrator sentence with an actor as subject is the actor\'s statement', () => {
    const text = 'Officers in Harbridge were busy on Monday.\n\nAs a result, Wessex Vale Police has no plans to work alongside street watchers.';
    const doc = run(text);
    const narrator = doc.statements.find((s) => s.quote === null);
    expect(doc.actors.find((a) => a.id === narrator?.actor)?.name).toBe('Wessex Vale Police');
    expect(narrator?.polarity).toBe('oppose');
    expect(narrator?.cues.map((c) => c.rule)).toContain(STANCE_RULES.narrator);
  });

  it('every statement points to its words and the rule behind each cue', () => {
    const doc = run('Supt Dana Whitlock said: "We have no plans to work with street watchers."');
    const [statement] = doc.statements;
    expect(statement).toBeDefined();
    expect(doc.text.slice(statement?.start, statement?.end)).toBe('We have no plans to work with street watchers.');
    for (const cue of statement?.cues ?? []) expect(cue.rule).toMatch(/^stance\./u);
    expect(statement?.cues.find((c) => c.rule === STANCE_RULES.target) && doc.text.slice(statement?.cues.find((c) => c.rule === STANCE_RULES.target)?.start, statement?.cues.find((c) => c.rule === STANCE_RULES.target)?.end)).toBe('street watchers');
  });

  it('finds nothing without propositions', () => {
    const doc = textDocument('Supt Dana Whitlock said: "We have no plans to work with street watchers."');
    for (const stage of STAGES) stage(doc, {});
    expect(doc.statements).toEqual([]);
  });
});

describe('findStatements: word forms and relative clauses', () => {
  it('irregular past forms match ("stood against"), and a "which" clause is about the noun before it', () => {
    expect(statements('Only Wessex Vale Police stood against patrol groups last year.').map(([name, polarity]) => [name, polarity])).toEqual([['Wessex Vale Police', 'oppose']]);
    expect(statements('Cllr Omar Reeve spoke about the patrol groups, which he has long opposed.').map(([, polarity]) => polarity)).toEqual(['oppose']);
  });
});
