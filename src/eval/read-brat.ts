/**
 * Read a gold corpus in the PolNeAR layout: `<dir>/text/<article>.txt` and
 * `<dir>/attributions/<article>_<annotator>.ann` (brat standoff), plus an
 * optional `metadata.tsv` (in `<dir>` or its parent) naming each article's
 * publisher.
 *
 * Broken lines and annotations whose text does not match the article are
 * problems, reported with file and line; reading goes on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalProblem, GoldAttribution, Span } from './types.js';

/** One annotator's file for one article. */
export interface BratAnnotation {
  annotator: string;
  file: string;
  attributions: GoldAttribution[];
  /** `E` lines read, including any left out of `attributions` for want of content. */
  relations: number;
}

export interface BratArticle {
  /** File name without `.txt`, e.g. `breitbart_2016-09-12_stealth-over-health-hillary-clin`. */
  name: string;
  publisher: string;
  text: string;
  /** Every annotator's file, in name order: the first is the gold scored, the others estimate human agreement. */
  annotations: BratAnnotation[];
}

export interface BratCorpus {
  dir: string;
  articles: BratArticle[];
  problems: EvalProblem[];
}

/** Labels that carry the parts of an attribution. */
const PART_LABELS = new Set(['Source', 'Cue', 'Content']);
/** Labels PolNeAR uses as anchors (`Attribution`, `Attribution-no-source`) or review flags (`Discuss`, `Discard`): read, not scored. */
const IGNORED_LABELS = new Set(['Attribution', 'Attribution-no-source', 'Discuss', 'Discard']);
/** Start of a brat standoff line: T (text-bound), E (event), R, A, M, N, * or # (note) and a tab. */
const STANDOFF_LINE = /^(?:[TERAMN]\d+|\*|#\d*)\t/;
/** brat writes the text of a discontinuous annotation with its ranges joined by one space. */
const DISCONTINUOUS_JOINER = ' ';

interface TextBound {
  label: string;
  spans: Span[];
  line: number;
}

/** The publisher of a PolNeAR article: its name up to the first `_` (`breitbart_2015-11-11_...` → `breitbart`). */
export function publisherFromName(name: string): string {
  const cut = name.indexOf('_');
  return cut === -1 ? name : name.slice(0, cut);
}

/**
 * Parse one `.ann` file against its article text. Pure: `file` only names
 * the file in problems.
 */
export function parseBratAnnotations(
  ann: string,
  text: string,
  file: string,
): { attributions: GoldAttribution[]; relations: number; problems: EvalProblem[] } {
  const problems: EvalProblem[] = [];
  const textBounds = new Map<string, TextBound>();
  const events: { id: string; roles: string; line: number }[] = [];
  const lines = ann.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();

  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    index++;
    if (line.trim() === '') continue;
    if (!STANDOFF_LINE.test(line)) {
      problems.push({ file, line: lineNumber, rule: 'eval.brat.broken-line', reason: `line ${lineNumber} is not a brat standoff line and was skipped: ${clipText(line)}` });
      continue;
    }
    const kind = line.charAt(0);
    if (kind === 'T') {
      // An annotated text holding line breaks runs on over the next lines.
      let annotated = line;
      while (index < lines.length && !STANDOFF_LINE.test(lines[index] ?? '')) {
        annotated += `\n${lines[index] ?? ''}`;
        index++;
      }
      const parsed = parseTextBound(annotated, text, file, lineNumber, problems);
      if (parsed) textBounds.set(parsed.id, parsed.bound);
    } else if (kind === 'E') {
      const [id = '', roles = ''] = line.split('\t');
      events.push({ id, roles, line: lineNumber });
    }
    // R, A, M, N, * and # (annotator notes) lines carry nothing scored.
  }

  const attributions: GoldAttribution[] = [];
  for (const event of events) {
    const attribution = readEvent(event, textBounds, file, problems);
    if (attribution) attributions.push(attribution);
  }
  return { attributions, relations: events.length, problems };
}

function parseTextBound(
  line: string,
  text: string,
  file: string,
  lineNumber: number,
  problems: EvalProblem[],
): { id: string; bound: TextBound } | null {
  const firstTab = line.indexOf('\t');
  const secondTab = line.indexOf('\t', firstTab + 1);
  const broken = (why: string): null => {
    problems.push({ file, line: lineNumber, rule: 'eval.brat.broken-line', reason: `line ${lineNumber}: ${why}; the annotation was skipped: ${clipText(line)}` });
    return null;
  };
  if (secondTab === -1) return broken('a T line needs three tab-separated fields (id, label and ranges, text)');
  const id = line.slice(0, firstTab);
  const middle = line.slice(firstTab + 1, secondTab);
  const annotated = line.slice(secondTab + 1);
  const space = middle.indexOf(' ');
  if (space === -1) return broken('no character ranges after the label');
  const label = middle.slice(0, space);
  const spans: Span[] = [];
  for (const range of middle.slice(space + 1).split(';')) {
    const [start, end, ...extra] = range.trim().split(' ').map(Number);
    if (start === undefined || end === undefined || extra.length > 0 || !Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
      return broken(`the range ${JSON.stringify(range)} is not two whole numbers`);
    }
    if (start < 0 || end < start || end > text.length) {
      return broken(`the range ${start}-${end} lies outside the article text (${text.length} characters)`);
    }
    spans.push({ start, end });
  }
  if (!PART_LABELS.has(label) && !IGNORED_LABELS.has(label)) {
    problems.push({ file, line: lineNumber, rule: 'eval.brat.unknown-label', reason: `line ${lineNumber}: label ${JSON.stringify(label)} is not one PolNeAR uses; it is kept but never scored` });
  }
  const expected = spans.map((span) => text.slice(span.start, span.end)).join(DISCONTINUOUS_JOINER);
  if (expected !== annotated && expected.trimEnd() !== annotated.trimEnd()) {
    problems.push({
      file,
      line: lineNumber,
      rule: 'eval.brat.text-mismatch',
      reason: `line ${lineNumber}: ${id} says ${JSON.stringify(clipText(annotated))} but the article has ${JSON.stringify(clipText(expected))} at those offsets; the offsets are used`,
    });
  }
  return { id, bound: { label, spans, line: lineNumber } };
}

function readEvent(
  event: { id: string; roles: string; line: number },
  textBounds: Map<string, TextBound>,
  file: string,
  problems: EvalProblem[],
): GoldAttribution | null {
  const content: Span[] = [];
  const cue: Span[] = [];
  let source: Span[] | null = null;
  for (const role of event.roles.split(' ').filter((part) => part !== '')) {
    const colon = role.indexOf(':');
    const name = withoutNumber(role.slice(0, colon));
    const target = role.slice(colon + 1);
    if (colon === -1) {
      problems.push({ file, line: event.line, rule: 'eval.brat.broken-line', reason: `line ${event.line}: ${JSON.stringify(role)} is not Role:Id; ignored` });
      continue;
    }
    if (name === 'Attribution' || name === 'Attribution-no-source') continue;
    const bound = textBounds.get(target);
    if (!bound) {
      problems.push({ file, line: event.line, rule: 'eval.brat.missing-annotation', reason: `line ${event.line}: ${event.id} points to ${target}, which the file does not define (or which was skipped); that part is left out` });
      continue;
    }
    if (name === 'Content') content.push(...bound.spans);
    else if (name === 'Cue') cue.push(...bound.spans);
    else if (name === 'Source') source = [...(source ?? []), ...bound.spans];
  }
  if (content.length === 0) {
    problems.push({ file, line: event.line, rule: 'eval.brat.no-content', reason: `line ${event.line}: ${event.id} has no Content, so it cannot be scored; it is left out` });
    return null;
  }
  const byStart = (a: Span, b: Span): number => a.start - b.start || a.end - b.end;
  return { id: event.id, content: content.sort(byStart), source: source === null ? null : [...source].sort(byStart), cue: cue.sort(byStart) };
}

/** A role without its repeat number: brat names a second Content `Content2`. */
function withoutNumber(role: string): string {
  let end = role.length;
  while (end > 0 && /\d/.test(role.charAt(end - 1))) end--;
  return role.slice(0, end);
}

/**
 * Publishers from a PolNeAR `metadata.tsv` (header row with `filename` and
 * `publisher` columns), by article name. Problems when the columns are missing.
 */
export function parseMetadata(tsv: string, file: string): { publishers: Map<string, string>; problems: EvalProblem[] } {
  const publishers = new Map<string, string>();
  const [header = '', ...rows] = tsv.split(/\r?\n/);
  const columns = header.split('\t');
  const nameColumn = columns.indexOf('filename');
  const publisherColumn = columns.indexOf('publisher');
  if (nameColumn === -1 || publisherColumn === -1) {
    return {
      publishers,
      problems: [{ file, line: 1, rule: 'eval.brat.metadata-columns', reason: `the header has no "filename" and "publisher" columns; publishers are taken from article names instead` }],
    };
  }
  for (const row of rows) {
    const cells = row.split('\t');
    const name = cells[nameColumn];
    const publisher = cells[publisherColumn];
    if (name && publisher) publishers.set(name, publisher);
  }
  return { publishers, problems: [] };
}

/** Read a whole corpus folder. Throws only when the folder itself is missing or holds no `text/` folder. */
export function readBratCorpus(dir: string): BratCorpus {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new Error(`${dir} is not a PolNeAR-style corpus: it needs text/<article>.txt and attributions/<article>_<annotator>.ann (is ../shared/corpora mounted?)`);
  }
  const problems: EvalProblem[] = [];
  let publishers = new Map<string, string>();
  const metadataFile = [path.join(dir, 'metadata.tsv'), path.join(dir, '..', 'metadata.tsv')].find((file) => existsSync(file));
  if (metadataFile) {
    const metadata = parseMetadata(readFileSync(metadataFile, 'utf8'), metadataFile);
    publishers = metadata.publishers;
    problems.push(...metadata.problems);
  }

  const annFiles = new Map<string, string[]>();
  for (const file of readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort()) {
    const cut = file.lastIndexOf('_');
    if (cut === -1) {
      problems.push({ file: path.join(annDir, file), rule: 'eval.brat.file-name', reason: 'an annotation file must be named <article>_<annotator>.ann; skipped' });
      continue;
    }
    const article = file.slice(0, cut);
    annFiles.set(article, [...(annFiles.get(article) ?? []), file]);
  }

  const articles: BratArticle[] = [];
  const textNames = readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort();
  for (const textName of textNames) {
    const name = textName.slice(0, -'.txt'.length);
    const text = readFileSync(path.join(textDir, textName), 'utf8');
    const files = annFiles.get(name) ?? [];
    annFiles.delete(name);
    if (files.length === 0) {
      problems.push({ file: path.join(textDir, textName), rule: 'eval.brat.no-annotations', reason: `no attributions/${name}_<annotator>.ann file; the article is not scored` });
      continue;
    }
    const annotations = files.map((file): BratAnnotation => {
      const full = path.join(annDir, file);
      const parsed = parseBratAnnotations(readFileSync(full, 'utf8'), text, full);
      problems.push(...parsed.problems);
      return { annotator: file.slice(name.length + 1, -'.ann'.length), file: full, attributions: parsed.attributions, relations: parsed.relations };
    });
    articles.push({ name, publisher: publishers.get(name) ?? publisherFromName(name), text, annotations });
  }
  for (const [article, files] of annFiles) {
    problems.push({ file: path.join(annDir, files[0] ?? article), rule: 'eval.brat.no-text', reason: `no text/${article}.txt for ${files.length} annotation file(s); not scored` });
  }
  return { dir, articles, problems };
}

const CLIP_CHARS = 80; // enough of a line to recognise it in a problem list

function clipText(text: string): string {
  return text.length <= CLIP_CHARS ? text : `${text.slice(0, CLIP_CHARS - 1)}…`;
}
