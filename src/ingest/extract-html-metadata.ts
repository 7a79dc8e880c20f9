/**
 * Article metadata from a page: <meta> tags, JSON-LD, Readability's findings
 * and a few conventional elements. For each field the first source that has
 * a usable value wins; the order is the one in each `*_SOURCES` comment.
 */
import type { Message } from '../model/document.js';
import { foldWhitespace } from './extract-html-text.js';
import { isJsonLdScript, type DomDocument, type DomElement } from './parse-html-document.js';
import { parseDate } from './parse-date.js';

/** What Readability found, used between the page's own metadata and the fallbacks. */
export interface ReadabilityFindings {
  title: string | null;
  byline: string | null;
}

export interface HtmlMetadata {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  messages: Message[];
}

// schema.org types whose datePublished/author are the article's (NewsArticle and its subtypes, Article).
const ARTICLE_TYPES: ReadonlySet<string> = new Set([
  'Article', 'NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'BackgroundNewsArticle',
  'OpinionNewsArticle', 'ReviewNewsArticle',
]);
const DATE_META_NAMES = ['date', 'pubdate', 'publish-date', 'dc.date'];
const DEFAULT_LANGUAGE = 'en';
const PRIMARY_LANGUAGE = /^[a-z]{2,3}$/; // ISO 639 codes; anything else in lang="" is not a language we can name
const AUTHOR_SEPARATOR = ', ';

interface JsonLdArticle {
  datePublished: string | null;
  authors: string[];
  publisher: string | null;
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const folded = foldWhitespace(value);
  return folded === '' ? null : folded;
}

function firstOf(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const cleaned = clean(value);
    if (cleaned !== null) return cleaned;
  }
  return null;
}

function all(document: DomDocument, selectors: string): DomElement[] {
  return Array.from(document.querySelectorAll(selectors));
}

/** `<meta>` content by lower-cased property / name / itemprop; the first tag for a key wins. */
function readMetaTags(document: DomDocument): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of all(document, 'meta')) {
    const content = clean(meta.getAttribute('content'));
    if (content === null) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key !== undefined && key !== '' && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArticle(node: Record<string, unknown>): boolean {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((entry) => typeof entry === 'string' && ARTICLE_TYPES.has(entry));
}

function names(value: unknown): string[] {
  if (typeof value === 'string') {
    const name = clean(value);
    return name === null ? [] : [name];
  }
  if (Array.isArray(value)) return value.flatMap(names);
  if (isRecord(value)) return names(value.name);
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // a broken JSON-LD block is ignored; the other sources still count
  }
}

/** The first article object in the page's JSON-LD blocks, looking inside arrays and `@graph`. */
function readJsonLd(document: DomDocument): JsonLdArticle | null {
  const queue: unknown[] = all(document, 'script')
    .filter(isJsonLdScript)
    .map((script) => parseJson(script.textContent ?? ''));
  while (queue.length > 0) {
    const next = queue.shift();
    if (Array.isArray(next)) queue.push(...(next as unknown[]));
    if (!isRecord(next)) continue;
    if (Array.isArray(next['@graph'])) queue.push(...(next['@graph'] as unknown[]));
    if (!isArticle(next)) continue;
    const date = next.datePublished;
    return {
      datePublished: typeof date === 'string' ? date : null,
      authors: names(next.author),
      publisher: names(next.publisher)[0] ?? null,
    };
  }
  return null;
}

/** The first itemprop=datePublished value: a content or datetime attribute, else the element's text. */
function itempropDate(document: DomDocument): string | null {
  const element = document.querySelector('[itemprop="datePublished"]');
  if (element === null) return null;
  return firstOf(element.getAttribute('content'), element.getAttribute('datetime'), element.textContent);
}

function canonicalLink(document: DomDocument): string | null {
  const link = all(document, 'link[rel]').find((element) =>
    (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  return clean(link?.getAttribute('href'));
}

function language(document: DomDocument): string {
  const primary = (document.documentElement?.getAttribute('lang') ?? '').trim().split(/[-_]/)[0]?.toLowerCase();
  return primary !== undefined && PRIMARY_LANGUAGE.test(primary) ? primary : DEFAULT_LANGUAGE;
}

/** The first candidate that parses as a date; a warning when some were given but none parsed. */
function publishedDate(candidates: Array<[string, string | null]>): { published: string | null; messages: Message[] } {
  const given = candidates.filter((candidate): candidate is [string, string] => candidate[1] !== null);
  for (const [, value] of given) {
    const published = parseDate(value);
    if (published !== null) return { published, messages: [] };
  }
  const [source, value] = given[0] ?? [];
  if (source === undefined) return { published: null, messages: [] };
  return {
    published: null,
    messages: [
      {
        stage: 'ingest',
        rule: 'ingest.date.unparsed',
        severity: 'warning',
        reason: `could not read the publication date "${value}" (from ${source}) as a date`,
      },
    ],
  };
}

export function extractHtmlMetadata(document: DomDocument, found: ReadabilityFindings): HtmlMetadata {
  const meta = readMetaTags(document);
  const jsonLd = readJsonLd(document);
  const firstTime = document.querySelector('time[datetime]');

  // Date sources: article:published_time, og:published_time, meta date/pubdate/publish-date/dc.date,
  // itemprop=datePublished, JSON-LD datePublished, the first <time datetime>.
  const { published, messages } = publishedDate([
    ['meta article:published_time', meta.get('article:published_time') ?? null],
    ['meta og:published_time', meta.get('og:published_time') ?? null],
    ...DATE_META_NAMES.map((name): [string, string | null] => [`meta ${name}`, meta.get(name) ?? null]),
    ['itemprop datePublished', itempropDate(document)],
    ['JSON-LD datePublished', clean(jsonLd?.datePublished)],
    ['<time datetime>', clean(firstTime?.getAttribute('datetime'))],
  ]);

  const jsonLdAuthors = jsonLd === null || jsonLd.authors.length === 0 ? null : jsonLd.authors.join(AUTHOR_SEPARATOR);
  return {
    // Title sources: og:title, Readability's title, <title>.
    title: firstOf(meta.get('og:title'), found.title, document.querySelector('title')?.textContent),
    // Byline sources: meta author, JSON-LD author names, Readability's byline, rel=author, .byline.
    byline: firstOf(
      meta.get('author'),
      jsonLdAuthors,
      found.byline,
      document.querySelector('[rel~="author"]')?.textContent,
      document.querySelector('.byline')?.textContent,
    ),
    // Outlet sources: og:site_name, JSON-LD publisher name.
    outlet: firstOf(meta.get('og:site_name'), jsonLd?.publisher),
    published,
    // URL sources: link rel=canonical, og:url.
    url: firstOf(canonicalLink(document), meta.get('og:url')),
    language: language(document),
    messages,
  };
}
