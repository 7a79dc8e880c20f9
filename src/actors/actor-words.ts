/**
 * The word lists the actors stage reads: titles and ranks
 * (`data/titles.json`), organisation and role words (`data/actor-words.json`)
 * and given names (`data/given-names.json`). Loaded once, checked on load: a
 * broken data file is an error naming the file and the field.
 */
import { readFileSync } from 'node:fs';

export type Gender = 'male' | 'female';

export interface TitleForm {
  /** The form's words, lower case, without full stops (`det`, `chief`, `insp`). */
  words: readonly string[];
  canonical: string;
  /** police, courtesy (Mr, Ms: not reported as a title), public, academic, military, religious. */
  kind: string;
  gender: Gender | null;
}

export interface ActorWords {
  /** Title forms, longest first, so the first match is the longest. */
  titles: readonly TitleForm[];
  /** Lower-cased first words of title forms, to skip the scan quickly. */
  titleStarts: ReadonlySet<string>;
  postNominals: ReadonlySet<string>;
  organisationHeads: ReadonlySet<string>;
  spokespeople: ReadonlySet<string>;
  roleHeads: ReadonlySet<string>;
  notNames: ReadonlySet<string>;
  nameParticles: ReadonlySet<string>;
  runOpeners: ReadonlySet<string>;
  notAcronyms: ReadonlySet<string>;
  /** Given name -> gender (null for names used for both). */
  givenNames: ReadonlyMap<string, Gender | null>;
}

const TITLES_FILE = new URL('../../data/titles.json', import.meta.url);
const WORDS_FILE = new URL('../../data/actor-words.json', import.meta.url);
const NAMES_FILE = new URL('../../data/given-names.json', import.meta.url);

function readRecord(url: URL): Record<string, unknown> {
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${url.pathname}: expected an object`);
  return data as Record<string, unknown>;
}

function strings(record: Record<string, unknown>, key: string, where: string): string[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`${where}: "${key}" must be a list of strings`);
  }
  return value;
}

const FULL_STOPS = /\./gu;

/** The words of a title form as the scanner compares them: lower case, full stops dropped. */
export function titleWords(form: string): string[] {
  return form.replace(FULL_STOPS, ' ').toLowerCase().split(/\s+/u).filter((w) => w.length > 0);
}

function readTitles(url: URL): { titles: TitleForm[]; postNominals: string[] } {
  const where = url.pathname;
  const record = readRecord(url);
  const list = record.titles;
  if (!Array.isArray(list)) throw new Error(`${where}: "titles" must be a list`);
  const titles: TitleForm[] = [];
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: titles[${i}] must be an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.canonical !== 'string') throw new Error(`${where}: titles[${i}].canonical must be a string`);
    if (typeof e.kind !== 'string') throw new Error(`${where}: titles[${i}].kind must be a string`);
    const kind = e.kind;
    const gender = e.gender === undefined || e.gender === null ? null : e.gender;
    if (gender !== null && gender !== 'male' && gender !== 'female') throw new Error(`${where}: titles[${i}].gender must be male, female or null`);
    for (const form of strings(e, 'forms', `${where}: titles[${i}]`)) titles.push({ words: titleWords(form), canonical: e.canonical, kind, gender });
  }
  titles.sort((a, b) => b.words.length - a.words.length);
  return { titles, postNominals: strings(record, 'postNominals', where) };
}

let loaded: ActorWords | null = null;

/** The actors stage's word lists, loaded once. */
export function actorWords(): ActorWords {
  if (loaded !== null) return loaded;
  const { titles, postNominals } = readTitles(TITLES_FILE);
  const words = readRecord(WORDS_FILE);
  const names = readRecord(NAMES_FILE);
  const w = WORDS_FILE.pathname;
  const givenNames = new Map<string, Gender | null>();
  for (const name of strings(names, 'female', NAMES_FILE.pathname)) givenNames.set(name, 'female');
  for (const name of strings(names, 'male', NAMES_FILE.pathname)) givenNames.set(name, 'male');
  for (const name of strings(names, 'either', NAMES_FILE.pathname)) givenNames.set(name, null);
  const lower = (list: string[]): Set<string> => new Set(list.map((s) => s.toLowerCase()));
  loaded = {
    titles,
    titleStarts: new Set(titles.map((t) => t.words[0] ?? '')),
    postNominals: new Set(postNominals),
    organisationHeads: new Set(strings(words, 'organisationHeads', w)),
    spokespeople: lower(strings(words, 'spokespeople', w)),
    roleHeads: lower(strings(words, 'roleHeads', w)),
    notNames: new Set(strings(words, 'notNames', w)),
    nameParticles: new Set(strings(words, 'nameParticles', w)),
    runOpeners: new Set(strings(words, 'runOpeners', w)),
    notAcronyms: new Set(strings(words, 'notAcronyms', w)),
    givenNames,
  };
  return loaded;
}
