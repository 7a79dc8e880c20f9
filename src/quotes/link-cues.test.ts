import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../model/check-invariants.js';
import { runQuoteStages, showQuotes } from '../../test/helpers/quote-document.js';
import type { Document } from '../model/document.js';
import { findQuoteMarks, QUOTE_RULES } from './find-quote-marks.js';
import { LINK_RULES, linkCues, loadCueWords, SPEAKER_WINDOW_PARAGRAPHS } from './link-cues.js';

const run = (text: string): Document => runQuoteStages(text, [findQuoteMarks, linkCues]);
const shown = showQuotes;

describe('linkCues: cue before the quote', () => {
  it('said-colon-before-quote', () => {
    const doc = run('Det Chief Insp Karen Holloway said: "We are following several lines of inquiry."');
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: LINK_RULES.colonBefore, content: ['We are following several lines of inquiry.'], cue: 'said', speaker: 'Det Chief Insp Karen Holloway' },
    ]);
    expect(doc.quotes[0]?.confidence).toBeCloseTo(0.9);
  });

  it('told-object-colon-before-quote', () => {
    const doc = run('The flooding closed the road for a week. He told BBC Radio 4: "The water came in faster than anyone expected."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.colonBefore, cue: 'told BBC Radio 4', speaker: 'He' }]);
  });

  it('added-colon-before-quote', () => {
    const doc = run('Cllr Rhian Pryce added: "The bridge will reopen in May."');
    expect(shown(doc)).toMatchObject([{ cue: 'added', speaker: 'Cllr Rhian Pryce' }]);
  });

  it('appositive-between-speaker-and-cue', () => {
    const doc = run('Chief Constable Simon Smith, the national lead for rural crime, said: "Farmers deserve better protection."');
    expect(shown(doc)).toMatchObject([{ cue: 'said', speaker: 'Chief Constable Simon Smith' }]);
  });

  it('spokesman-description-as-speaker', () => {
    const doc = run('A spokesman for Wessex Vale Police said: "Inquiries are continuing."');
    expect(shown(doc)).toMatchObject([{ cue: 'said', speaker: 'A spokesman for Wessex Vale Police' }]);
  });

  it('organisation-as-speaker-with-time-opener', () => {
    const doc = run('On Tuesday Wessex Vale Police said in a statement: "Two men have been arrested."');
    expect(shown(doc)).toMatchObject([{ cue: 'said in a statement', speaker: 'Wessex Vale Police' }]);
  });

  it('colon-at-end-of-previous-paragraph', () => {
    const doc = run('Mrs Amina Okafor, who runs the village shop, said:\n\n"Nobody told us the road would close."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.colonBefore, cue: 'said', speaker: 'Mrs Amina Okafor' }]);
  });

  it('colon-far-from-its-verb', () => {
    const doc = run('Cllr Rhian Pryce said that, given the state of the roads around Ashcombe and the cost of repairs:\n\n"We cannot wait another winter."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.colonFar, cue: 'said', speaker: 'Cllr Rhian Pryce' }]);
  });

  it('colon-without-a-reporting-verb', () => {
    const doc = run('After the vote, Mayor Ellen Alder released the following statement:\n\n"This is a good day for the town."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.colonOnly, cue: ':', speaker: 'Mayor Ellen Alder' }]);
  });

  it('headline-style-colon-has-no-speaker', () => {
    const doc = run('Police: "No deals with vigilantes."');
    expect(shown(doc)).toMatchObject([{ speaker: null }]);
  });

  it('pronoun-inside-the-subject-run', () => {
    const doc = run('The flood plan was delayed again. I had long argued, "The plan will fail without new pumps."');
    expect(shown(doc)).toMatchObject([{ cue: 'argued', speaker: 'I' }]);
  });

  it('according-to-before-quote', () => {
    const doc = run('According to the parish council, "The footpath will be closed until June."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.before, cue: 'According to', speaker: 'the parish council' }]);
  });

  it('said-comma-before-quote', () => {
    const doc = run('The head teacher said, "We are proud of every pupil."');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.before, cue: 'said', speaker: 'The head teacher' }]);
  });
});

describe('linkCues: cue after the quote', () => {
  it('said-after-quote-speaker-first', () => {
    const doc = run('"We will not be giving up," Cllr Rhian Pryce said.');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: LINK_RULES.afterSpeakerCue, content: ['We will not be giving up,'], cue: 'said', speaker: 'Cllr Rhian Pryce' }]);
  });

  it('said-after-quote-cue-first-with-role', () => {
    const doc = run('"The figures speak for themselves," said Insp Dev Sandhu, the neighbourhood policing lead.');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.afterCueSpeaker, cue: 'said', speaker: 'Insp Dev Sandhu' }]);
  });

  it('he-added-after-quote', () => {
    const doc = run('"It was a long night for everyone," he added.');
    expect(shown(doc)).toMatchObject([{ cue: 'added', speaker: 'he' }]);
  });

  it('comma-outside-the-marks', () => {
    const doc = run("'The bus service is a lifeline', a council spokeswoman said.");
    expect(shown(doc)).toMatchObject([{ cue: 'said', speaker: 'a council spokeswoman' }]);
  });

  it('appositive-between-speaker-and-cue-after-quote', () => {
    const doc = run('"We have never seen a summer like it," Ms Jo Reed, the head of the Ashcombe Trust for the countryside, said on Friday.');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.afterSpeakerCue, cue: 'said', speaker: 'Ms Jo Reed' }]);
  });

  it('according-to-after-quote', () => {
    const doc = run('"Repairs will take six weeks," according to Wessex Water.');
    expect(shown(doc)).toMatchObject([{ cue: 'according to', speaker: 'Wessex Water' }]);
  });

  it('full-stop-in-quote-then-short-cue-clause', () => {
    const doc = run('"The road will reopen on Friday." Mr Tom Ellis told Wessex Radio.');
    expect(shown(doc)).toMatchObject([{ rule: LINK_RULES.afterFullStop, cue: 'told', speaker: 'Mr Tom Ellis' }]);
  });

  it('full-stop-in-quote-is-not-a-trailing-cue', () => {
    const doc = run('"The road is shut." Residents said they had not been told.');
    expect(shown(doc)).toMatchObject([{ cue: null, speaker: null }]);
    expect(doc.messages.filter((m) => m.rule === LINK_RULES.none)).toHaveLength(1);
  });
});

describe('linkCues: split and floating quotes', () => {
  it('quote-split-by-its-cue', () => {
    const doc = run('"The hall needs a new roof," she said. "We have started raising the money."');
    expect(shown(doc)).toEqual([
      {
        kind: 'direct',
        rule: LINK_RULES.split,
        content: ['The hall needs a new roof,', 'We have started raising the money.'],
        cue: 'said',
        speaker: 'she',
      },
    ]);
    expect(doc.quotes[0]?.id).toBe('q1');
  });

  it('split-quote-renumbers-the-quotes-after-it', () => {
    const doc = run('"The hall needs a new roof," she said. "We have started raising the money."\n\n"It will cost £40,000," added Mr Tom Ellis.');
    expect(doc.quotes.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(shown(doc)[1]).toMatchObject({ cue: 'added', speaker: 'Mr Tom Ellis' });
  });

  it('second-part-with-its-own-cue-stays-apart', () => {
    const doc = run('"The hall needs a new roof," she said. "It will cost a lot," Mr Tom Ellis added.');
    expect(shown(doc)).toMatchObject([
      { speaker: 'she', content: ['The hall needs a new roof,'] },
      { speaker: 'Mr Tom Ellis', content: ['It will cost a lot,'] },
    ]);
  });

  it('floating-quote-takes-the-previous-speaker', () => {
    const doc = run('Sgt Lucy Marsh said: "We found the van abandoned near Ashcombe."\n\n"We are asking anyone who saw it to call us."');
    const [first, second] = doc.quotes;
    expect(second).toMatchObject({ rule: LINK_RULES.floating, cue: null, speaker: first?.speaker });
    expect(shown(doc)[1]?.speaker).toBe('Sgt Lucy Marsh');
  });

  it('floating-quote-window', () => {
    const gap = Array.from({ length: SPEAKER_WINDOW_PARAGRAPHS }, (_, i) => `The lane was closed for ${i + 2} days.`).join('\n\n');
    const doc = run(`Sgt Lucy Marsh said: "We found the van."\n\n${gap}\n\n"We are asking anyone who saw it to call us."`);
    expect(doc.quotes[1]).toMatchObject({ cue: null, speaker: null });
    const near = run('Sgt Lucy Marsh said: "We found the van."\n\nThe lane was closed.\n\n"We are asking anyone who saw it to call us."');
    expect(near.quotes[1]?.rule).toBe(LINK_RULES.floating);
  });

  it('quote-inside-narration-paragraph-does-not-float', () => {
    const doc = run('Sgt Lucy Marsh said: "We found the van."\n\nResidents were told "We will be in touch."');
    expect(doc.quotes[1]?.rule).not.toBe(LINK_RULES.floating);
  });
});

describe('linkCues: mixed quotes from fragments', () => {
  it('said-before-quoted-words-is-mixed', () => {
    const doc = run('Mr Bailey said the force would remain "heavily invested in the town" for years.');
    expect(shown(doc)).toEqual([
      { kind: 'mixed', rule: LINK_RULES.mixed, content: ['the force would remain "heavily invested in the town" for years'], cue: 'said', speaker: 'Mr Bailey' },
    ]);
  });

  it('warned-that-before-quoted-words', () => {
    const doc = run('The council warned that there are "no plans" to reopen the library.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', content: ['there are "no plans" to reopen the library'], cue: 'warned', speaker: 'The council' }]);
  });

  it('two-fragments-one-mixed-quote', () => {
    const doc = run('She said the plan was "not good enough" and "something we cannot support" at all.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', content: ['the plan was "not good enough" and "something we cannot support" at all'] }]);
    expect(doc.quotes).toHaveLength(1);
  });

  it('cue-of-the-quote-before-is-not-reused-for-a-fragment', () => {
    const doc = run('"We had no warning at all," Mrs Amina Okafor said, describing the closure as "a kick in the teeth" for traders.');
    expect(shown(doc)).toMatchObject([
      { kind: 'direct', cue: 'said', speaker: 'Mrs Amina Okafor' },
      { kind: 'mixed', cue: 'describing', content: ['the closure as "a kick in the teeth" for traders'] },
    ]);
  });

  it('fragment-without-a-cue-stays-a-fragment', () => {
    const doc = run('The plan was "something we will look at" by the end of the year.');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.fragment, content: ['something we will look at'], cue: null, speaker: null }]);
  });
});

describe('linkCues: mixed quotes, more shapes', () => {
  it('fragment-before-trailing-cue-is-mixed', () => {
    const doc = run('The marks were "consistent with a fall from the ladder," the coroner wrote.');
    expect(shown(doc)).toEqual([
      { kind: 'mixed', rule: LINK_RULES.mixed, content: ['The marks were "consistent with a fall from the ladder,"'], cue: 'wrote', speaker: 'the coroner' },
    ]);
  });

  it('quoted-sentence-after-said-that-is-mixed', () => {
    const doc = run('Cllr Maya Brennan told reporters that "we will not close a single library this year."');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', content: ['"we will not close a single library this year."'], cue: 'told', speaker: 'Cllr Maya Brennan' }]);
  });

  it('participle-cue-speaker-is-the-clause-subject', () => {
    const doc = run('Mayor Tom Ashdown hit back at the council, saying its budget was "a work of fiction" from start to end.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'saying', speaker: 'Mayor Tom Ashdown' }]);
  });

  it('relative-who-is-the-speaker-mention', () => {
    const doc = run('Ms Orla Quinn, who said the plan was "not fair to tenants at all" in May, will stand again.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'said', speaker: 'who' }]);
  });

  it('participle-cue-subject-before-an-appositive', () => {
    const doc = run('Rosa Malley, the head of Fernbridge Academy, issued a statement on Monday, saying the school was "proud of every single pupil who sat the exams" in the year.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'saying', speaker: 'Rosa Malley' }]);
  });

  it('participle-cue-subject-is-a-description', () => {
    const doc = run('The coroner summed up the evidence, saying the death was "a tragedy nobody could have foreseen" at the time.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'saying', speaker: 'The coroner' }]);
  });

  it('participle-cue-after-a-quote-takes-the-subject-after-its-mark', () => {
    const doc = run('"We are not finished," Cllr Ana Price told a meeting in Dunmore, saying the council would "fight on for the ferry" this year.');
    expect(shown(doc)).toMatchObject([{ kind: 'direct', speaker: 'Cllr Ana Price' }, { kind: 'mixed', cue: 'saying', speaker: 'Cllr Ana Price' }]);
  });

  it('called-before-quoted-words-is-a-mixed-cue', () => {
    const doc = run('Cllr Ivo Marsh called the new car park "an insult to everyone who lives on Quarry Lane" at the meeting.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'called', speaker: 'Cllr Ivo Marsh', content: ['the new car park "an insult to everyone who lives on Quarry Lane" at the meeting'] }]);
  });

  it('stance-verb-before-quoted-words-is-a-mixed-cue', () => {
    const doc = run('The Lindfield Tenants Union accuses the landlord of "treating families like numbers on a spreadsheet" in its letter.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'accuses', speaker: 'The Lindfield Tenants Union' }]);
  });

  it('passive-fragment-verb-is-no-cue', () => {
    const doc = run('The old mill cannot be portrayed as "a relic of a shameful age" by anyone in Harwick.');
    expect(shown(doc).filter((q) => q.kind === 'mixed')).toEqual([]);
  });

  it('cue-of-an-earlier-clause-with-its-own-subject-is-not-the-mixed-cue', () => {
    const doc = run('Whatever he wrote in the leaflet, Mr Corran said he "may yet back the bypass after all" this year.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'said', speaker: 'Mr Corran' }]);
  });

  it('called-without-quoted-words-is-no-cue', () => {
    const doc = run('Cllr Ivo Marsh called the meeting to discuss the new car park on Quarry Lane.');
    expect(shown(doc)).toEqual([]);
  });

  it('cue-inside-a-reported-clause-is-not-the-mixed-cue', () => {
    const doc = run('Cllr Nia Hollins said she believes the depot is "a disaster waiting to happen" for the valley.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'said', speaker: 'Cllr Nia Hollins', content: ['she believes the depot is "a disaster waiting to happen" for the valley'] }]);
  });

  it('cue-after-a-new-clause-is-the-mixed-cue', () => {
    const doc = run('Mr Penrose said little at first, but his deputy argued that the plan was "a house built on sand by people who never asked" from the start.');
    expect(shown(doc)).toMatchObject([{ kind: 'mixed', cue: 'argued', speaker: 'his deputy' }]);
  });

  it('verb-form-after-the-is-no-cue', () => {
    const doc = run('The inspectors traced the suspected arsonists to "a flat above the old bakery" on the estate.');
    expect(shown(doc).filter((q) => q.kind === 'mixed')).toEqual([]);
  });
});

describe('linkCues: terms and the stage itself', () => {
  it('scare-quote-term-stays-untouched', () => {
    const doc = run('The so-called "paedophile hunters" said they would carry on.');
    expect(shown(doc)).toEqual([{ kind: 'term', rule: QUOTE_RULES.termMarker, content: ['paedophile hunters'], cue: null, speaker: null }]);
    expect(doc.messages.filter((m) => m.rule === LINK_RULES.none)).toEqual([]);
  });

  it('title-term-after-said-stays-untouched', () => {
    const doc = run("The group, which calls itself 'Keeping Kids Safe', said it had passed evidence to police.");
    expect(shown(doc)).toMatchObject([{ kind: 'term', cue: null, speaker: null }]);
  });

  it('runs-twice-to-the-same-result', () => {
    const doc = run('"The hall needs a new roof," she said. "We have started raising the money."\n\n"The road is shut."');
    const once = JSON.stringify({ q: doc.quotes, m: doc.messages });
    linkCues(doc, {});
    assertInvariants(doc);
    expect(JSON.stringify({ q: doc.quotes, m: doc.messages })).toBe(once);
  });

  it('mixed-quote-speaker-carries-to-a-floating-quote-on-every-run', () => {
    const doc = run('Mr Bailey said the force would remain "heavily invested in the town" for years.\n\n"We are not going anywhere."');
    expect(shown(doc)).toMatchObject([
      { kind: 'mixed', speaker: 'Mr Bailey' },
      { kind: 'direct', rule: LINK_RULES.floating, speaker: 'Mr Bailey' },
    ]);
    const once = JSON.stringify(doc.quotes);
    linkCues(doc, {});
    expect(JSON.stringify(doc.quotes)).toBe(once);
  });

  it('loads-the-cue-list', () => {
    const words = loadCueWords();
    const said = words.verbs.find((v) => v.lemma === 'say');
    expect(said).toMatchObject({ kind: 'speech' });
    expect(said?.forms).toContain('said');
    expect(words.phrases.map((p) => p.text)).toContain('according to');
    expect(words.nouns.flatMap((g) => g.forms)).toContain('claim');
    expect(words.fragmentVerbs.flatMap((v) => v.forms)).toContain('called');
    expect(() => loadCueWords(new URL('../../data/quote-terms.json', import.meta.url))).toThrow(/verbs/);
  });
});
