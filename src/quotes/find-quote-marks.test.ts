import { describe, expect, it } from 'vitest';
import { runQuoteStages } from '../../test/helpers/quote-document.js';
import type { Document, Quote } from '../model/document.js';
import { findQuoteMarks, INNER_PAIR_MAX_CHARS, loadQuoteTerms, QUOTE_RULES, scanQuoteMarks } from './find-quote-marks.js';

function run(text: string, headline = false): Document {
  return runQuoteStages(text, [findQuoteMarks], { headline });
}

interface Shown {
  kind: Quote['kind'];
  rule: string;
  content: string[];
}

function shown(doc: Document): Shown[] {
  return doc.quotes.map((q) => ({ kind: q.kind, rule: q.rule, content: q.content.map((s) => doc.text.slice(s.start, s.end)) }));
}

function one(doc: Document, text: string): Shown {
  const found = shown(doc).find((q) => q.content.join(' | ') === text);
  if (found === undefined) throw new Error(`no quote "${text}" in ${JSON.stringify(shown(doc))}`);
  return found;
}

describe('findQuoteMarks: marks and their roles', () => {
  it('straight-double-quote-after-colon', () => {
    const doc = run('Det Chief Insp Karen Holloway said: "We are following several lines of inquiry."');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['We are following several lines of inquiry.'] }]);
    expect(doc.quotes[0]).toMatchObject({ id: 'q1', cue: null, speaker: null });
    expect(doc.messages).toEqual([]);
  });

  it('curly-double-quote-after-colon', () => {
    const doc = run('Cllr Rhian Pryce said: \u201CThe bridge will reopen in May.\u201D');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['The bridge will reopen in May.'] }]);
  });

  it('single-quotes-as-speech', () => {
    const doc = run("Cllr Rhian Pryce said: 'The bridge will reopen in May.' Work began in March.");
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['The bridge will reopen in May.'] }]);
  });

  it('apostrophes-are-not-quotes', () => {
    const doc = run(
      "It's the force's view that the hunters' evidence from the '90s and Bailey\u2019s rock \u2019n\u2019 roll days don't matter. " +
        "The volunteers' work and the officers\u2019 reports from the \u201908 inquiry were rock 'n' roll.",
    );
    expect(doc.quotes).toEqual([]);
    expect(doc.messages).toEqual([]);
    const scan = scanQuoteMarks(doc);
    expect(scan.marks.open + scan.marks.close + scan.marks.stray).toBe(0);
    expect(scan.marks.apostrophe).toBe(13);
  });

  it('elisions-at-word-start-are-apostrophes', () => {
    const doc = run("Councillor Anneke in 't Veld asked how 'bout the bridge, and the band played 'em all.");
    expect(doc.quotes).toEqual([]);
    expect(scanQuoteMarks(doc).marks.apostrophe).toBe(3);
  });

  it('plural-possessive-inside-a-quote', () => {
    const doc = run("Insp Dev Sandhu said: 'The volunteers' work has helped us, and the hunters' tip-offs too.'");
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ["The volunteers' work has helped us, and the hunters' tip-offs too."] }]);
  });

  it('plural-possessive-inside-a-double-quote', () => {
    const doc = run('She said: "The volunteers\u2019 work has helped us."');
    expect(one(doc, 'The volunteers\u2019 work has helped us.').kind).toBe('direct');
    expect(doc.quotes).toHaveLength(1);
  });

  it('opening-mark-after-bracket-and-dash', () => {
    const doc = run('The sign read ("Bridge closed") - "We will reopen it soon," said a spokesman.');
    expect(one(doc, 'Bridge closed').kind).toBe('term');
    expect(one(doc, 'We will reopen it soon,')).toMatchObject({ kind: 'direct', rule: QUOTE_RULES.pair });
  });

  it('doubled-single-marks-stand-for-double', () => {
    const doc = run("''It's a long way back for the club,'' said Ms Okafor. ''We will not give up.''");
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: QUOTE_RULES.pair, content: ["It's a long way back for the club,"] },
      { kind: 'direct', rule: QUOTE_RULES.pair, content: ['We will not give up.'] },
    ]);
  });

  it('stray-closing-mark-is-ignored', () => {
    const doc = run('The shop in Mill Lane sold a 12" pizza for \u00A39 and a 6\'2" wardrobe.');
    expect(doc.quotes).toEqual([]);
    expect(doc.messages).toEqual([]);
  });

  it('missing-space-after-closing-mark', () => {
    const doc = run('She said: "We will act."The council met on Monday.');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['We will act.'] }]);
  });
});

describe('findQuoteMarks: nesting', () => {
  it('other-kind-nested-inside', () => {
    const doc = run('Det Chief Insp Karen Holloway said: "Volunteers filmed the \'groomer\' at Millbrook station."');
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: QUOTE_RULES.pair, content: ["Volunteers filmed the 'groomer' at Millbrook station."] },
      { kind: 'term', rule: QUOTE_RULES.termNested, content: ['groomer'] },
    ]);
  });

  it('same-kind-nested-short-pair', () => {
    const doc = run('She said: "These groups hand their "investigation" over to the police when it is too late."');
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: QUOTE_RULES.pair, content: ['These groups hand their "investigation" over to the police when it is too late.'] },
      { kind: 'term', rule: QUOTE_RULES.termNested, content: ['investigation'] },
    ]);
  });

  it('nested-speech-is-dropped', () => {
    const doc = run('Mr Latif said: "The man shouted \'I will be back for every one of you tomorrow night\' and then ran off."');
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: QUOTE_RULES.pair, content: ["The man shouted 'I will be back for every one of you tomorrow night' and then ran off."] },
    ]);
  });

  it('long-same-kind-opener-starts-a-new-quote', () => {
    const filler = 'whatever happens to the budget for the bridge this year or next year or the year after that';
    expect(filler.length).toBeGreaterThan(INNER_PAIR_MAX_CHARS);
    const doc = run(`He said: "We will act, and later Cllr Pryce said "We will not, ${filler}."`);
    expect(doc.messages.map((m) => m.rule)).toEqual([QUOTE_RULES.unclosed]);
    expect(shown(doc).map((q) => q.content[0])).toEqual(['We will act, and later Cllr Pryce said', `We will not, ${filler}.`]);
    expect(doc.quotes[0]?.rule).toBe(QUOTE_RULES.unclosed);
  });
});

describe('findQuoteMarks: paragraphs', () => {
  it('quote-spans-three-paragraphs', () => {
    const doc = run(
      [
        'Det Chief Insp Karen Holloway of Wessex Vale Police said: "We were called to Mill Lane at 2am.',
        '"Officers found a man with head injuries.',
        '"He was taken to hospital, where he remains."',
        'The road was closed for six hours.',
      ].join('\n\n'),
    );
    expect(shown(doc)).toEqual([
      {
        kind: 'direct',
        rule: QUOTE_RULES.multiParagraph,
        content: ['We were called to Mill Lane at 2am.', 'Officers found a man with head injuries.', 'He was taken to hospital, where he remains.'],
      },
    ]);
    expect(doc.messages).toEqual([]);
  });

  it('quote-spans-six-paragraphs-with-inner-pairs', () => {
    const paragraphs = [
      'She said: "We understand why people want to help.',
      '"We work with other agencies.',
      '"Any report is treated with caution.',
      '"Every inquiry follows the law.',
      '"These groups hand their "investigation" over to us.',
      '"A so-called "paedophile hunter" left the scene without giving us any evidence."',
      'The force has no plans to change its approach.',
    ];
    const doc = run(paragraphs.join('\n\n'));
    const direct = doc.quotes.filter((q) => q.kind === 'direct');
    expect(direct).toHaveLength(1);
    expect(direct[0]?.content).toHaveLength(6);
    expect(direct[0]?.rule).toBe(QUOTE_RULES.multiParagraph);
    expect(shown(doc).filter((q) => q.kind === 'term').map((q) => q.content[0])).toEqual(['investigation', 'paedophile hunter']);
  });

  it('quote-continues-across-glued-paragraphs', () => {
    const doc = run('Ms Okafor said: "We were called at 2am. "Officers found a man with head injuries and took him to hospital in Wessex Vale." The road reopened.');
    expect(shown(doc)).toEqual([
      { kind: 'direct', rule: QUOTE_RULES.continued, content: ['We were called at 2am.', 'Officers found a man with head injuries and took him to hospital in Wessex Vale.'] },
    ]);
    expect(doc.messages).toEqual([]);
  });

  it('unclosed-quote-is-a-warning', () => {
    const doc = run('Supt Amir Latif said: "We will act on every report.\n\nThe council met on Monday to discuss the "bridge" plans.');
    expect(doc.messages).toHaveLength(1);
    expect(doc.messages[0]).toMatchObject({ stage: 'quotes', rule: QUOTE_RULES.unclosed, severity: 'warning' });
    const span = doc.messages[0]?.span;
    expect(span && doc.text.slice(span.start, span.end)).toBe('"We will act on every report.');
    expect(one(doc, 'We will act on every report.')).toMatchObject({ kind: 'direct', rule: QUOTE_RULES.unclosed });
    expect(one(doc, 'bridge').kind).toBe('term');
  });

  it('unclosed-quote-never-ends-on-a-mark', () => {
    const doc = run('Cllr Pryce wrote: "We can fix it. The film was "Bridge Too Far."\n\nThe council met on Monday.');
    expect(doc.messages.map((m) => m.rule)).toEqual([QUOTE_RULES.unclosed]);
    expect(one(doc, 'We can fix it. The film was "Bridge Too Far.').rule).toBe(QUOTE_RULES.unclosed);
  });

  it('unclosed-quote-at-the-end-of-the-article', () => {
    const doc = run('The bridge reopened.\n\nSupt Amir Latif said: "We will act on every report.');
    expect(doc.messages.map((m) => m.rule)).toEqual([QUOTE_RULES.unclosed]);
    expect(doc.quotes).toHaveLength(1);
  });

  it('quotes-never-cross-a-boilerplate-paragraph', () => {
    const doc = run(
      'Supt Amir Latif said: "We will act on every report.\n\nLooking for a job? There are "thousands" available at www.example-jobs.co.uk',
    );
    expect(doc.paragraphs.map((p) => p.boilerplate)).toEqual([false, true]);
    expect(doc.messages.map((m) => m.rule)).toEqual([QUOTE_RULES.unclosed]);
    expect(shown(doc).map((q) => q.content)).toEqual([['We will act on every report.']]);
  });

  it('whole-paragraph-quote-then-cue', () => {
    const doc = run('"We will not be working with vigilantes," said Supt Amir Latif.');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['We will not be working with vigilantes,'] }]);
  });

  it('split-quote-around-cue-gives-two-quotes', () => {
    const doc = run('"We are grateful," she said, "but this is a matter for the police."');
    expect(shown(doc).map((q) => [q.kind, q.rule])).toEqual([
      ['direct', QUOTE_RULES.pair],
      ['direct', QUOTE_RULES.pair],
    ]);
  });
});

describe('findQuoteMarks: term or speech', () => {
  it('scare-quote-after-so-called', () => {
    const doc = run('Wessex Vale Police will not work with so-called "paedophile hunter" groups.');
    expect(shown(doc)).toEqual([{ kind: 'term', rule: QUOTE_RULES.termMarker, content: ['paedophile hunter'] }]);
  });

  it('self-styled-label', () => {
    const doc = run('He was confronted by self-styled \u201Cnon-vigilante paedophile hunter\u201D Gary in Market Street.');
    expect(shown(doc)).toEqual([{ kind: 'term', rule: QUOTE_RULES.termMarker, content: ['non-vigilante paedophile hunter'] }]);
  });

  it('name-in-single-quotes', () => {
    const doc = run("All three were uncovered by the Dorchester-based group 'Safe Streets Watch'.");
    expect(shown(doc)).toEqual([{ kind: 'term', rule: QUOTE_RULES.termTitle, content: ['Safe Streets Watch'] }]);
  });

  it('label-in-narration', () => {
    const doc = run('Wessex Vale Police may consider working with \u2018paedophile hunters\u2019 if it protects children. Volunteers film the \'groomer\' on arrival.');
    expect(shown(doc)).toEqual([
      { kind: 'term', rule: QUOTE_RULES.termShort, content: ['paedophile hunters'] },
      { kind: 'term', rule: QUOTE_RULES.termShort, content: ['groomer'] },
    ]);
  });

  it('fragment-after-reporting-verb', () => {
    const doc = run(
      'Police in Millbrook have warned there are "no plans" to work with vigilantes after the lead officer said the partnership was "something they will potentially have to look at". ' +
        'Forces will \u201Cpotentially\u201D have to work with them, and the force will remain "heavily invested in catching offenders".',
    );
    expect(shown(doc).map((q) => [q.kind, q.rule, q.content[0]])).toEqual([
      ['direct', QUOTE_RULES.fragment, 'no plans'],
      ['direct', QUOTE_RULES.fragment, 'something they will potentially have to look at'],
      ['direct', QUOTE_RULES.fragment, 'potentially'],
      ['direct', QUOTE_RULES.fragment, 'heavily invested in catching offenders'],
    ]);
  });

  it('sentence-quote-without-colon', () => {
    const doc = run('The inspector added that "We will be there every night until the thefts stop."');
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.pair, content: ['We will be there every night until the thefts stop.'] }]);
  });
});

describe('findQuoteMarks: headline', () => {
  it('headline-quote-is-found', () => {
    const doc = run("Police 'will not work with vigilantes'\n\nWessex Vale Police said it had no plans to change.", true);
    expect(doc.headline).not.toBeNull();
    expect(shown(doc)).toEqual([{ kind: 'direct', rule: QUOTE_RULES.fragment, content: ['will not work with vigilantes'] }]);
  });

  it('headline-label-is-a-term', () => {
    const doc = run("'Paedophile hunters' put cases at risk\n\nOfficers said cases had collapsed.", true);
    expect(shown(doc)).toEqual([{ kind: 'term', rule: QUOTE_RULES.termShort, content: ['Paedophile hunters'] }]);
  });

  it('headline-unclosed-quote-does-not-run-into-the-story', () => {
    const doc = run('Police: "No deals with vigilantes\n\n"We are firm on this," said Supt Amir Latif.', true);
    expect(doc.messages.map((m) => m.rule)).toEqual([QUOTE_RULES.unclosed]);
    expect(shown(doc).map((q) => q.content)).toEqual([['No deals with vigilantes'], ['We are firm on this,']]);
  });
});

describe('data/quote-terms.json', () => {
  it('loads, with lower-case entries and no duplicates', () => {
    const terms = loadQuoteTerms();
    for (const list of [terms.termMarkers, terms.fragmentWords, terms.titleConnectors, terms.elisions]) {
      expect(list.length).toBeGreaterThan(0);
      for (const word of list) expect(word).toBe(word.toLowerCase());
      expect(new Set(list).size).toBe(list.length);
    }
    expect(terms.termMarkers).toContain('so-called');
  });
});
