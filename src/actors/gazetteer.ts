/**
 * Gazetteers: known organisations with their canonical names, aliases and
 * areas, as data files (`data/gazetteers/*.json`; users add their own packs
 * in the same shape). The actors stage uses them to find organisations the
 * capitalised-run rules miss ("the Met", "NPCC"), to give every alias one
 * canonical name, and to turn a force's area into the force ("Norfolk's
 * Chief Constable" works for Norfolk Constabulary).
 */
import { readFileSync } from 'node:fs';

export interface GazetteerEntry {
  /** Stable id (`police/norfolk`): the same organisation in every article. */
  id: string;
  name: string;
  type: string;
  area?: string;
  aliases: string[];
}

export interface AliasMatch {
  entry: GazetteerEntry;
  /** Length in characters of the alias as matched in the text. */
  length: number;
}

const DEFAULT_PACKS = [
  new URL('../../data/gazetteers/uk-police.json', import.meta.url),
  new URL('../../data/gazetteers/uk-politics.json', import.meta.url),
];
const APOSTROPHES = /[\u2018\u2019]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Fold curly apostrophes, so "Chiefs’ Council" and "Chiefs' Council" are one form. */
function fold(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

function firstWord(form: string): string {
  return (/^[^\s']+/u.exec(form)?.[0] ?? form).toLowerCase();
}

export class Gazetteer {
  private readonly byForm = new Map<string, GazetteerEntry>();
  private readonly byFirstWord = new Map<string, string[]>();
  private readonly forceByArea = new Map<string, GazetteerEntry>();

  constructor(entries: readonly GazetteerEntry[]) {
    for (const entry of entries) {
      const forms = [entry.name, ...entry.aliases];
      if (entry.type === 'police-force' && entry.area !== undefined) {
        forms.push(`${entry.area} force`);
        this.forceByArea.set(entry.area.toLowerCase(), entry);
      }
      for (const form of forms) {
        const folded = fold(form);
        this.byForm.set(folded.toLowerCase(), entry);
        const key = firstWord(folded);
        const list = this.byFirstWord.get(key) ?? [];
        list.push(folded);
        this.byFirstWord.set(key, list.sort((a, b) => b.length - a.length));
      }
    }
  }

  /** The entry a whole name is a form of (case-insensitive), if any. */
  lookup(name: string): GazetteerEntry | undefined {
    return this.byForm.get(fold(name).replace(/^the\s+/iu, '').toLowerCase()) ?? this.byForm.get(fold(name).toLowerCase());
  }

  /** The police force of an area ("Norfolk" -> Norfolk Constabulary). */
  forceOf(area: string): GazetteerEntry | undefined {
    return this.forceByArea.get(fold(area).toLowerCase());
  }

  /**
   * The longest alias starting at `pos` in `text`, written as the gazetteer
   * writes it (an opening "the" may be capitalised) and ending at a word
   * boundary.
   */
  matchAt(text: string, pos: number, word: string): AliasMatch | null {
    const forms = this.byFirstWord.get(fold(word).toLowerCase());
    if (forms === undefined) return null;
    for (const form of forms) {
      const written = fold(text.slice(pos, pos + form.length));
      const same = written === form || (form.startsWith('the ') && written === `The ${form.slice(4)}`);
      if (!same || WORD_CHAR.test(text.charAt(pos + form.length))) continue;
      const entry = this.byForm.get(form.toLowerCase());
      if (entry !== undefined) return { entry, length: form.length };
    }
    return null;
  }
}

/** A gazetteer pack that cannot be used: the message names the file and the entry. */
export class GazetteerError extends Error {
  override name = 'GazetteerError';
}

function readPack(url: URL | string): GazetteerEntry[] {
  const where = typeof url === 'string' ? url : url.pathname;
  let data: { entries?: unknown };
  try {
    data = JSON.parse(readFileSync(url, 'utf8')) as { entries?: unknown };
  } catch (error) {
    throw new GazetteerError(`gazetteer ${where}: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null) throw new GazetteerError(`gazetteer ${where}: expected a JSON object with "entries"`);
  if (!Array.isArray(data.entries)) throw new GazetteerError(`gazetteer ${where}: "entries" must be a list`);
  return data.entries.map((raw: unknown, i: number): GazetteerEntry => {
    const e = raw as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || typeof e.id !== 'string' || typeof e.name !== 'string' || typeof e.type !== 'string') throw new GazetteerError(`gazetteer ${where}: entries[${i}] needs id, name and type strings`);
    if (!Array.isArray(e.aliases) || !e.aliases.every((a): a is string => typeof a === 'string')) throw new GazetteerError(`gazetteer ${where}: entries[${i}].aliases must be a list of strings`);
    if (e.area !== undefined && typeof e.area !== 'string') throw new GazetteerError(`gazetteer ${where}: entries[${i}].area must be a string`);
    return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, ...(typeof e.area === 'string' ? { area: e.area } : {}) };
  });
}

let standard: Gazetteer | null = null;

/** The shipped packs plus the user's (`verbatim analyze --gazetteer file`); a later entry's aliases win over an earlier one's. */
export function loadGazetteer(files: readonly string[]): Gazetteer {
  return new Gazetteer([...DEFAULT_PACKS.flatMap(readPack), ...files.flatMap(readPack)]);
}

/** The gazetteer packs shipped with verbatim, loaded once. */
export function standardGazetteer(): Gazetteer {
  standard ??= new Gazetteer(DEFAULT_PACKS.flatMap(readPack));
  return standard;
}
