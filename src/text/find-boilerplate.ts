/**
 * Stage: flag site furniture (job adverts, "Click here", "Share this
 * article", copyright lines, photo credits) at the start or end of the
 * article. Paragraphs are scanned backwards from the end and forwards from
 * the start while they match a furniture pattern from
 * `data/boilerplate.json`; the first story paragraph stops the scan, so
 * nothing in the middle of an article is ever flagged.
 */
import { readFileSync } from 'node:fs';
import type { Boilerplate, BoilerplateKind, Document, Paragraph } from '../model/document.js';
import type { StageContext } from '../pipeline.js';
import { countWords } from './whitespace.js';

export const MAX_FURNITURE_WORDS = 40; // furniture is a line or two; a longer paragraph is story text even if it opens like furniture

export const BOILERPLATE_RULE_PREFIX = 'text.boilerplate.';

const BOILERPLATE_KINDS: readonly BoilerplateKind[] = [
  'advert',
  'link',
  'share',
  'read-more',
  'newsletter',
  'copyright',
  'photo-credit',
];

const DATA_FILE = new URL('../../data/boilerplate.json', import.meta.url);

/** One entry of `data/boilerplate.json`. */
export interface BoilerplatePatternSource {
  id: string;
  kind: BoilerplateKind;
  source: string;
  flags: string;
  maxWords?: number;
}

interface BoilerplatePattern {
  rule: string;
  kind: BoilerplateKind;
  regex: RegExp;
  maxWords: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is BoilerplateKind {
  return typeof value === 'string' && (BOILERPLATE_KINDS as readonly string[]).includes(value);
}

/** Reads and validates the pattern file; throws with the entry at fault when it is malformed. */
export function loadBoilerplatePatterns(url: URL = DATA_FILE): BoilerplatePatternSource[] {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (!isRecord(data) || !Array.isArray(data.patterns)) {
    throw new Error(`${url.pathname}: expected an object with a "patterns" array`);
  }
  const seen = new Set<string>();
  return data.patterns.map((entry: unknown, i: number): BoilerplatePatternSource => {
    const where = `${url.pathname}: patterns[${i}]`;
    if (!isRecord(entry)) throw new Error(`${where} is not an object`);
    const { id, kind, source, flags, maxWords } = entry;
    if (typeof id !== 'string' || id === '') throw new Error(`${where}: "id" must be a non-empty string`);
    if (seen.has(id)) throw new Error(`${where}: id "${id}" is used twice`);
    seen.add(id);
    if (!isKind(kind)) throw new Error(`${where} (${id}): "kind" must be one of ${BOILERPLATE_KINDS.join(', ')}`);
    if (typeof source !== 'string' || source === '') throw new Error(`${where} (${id}): "source" must be a regular expression source`);
    if (typeof flags !== 'string' || /[gy]/.test(flags)) throw new Error(`${where} (${id}): "flags" must be a string without g or y`);
    if (maxWords !== undefined && (typeof maxWords !== 'number' || !Number.isInteger(maxWords) || maxWords < 1)) {
      throw new Error(`${where} (${id}): "maxWords" must be a positive integer`);
    }
    return maxWords === undefined ? { id, kind, source, flags } : { id, kind, source, flags, maxWords };
  });
}

let patterns: BoilerplatePattern[] | null = null;

function compiledPatterns(): BoilerplatePattern[] {
  if (patterns === null) {
    patterns = loadBoilerplatePatterns().map((p) => ({
      rule: `${BOILERPLATE_RULE_PREFIX}${p.id}`,
      kind: p.kind,
      regex: new RegExp(p.source, p.flags),
      maxWords: Math.min(p.maxWords ?? MAX_FURNITURE_WORDS, MAX_FURNITURE_WORDS),
    }));
  }
  return patterns;
}

/** The furniture pattern a paragraph matches, or null when it is story text. */
function matchFurniture(text: string, p: Paragraph, all: readonly BoilerplatePattern[]): BoilerplatePattern | null {
  const words = countWords(text, p.start, p.end);
  if (words > MAX_FURNITURE_WORDS) return null;
  const body = text.slice(p.start, p.end);
  for (const pattern of all) {
    if (words <= pattern.maxWords && pattern.regex.test(body)) return pattern;
  }
  return null;
}

export function findBoilerplate(doc: Document, _ctx: StageContext): void {
  const all = compiledPatterns();
  const { paragraphs, text } = doc;
  const found = new Map<number, BoilerplatePattern>();

  let end = paragraphs.length;
  while (end > 0) {
    const p = paragraphs[end - 1];
    const match = p === undefined ? null : matchFurniture(text, p, all);
    if (match === null) break;
    found.set(end - 1, match);
    end--;
  }
  for (let i = 0; i < end; i++) {
    const p = paragraphs[i];
    const match = p === undefined ? null : matchFurniture(text, p, all);
    if (match === null) break;
    found.set(i, match);
  }

  const boilerplate: Boilerplate[] = [];
  paragraphs.forEach((p, i) => {
    const match = found.get(i);
    p.boilerplate = match !== undefined;
    if (match === undefined) return;
    boilerplate.push({ start: p.start, end: p.end, kind: match.kind, rule: match.rule });
  });
  doc.boilerplate = boilerplate;
}
