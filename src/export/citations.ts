/**
 * Citations: a quote's citation line for researchers' notes, and each article
 * as CSL-JSON (Zotero, pandoc, citeproc) or BibTeX.
 */
import type { ArticleRow } from '../store/store.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The parts of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); null when it is not one. */
export function dateParts(published: string | null): number[] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/u.exec(published ?? '');
  if (m === null) return null;
  const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
  const month = parts[1];
  if (month !== undefined && (month < 1 || month > 12)) return parts.slice(0, 1);
  return parts;
}

/** `14 March 2024`, `March 2024` or `2024`; null when undated. */
export function dateInWords(published: string | null): string | null {
  const parts = dateParts(published);
  if (parts === null) return null;
  const [year, month, day] = parts;
  const monthName = month === undefined ? undefined : MONTHS[month - 1];
  return [day, monthName, year].filter((p) => p !== undefined).join(' ');
}

export interface QuoteCitation {
  /** The speaker's name; null when the speaker is not resolved to an actor. */
  speaker: string | null;
  speakerType: string | null;
  /** The speaker's first title or role in the article ("Deputy Chief Constable", "spokesman"). */
  description: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  url: string | null;
}

/**
 * "Simon Threlfall, Deputy Chief Constable, quoted in Vale Gazette, 14 March
 * 2024, https://..."; an organisation's role reads "Wessex Vale Police
 * spokesman, quoted in ...". Each part is left out when unknown; an article
 * without an outlet is named by its title.
 */
export function quoteCitation(c: QuoteCitation): string {
  const who: string[] = [];
  if (c.speaker !== null && c.speaker !== '') {
    if (c.description === null || c.description === '') who.push(c.speaker);
    else if (c.speakerType === 'organisation') who.push(`${c.speaker} ${c.description}`);
    else who.push(c.speaker, c.description);
  }
  const where = c.outlet !== null && c.outlet !== '' ? c.outlet : c.title !== null && c.title !== '' ? `“${c.title}”` : null;
  const quoted = where === null ? 'quoted' : `quoted in ${where}`;
  const parts = [...who, who.length === 0 ? `${quoted[0]?.toUpperCase() ?? ''}${quoted.slice(1)}` : quoted, dateInWords(c.published), c.url];
  return parts.filter((p): p is string => p !== null && p !== '').join(', ');
}

/** One author from a byline: a given and family name, or a literal (one word, an agency). */
export type Author = { given: string; family: string } | { literal: string };

// Words that make a byline part a job or a desk rather than a name.
const NOT_A_NAME = /\b(?:correspondent|reporter|reporters|editor|writer|staff|journalist|desk|agency|agencies|news|press|team|contributor|columnist|political|chief|senior|home|affairs)\b/iu;

/** The authors a byline names: "By Jane Smith and Tom Lee", "Jane Smith, Crime Reporter". */
export function bylineAuthors(byline: string | null): Author[] {
  if (byline === null) return [];
  const text = byline.replace(/^\s*by\s+/iu, '').trim();
  if (text === '') return [];
  const parts = text
    .split(/[,;&]|\band\b/iu)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const names = parts.filter((p) => !NOT_A_NAME.test(p));
  // A byline that is only a desk or an agency ("Press Association") is its author.
  if (names.length === 0) return [{ literal: text }];
  return names.map((name): Author => {
    const words = name.split(/\s+/u);
    const family = words[words.length - 1];
    return words.length < 2 || family === undefined ? { literal: name } : { given: words.slice(0, -1).join(' '), family };
  });
}

/** The article fields a citation needs. */
export type CitedArticle = Pick<ArticleRow, 'id' | 'title' | 'outlet' | 'published' | 'byline' | 'url'>;

/** A CSL-JSON item: type article-newspaper, id the verbatim article id. */
export function cslItem(a: CitedArticle): Record<string, unknown> {
  const parts = dateParts(a.published);
  const authors = bylineAuthors(a.byline);
  return {
    id: a.id,
    type: 'article-newspaper',
    ...(a.title === null ? {} : { title: a.title }),
    ...(a.outlet === null ? {} : { 'container-title': a.outlet }),
    ...(parts === null ? {} : { issued: { 'date-parts': [parts] } }),
    ...(a.url === null ? {} : { URL: a.url }),
    ...(authors.length === 0 ? {} : { author: authors }),
    note: `verbatim article ${a.id}`,
  };
}

const BIBTEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  // BibTeX counts every brace, escaped or not, to find a field's end: a lone \{ would
  // unbalance the field, so braces are written as commands.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text for a BibTeX field: LaTeX's special characters escaped, whitespace (line breaks too) as single spaces. */
export function bibtexEscape(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/[\\{}%&$#_~^]/gu, (c) => BIBTEX_SPECIALS[c] ?? c);
}

/** A URL for a BibTeX url field (read verbatim by the url package): braces and spaces percent-encoded, nothing else touched. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\s]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A citation key: outlet and year, then the start of the article id (`valegazette2024-a3f9c2d1`). */
export function bibtexKey(a: CitedArticle, taken: Set<string>): string {
  const outlet = (a.outlet ?? 'article').normalize('NFKD').replace(/[^a-z0-9]/giu, '').toLowerCase().slice(0, 24) || 'article';
  const year = dateParts(a.published)?.[0];
  const base = `${outlet}${year ?? ''}-`;
  for (let n = 8; n < a.id.length; n += 4) {
    const key = `${base}${a.id.slice(0, n)}`;
    if (!taken.has(key)) {
      taken.add(key);
      return key;
    }
  }
  const key = `${base}${a.id}`;
  taken.add(key);
  return key;
}

/** One @article entry; `taken` holds the keys used so far (each key is used once). */
export function bibtexEntry(a: CitedArticle, taken: Set<string>): string {
  const parts = dateParts(a.published);
  const authors = bylineAuthors(a.byline);
  const fields: [string, string][] = [];
  if (authors.length > 0) {
    const names = authors.map((au) => ('literal' in au ? `{${bibtexEscape(au.literal)}}` : `${bibtexEscape(au.family)}, ${bibtexEscape(au.given)}`));
    fields.push(['author', names.join(' and ')]);
  }
  // Double braces keep the headline's capitals as they are.
  if (a.title !== null) fields.push(['title', `{${bibtexEscape(a.title)}}`]);
  if (a.outlet !== null) fields.push(['journal', bibtexEscape(a.outlet)]);
  if (parts !== null) {
    fields.push(['date', parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-')]);
    fields.push(['year', String(parts[0])]);
  }
  if (a.url !== null) fields.push(['url', bibtexUrl(a.url)]);
  fields.push(['note', `verbatim article ${bibtexEscape(a.id)}`]);
  return `@article{${bibtexKey(a, taken)},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n`;
}
