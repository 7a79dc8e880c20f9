/**
 * Stage: quotes in the headline. Headlines are not split into sentences or
 * tokens (they are not body text), so `linkCues` leaves their quotes alone;
 * headline grammar is also its own: no full stops, the verb often dropped.
 * Shapes, each a rule (see `HEADLINE_RULES`):
 *
 * 1. `'We're not going anywhere', says group founder`: a cue after the quote,
 *    the speaker after (or before) the cue.
 * 2. `Charity says child protection 'best left to the police'`: a cue verb
 *    before the quote; the speaker is the words before the verb.
 * 3. `Chief constable 'will not condone' vigilante stings`: no verb; the
 *    words before the quote are its speaker (headline shorthand for "says").
 *
 * Only quotes the earlier stages left without a cue are read; a message
 * marks the ones still unlinked.
 */
import type { Document, Quote, Span } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { QUOTES_STAGE } from './find-quote-marks.js';
import { cueAt, isWord, LINK_RULES, mentionAfter, mentionBefore, span, wordSets, type Tok, type WordSets } from './link-cues.js';

export const HEADLINE_RULES = {
  /** `'...', says X` */
  cueAfter: 'quote.headline.cue-after',
  /** `X says ... '...'` */
  cueBefore: 'quote.headline.cue-before',
  /** `X '...' rest`: the words before the quote are the speaker. */
  subject: 'quote.headline.subject',
} as const;

export const HEADLINE_CONFIDENCE: Readonly<Record<keyof typeof HEADLINE_RULES, number>> = {
  cueAfter: 0.7,
  cueBefore: 0.6,
  subject: 0.4, // "Chief constable 'will not condone' ..." is shorthand; the words before could be a topic, not a speaker
};

export const HEADLINE_SUBJECT_MAX_TOKENS = 5; // "Wessex Vale commissioner" before a quote; longer lead-ins are topics

const TOKEN = /[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*|\S/gu;
const POSSESSIVE = /^(.+?)(['\u2019]s)$/u;
const MARK = /^["'\u201C\u201D\u2018\u2019]+$/u;

/** Tokens of `text[start, end)`, cut as wink-nlp would for headline words: possessives split, punctuation alone. */
export function tokenizeSpan(text: string, start: number, end: number): Tok[] {
  const out: Tok[] = [];
  for (const m of text.slice(start, end).matchAll(TOKEN)) {
    const at = start + (m.index ?? 0);
    const word = m[0];
    const possessive = POSSESSIVE.exec(word);
    const parts = possessive?.[1] !== undefined && possessive[2] !== undefined ? [possessive[1], possessive[2]] : [word];
    let pos = at;
    for (const part of parts) {
      out.push({ start: pos, end: pos + part.length, text: part, lower: part.toLowerCase() });
      pos += part.length;
    }
  }
  return out;
}

interface HeadlineLink {
  cue: Span | null;
  speaker: Span;
  rule: keyof typeof HEADLINE_RULES;
}

/** The words of the headline before and after the quote, without the quote marks. */
function around(toks: readonly Tok[], content: Span): { lead: Tok[]; tail: Tok[] } {
  const lead = toks.filter((t) => t.end <= content.start);
  const tail = toks.filter((t) => t.start >= content.end);
  while (lead.length > 0 && MARK.test(lead[lead.length - 1]?.text ?? '')) lead.pop();
  while (tail.length > 0 && MARK.test(tail[0]?.text ?? '')) tail.shift();
  return { lead, tail };
}

function headlineLink(toks: readonly Tok[], content: Span, words: WordSets): HeadlineLink | null {
  const { lead, tail } = around(toks, content);
  // Shape 1: `'...', says X` / `'...', X says`.
  const t0 = tail[0]?.text === ',' || tail[0]?.text === ':' ? 1 : 0;
  if (cueAt(tail, t0, words) > 0) {
    const speaker = mentionAfter(tail, t0 + 1, words);
    const verb = tail[t0];
    if (speaker !== null && verb !== undefined) return { cue: span(verb, verb), speaker, rule: 'cueAfter' };
  }
  for (let v = t0 + 1; v < tail.length && v <= t0 + HEADLINE_SUBJECT_MAX_TOKENS; v++) {
    if (cueAt(tail, v, words) === 0) continue;
    const speaker = mentionBefore(tail, v, words);
    const verb = tail[v];
    if (speaker !== null && verb !== undefined && speaker.start >= (tail[t0]?.start ?? 0)) return { cue: span(verb, verb), speaker, rule: 'cueAfter' };
    break;
  }
  // Shape 2: `X says ... '...'`.
  for (let v = lead.length - 1; v >= 0; v--) {
    if (cueAt(lead, v, words) === 0) continue;
    const speaker = mentionBefore(lead, v, words);
    const verb = lead[v];
    if (speaker !== null && verb !== undefined) return { cue: span(verb, verb), speaker, rule: 'cueBefore' };
    return null;
  }
  // Shape 3: `X '...' rest`: a short run of words right before the quote.
  const first = lead[0];
  const last = lead[lead.length - 1];
  if (first === undefined || last === undefined || lead.length > HEADLINE_SUBJECT_MAX_TOKENS || !lead.every(isWord) || !/^\p{Lu}/u.test(first.text)) return null;
  if (words.clauseWords.has(last.lower) || words.determiners.has(last.lower)) return null;
  return { cue: null, speaker: span(first, last), rule: 'subject' };
}

/** Headline quotes with their cues and speakers. */
export function linkHeadlineQuotes(doc: Document): Quote[] {
  const headline = doc.headline;
  if (headline === null) return doc.quotes;
  const words = wordSets();
  let toks: Tok[] | null = null;
  return doc.quotes.map((q) => {
    const first = q.content[0];
    if (q.kind === 'term' || q.cue !== null || q.speaker !== null || first === undefined || first.start < headline.start || first.end > headline.end) return q;
    toks ??= tokenizeSpan(doc.text, headline.start, headline.end);
    const link = headlineLink(toks, first, words);
    if (link === null) return q;
    return { ...q, cue: link.cue, speaker: link.speaker, rule: HEADLINE_RULES[link.rule], confidence: Math.min(q.confidence, HEADLINE_CONFIDENCE[link.rule]) };
  });
}

export function linkHeadline(doc: Document, _ctx: StageContext): void {
  const before = doc.quotes;
  doc.quotes = linkHeadlineQuotes(doc);
  const linked = new Set(doc.quotes.filter((q, i) => q !== before[i]).map((q) => q.content[0]?.start));
  // The "no cue found" message of a quote linked here no longer holds.
  doc.messages = doc.messages.filter((m) => !(m.stage === QUOTES_STAGE && m.rule === LINK_RULES.none && m.span !== undefined && linked.has(m.span.start)));
}
