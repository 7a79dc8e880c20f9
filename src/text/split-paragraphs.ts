/**
 * Stage: split the article text into paragraphs.
 *
 * Paragraphs are separated by blank lines (a line holding only whitespace is
 * blank). Files that put one paragraph per line get one paragraph per line
 * instead. That is decided per document from the lines that run straight
 * into the next one (no blank line between): when at least half of them end
 * a sentence, the file is one-paragraph-per-line (the usual case: no blank
 * line in the body at all, or only a stray one); when most break
 * mid-sentence, the text is hard-wrapped and its lines are joined. The
 * decision is recorded as an info message; `ctx.onePerLine: true` forces one
 * paragraph per line. The headline span is never a paragraph. Spans are
 * trimmed of surrounding whitespace.
 */
import type { Document, Paragraph, Span } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { isWhitespaceCode, trimSpan } from './whitespace.js';

export const RULE_ONE_PER_LINE = 'text.paragraphs.one-per-line';

interface Line extends Span {
  blank: boolean;
}

/** Lines of `text` between `from` and `to`; `\n`, `\r\n` and a lone `\r` end a line. */
function linesIn(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  let blank = true;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lines.push({ start, end: i, blank });
      if (code === 13 && i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      blank = true;
    } else if (blank && !isWhitespaceCode(code)) {
      blank = false;
    }
  }
  lines.push({ start, end: to, blank });
  return lines;
}

/** The parts of the text paragraphs may come from: everything but the headline. */
function bodyRegions(text: string, headline: Span | null): Span[] {
  if (headline === null) return [{ start: 0, end: text.length }];
  return [
    { start: 0, end: headline.start },
    { start: headline.end, end: text.length },
  ];
}

/** Code units that end a line which ends a sentence: `. ! ? : ; …` and closing quotes and brackets. */
const SENTENCE_END_CODES = new Set([...'.!?:;\u2026"\'\u201D\u2019)]'].map((c) => c.charCodeAt(0)));

export const ONE_PER_LINE_MIN_SHARE = 0.5; // hard-wrapped prose breaks lines mid-sentence (well under half end a sentence); one-paragraph-per-line files end nearly every line with one

interface LineLayout {
  contentLines: number;
  /** Non-blank lines followed directly by another non-blank line of the same region. */
  joined: number;
  /** How many of those end in sentence-final punctuation. */
  joinedEndingSentence: number;
}

function layoutOf(text: string, regions: Line[][]): LineLayout {
  const layout: LineLayout = { contentLines: 0, joined: 0, joinedEndingSentence: 0 };
  for (const lines of regions) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === undefined || line.blank) continue;
      layout.contentLines++;
      const next = lines[i + 1];
      if (next === undefined || next.blank) continue;
      layout.joined++;
      const [, end] = trimSpan(text, line.start, line.end);
      if (SENTENCE_END_CODES.has(text.charCodeAt(end - 1))) layout.joinedEndingSentence++;
    }
  }
  return layout;
}

export function splitParagraphs(doc: Document, ctx: StageContext): void {
  const { text } = doc;
  const regions = bodyRegions(text, doc.headline).map((r) => linesIn(text, r.start, r.end));

  let onePerLine: boolean;
  if (ctx.onePerLine === true) {
    onePerLine = true;
    doc.messages.push({
      stage: 'text',
      rule: RULE_ONE_PER_LINE,
      severity: 'info',
      reason: 'Each line was taken as one paragraph, as the onePerLine option asked.',
    });
  } else {
    const { joined, joinedEndingSentence } = layoutOf(text, regions);
    onePerLine = joined > 0 && joinedEndingSentence >= joined * ONE_PER_LINE_MIN_SHARE;
    if (onePerLine) {
      doc.messages.push({
        stage: 'text',
        rule: RULE_ONE_PER_LINE,
        severity: 'info',
        reason: `${joinedEndingSentence} of the ${joined} lines that run straight into the next line (no blank line between) end a sentence, so each line was taken as one paragraph.`,
      });
    }
  }

  const paragraphs: Paragraph[] = [];
  const push = (start: number, end: number): void => {
    const [s, e] = trimSpan(text, start, end);
    if (s < e) paragraphs.push({ id: `p${paragraphs.length + 1}`, start: s, end: e, boilerplate: false });
  };

  for (const lines of regions) {
    let open: Span | null = null;
    for (const line of lines) {
      if (line.blank) {
        if (open !== null) push(open.start, open.end);
        open = null;
      } else if (onePerLine) {
        push(line.start, line.end);
      } else if (open === null) {
        open = { start: line.start, end: line.end };
      } else {
        open.end = line.end;
      }
    }
    if (open !== null) push(open.start, open.end);
  }

  doc.paragraphs = paragraphs;
}
