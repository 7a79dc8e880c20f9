/**
 * What must hold for every Document, whatever the article: spans in bounds and
 * ordered, ids that resolve, token ranges inside their sentences, boilerplate
 * kept out of the analysis. Run over every output in tests.
 */
import type { Document, Paragraph, Span } from './document.js';

const WHITESPACE = /\s/;

function label(kind: string, i: number, span: Span, id?: string): string {
  return `${kind} ${id ?? `#${i}`} [${span.start}, ${span.end})`;
}

function checkBounds(problems: string[], what: string, span: Span, length: number): boolean {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    problems.push(`${what}: offsets must be integers`);
    return false;
  }
  if (start < 0 || end > length || start > end) {
    problems.push(`${what}: out of bounds or reversed (text length ${length})`);
    return false;
  }
  return true;
}

function checkSortedDisjoint(problems: string[], kind: string, spans: readonly Span[]): void {
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev === undefined || cur === undefined) continue;
    if (cur.start < prev.end) {
      problems.push(`${kind} #${i} [${cur.start}, ${cur.end}) starts before ${kind} #${i - 1} ends at ${prev.end} (unsorted or overlapping)`);
    }
  }
}

function checkTrimmed(problems: string[], what: string, text: string, span: Span): void {
  if (span.start >= span.end) {
    problems.push(`${what}: empty`);
    return;
  }
  if (WHITESPACE.test(text.charAt(span.start)) || WHITESPACE.test(text.charAt(span.end - 1))) {
    problems.push(`${what}: has leading or trailing whitespace`);
  }
}

function checkUniqueIds(problems: string[], kind: string, items: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) problems.push(`${kind} id ${item.id} is used more than once`);
    seen.add(item.id);
  }
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const QUOTE_KINDS = new Set(['direct', 'mixed', 'indirect', 'term']);
/** Kinds whose content is exactly what stands between quote marks. */
const MARKED_KINDS = new Set(['direct', 'term']);
const QUOTE_MARK = /["'\u201C\u201D\u201E\u2018\u2019]/;

/**
 * True when a quote-marked content span starts or ends with a quote mark that
 * is its own: a mark at the edge is allowed only where it opens or closes a
 * quote nested inside, i.e. right after the quote's own opening mark
 * (`"'Tis ...` , `"'Sorry,' he said ..."`) or right before its closing mark
 * (`... you are the Queen,'"`, also with a space between: `'Queen,' "`).
 */
function leaksAMark(text: string, span: Span): boolean {
  let before = span.start - 1;
  while (before >= 0 && WHITESPACE.test(text.charAt(before))) before--;
  let after = span.end;
  while (after < text.length && WHITESPACE.test(text.charAt(after))) after++;
  const startsWithMark = QUOTE_MARK.test(text.charAt(span.start));
  const endsWithMark = QUOTE_MARK.test(text.charAt(span.end - 1));
  return (startsWithMark && !QUOTE_MARK.test(text.charAt(before))) || (endsWithMark && !QUOTE_MARK.test(text.charAt(after)));
}

/**
 * Quotes: ids q1.. in order, content spans in bounds, non-empty, ordered and
 * each inside one story paragraph (or the headline); no two quotes that are
 * not terms overlap; the content of a quote-marked quote neither starts nor
 * ends with its own quote mark (see `leaksAMark`); cue and speaker in bounds.
 */
function checkQuotes(problems: string[], doc: Document): void {
  const { text } = doc;
  const length = text.length;
  const speech: { span: Span; id: string }[] = [];
  let previousStart = -1;
  doc.quotes.forEach((q, i) => {
    const what = `quote ${q.id}`;
    if (q.id !== `q${i + 1}`) problems.push(`quote #${i} has id ${q.id}, expected q${i + 1} (ids run q1, q2, ... in order)`);
    if (!QUOTE_KINDS.has(q.kind)) problems.push(`${what}: unknown kind ${String(q.kind)}`);
    if (typeof q.rule !== 'string' || q.rule === '') problems.push(`${what}: has no rule`);
    if (!(q.confidence >= 0 && q.confidence <= 1)) problems.push(`${what}: confidence ${q.confidence} is not between 0 and 1`);
    if (q.content.length === 0) problems.push(`${what}: has no content span`);
    q.content.forEach((span, j) => {
      const where = `${what} content #${j} [${span.start}, ${span.end})`;
      if (!checkBounds(problems, where, span, length)) return;
      if (span.start === span.end) problems.push(`${where}: empty`);
      const before = q.content[j - 1];
      if (before !== undefined && span.start < before.end) problems.push(`${where}: starts before content #${j - 1} ends (unordered or overlapping)`);
      const inHeadline = doc.headline !== null && span.start >= doc.headline.start && span.end <= doc.headline.end;
      const p = doc.paragraphs.find((para) => span.start >= para.start && span.end <= para.end);
      if (!inHeadline && p === undefined) problems.push(`${where}: not inside one paragraph or the headline`);
      if (p?.boilerplate === true) problems.push(`${where}: lies in boilerplate paragraph ${p.id}`);
      if (MARKED_KINDS.has(q.kind) && span.start < span.end && leaksAMark(text, span)) {
        problems.push(`${where}: starts or ends with its own quote mark (content excludes the marks)`);
      }
      if (q.kind !== 'term') speech.push({ span, id: q.id });
    });
    const first = q.content[0];
    if (first !== undefined) {
      if (first.start < previousStart) problems.push(`${what}: starts before the quote listed before it (quotes must be in text order)`);
      previousStart = first.start;
    }
    if (q.cue !== null) checkBounds(problems, `${what} cue [${q.cue.start}, ${q.cue.end})`, q.cue, length);
    if (q.speaker !== null) checkBounds(problems, `${what} speaker [${q.speaker.start}, ${q.speaker.end})`, q.speaker, length);
  });
  checkUniqueIds(problems, 'quote', doc.quotes);

  speech.sort((a, b) => a.span.start - b.span.start);
  let reach: { span: Span; id: string } | null = null;
  for (const m of speech) {
    if (reach !== null && m.span.start < reach.span.end && m.id !== reach.id) {
      problems.push(`quote ${m.id} overlaps quote ${reach.id} (only terms may overlap other quotes)`);
    }
    if (reach === null || m.span.end > reach.span.end) reach = m;
  }
}

const ACTOR_TYPES: ReadonlySet<string> = new Set(['person', 'organisation', 'unknown']);

/**
 * Actors: ids `x1`, `x2`, ... in order of first mention; a name; at least one
 * mention; every mention and evidence span in bounds, trimmed and ruled;
 * every quote's actor resolves; a quote with an actor has a speaker mention.
 */
function checkActors(problems: string[], doc: Document): void {
  const { text } = doc;
  let previousFirst = -1;
  doc.actors.forEach((a, i) => {
    const what = `actor ${a.id}`;
    if (a.id !== `x${i + 1}`) problems.push(`actor #${i} has id ${a.id}, expected x${i + 1}`);
    if (!ACTOR_TYPES.has(a.type)) problems.push(`${what}: unknown type ${String(a.type)}`);
    if (a.name.trim() === '') problems.push(`${what}: has no name`);
    if (!a.key.startsWith(`${a.type}:`)) problems.push(`${what}: key ${a.key} does not start with its type`);
    if (a.mentions.length === 0) problems.push(`${what}: has no mention`);
    const first = a.mentions[0];
    if (first !== undefined) {
      if (first.start < previousFirst) problems.push(`${what}: first mentioned before the actor listed before it`);
      previousFirst = first.start;
    }
    const spans: [string, Span & { rule: string }][] = [
      ...a.mentions.map((m, j): [string, Span & { rule: string }] => [`${what} mention #${j}`, m]),
      ...[...a.titles, ...a.roles, ...a.organisations].map((e, j): [string, Span & { rule: string }] => [`${what} evidence #${j}`, e]),
    ];
    for (const [where, span] of spans) {
      if (!checkBounds(problems, `${where} [${span.start}, ${span.end})`, span, text.length)) continue;
      checkTrimmed(problems, `${where} [${span.start}, ${span.end})`, text, span);
      if (typeof span.rule !== 'string' || span.rule === '') problems.push(`${where}: has no rule`);
    }
  });
  checkUniqueIds(problems, 'actor', doc.actors);
  const ids = new Set(doc.actors.map((a) => a.id));
  for (const q of doc.quotes) {
    if (q.actor === null) continue;
    if (!ids.has(q.actor)) problems.push(`quote ${q.id}: actor ${q.actor} is not in actors`);
    if (q.speaker === null) problems.push(`quote ${q.id}: has an actor but no speaker mention`);
  }
}

/**
 * Statements and figures: ids in order (`t1`..., `f1`...), spans in bounds and
 * trimmed, every cue and piece of evidence ruled, actors, quotes and part-of
 * links resolving.
 */
function checkStancesAndFigures(problems: string[], doc: Document): void {
  const { text } = doc;
  const actors = new Set(doc.actors.map((a) => a.id));
  const quotes = new Set(doc.quotes.map((q) => q.id));
  doc.statements.forEach((st, i) => {
    const what = `statement ${st.id}`;
    if (st.id !== `t${i + 1}`) problems.push(`statement #${i} has id ${st.id}, expected t${i + 1}`);
    if (checkBounds(problems, what, st, text.length)) checkTrimmed(problems, what, text, st);
    if (st.actor !== null && !actors.has(st.actor)) problems.push(`${what}: actor ${st.actor} is not in actors`);
    if (st.quote !== null && !quotes.has(st.quote)) problems.push(`${what}: quote ${st.quote} is not in quotes`);
    st.cues.forEach((c, j) => {
      checkBounds(problems, `${what} cue #${j}`, c, text.length);
      if (c.rule === '') problems.push(`${what} cue #${j}: has no rule`);
    });
  });
  const figures = new Set(doc.statistics.map((f) => f.id));
  doc.statistics.forEach((f, i) => {
    const what = `figure ${f.id}`;
    if (f.id !== `f${i + 1}`) problems.push(`figure #${i} has id ${f.id}, expected f${i + 1}`);
    if (checkBounds(problems, what, f, text.length)) checkTrimmed(problems, what, text, f);
    for (const [name, e] of [['what', f.what], ['period', f.period], ['place', f.place], ['source', f.source]] as const) {
      if (e !== null && checkBounds(problems, `${what} ${name}`, e, text.length) && e.rule === '') problems.push(`${what} ${name}: has no rule`);
    }
    if (f.partOf !== null && !figures.has(f.partOf)) problems.push(`${what}: part of ${f.partOf}, which is not a figure`);
    if (f.source?.actor != null && !actors.has(f.source.actor)) problems.push(`${what}: source actor ${f.source.actor} is not in actors`);
  });
}

/** Every problem found in `doc`; an empty list when all invariants hold. */
export function checkInvariants(doc: Document): string[] {
  const problems: string[] = [];
  const { text } = doc;
  const length = text.length;

  if (doc.headline !== null) checkBounds(problems, 'headline', doc.headline, length);

  doc.paragraphs.forEach((p, i) => {
    const what = label('paragraph', i, p, p.id);
    if (checkBounds(problems, what, p, length)) checkTrimmed(problems, what, text, p);
    if (doc.headline !== null && overlaps(p, doc.headline)) problems.push(`${what}: overlaps the headline`);
  });
  checkSortedDisjoint(problems, 'paragraph', doc.paragraphs);
  checkUniqueIds(problems, 'paragraph', doc.paragraphs);

  doc.tokens.forEach((t, i) => {
    const what = label('token', i, t);
    if (checkBounds(problems, what, t, length) && t.start === t.end) problems.push(`${what}: empty`);
  });
  checkSortedDisjoint(problems, 'token', doc.tokens);

  const paragraphById = new Map<string, Paragraph>();
  for (const p of doc.paragraphs) paragraphById.set(p.id, p);

  doc.sentences.forEach((s, i) => {
    const what = label('sentence', i, s, s.id);
    if (checkBounds(problems, what, s, length)) checkTrimmed(problems, what, text, s);
    const p = paragraphById.get(s.paragraph);
    if (p === undefined) {
      problems.push(`${what}: paragraph ${s.paragraph} does not exist`);
    } else {
      if (s.start < p.start || s.end > p.end) problems.push(`${what}: not inside its paragraph ${p.id}`);
      if (p.boilerplate) problems.push(`${what}: lies in boilerplate paragraph ${p.id}`);
    }
    const { firstToken, endToken } = s;
    if (!Number.isInteger(firstToken) || !Number.isInteger(endToken) || firstToken < 0 || endToken > doc.tokens.length) {
      problems.push(`${what}: token range [${firstToken}, ${endToken}) outside the ${doc.tokens.length} tokens`);
    } else if (firstToken >= endToken) {
      problems.push(`${what}: token range [${firstToken}, ${endToken}) is empty`);
    } else {
      const first = doc.tokens[firstToken];
      const last = doc.tokens[endToken - 1];
      if (first !== undefined && last !== undefined && (first.start < s.start || last.end > s.end)) {
        problems.push(`${what}: tokens ${firstToken}..${endToken - 1} reach outside the sentence`);
      }
    }
  });
  checkSortedDisjoint(problems, 'sentence', doc.sentences);
  checkUniqueIds(problems, 'sentence', doc.sentences);

  const boilerplateParagraphs = new Set<string>();
  doc.boilerplate.forEach((b, i) => {
    const what = label('boilerplate', i, b);
    checkBounds(problems, what, b, length);
    const p = doc.paragraphs.find((q) => q.start === b.start && q.end === b.end);
    if (p === undefined) problems.push(`${what}: does not coincide with a paragraph`);
    else if (!p.boilerplate) problems.push(`${what}: paragraph ${p.id} is not flagged boilerplate`);
    else boilerplateParagraphs.add(p.id);
  });
  for (const p of doc.paragraphs) {
    if (p.boilerplate && !boilerplateParagraphs.has(p.id)) {
      problems.push(`paragraph ${p.id} is flagged boilerplate but has no boilerplate span`);
    }
  }

  checkQuotes(problems, doc);
  checkActors(problems, doc);
  checkStancesAndFigures(problems, doc);

  doc.messages.forEach((m, i) => {
    if (m.span !== undefined) checkBounds(problems, `message #${i} (${m.rule}) span [${m.span.start}, ${m.span.end})`, m.span, length);
  });

  return problems;
}

/** Throws an Error listing every problem; for tests and debugging. */
export function assertInvariants(doc: Document): void {
  const problems = checkInvariants(doc);
  if (problems.length > 0) {
    throw new Error(`Document ${doc.id} breaks ${problems.length} invariant(s):\n- ${problems.join('\n- ')}`);
  }
}
