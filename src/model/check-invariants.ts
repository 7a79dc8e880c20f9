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
