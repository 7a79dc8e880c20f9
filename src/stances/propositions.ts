/**
 * Propositions files: the positions a user tracks, in YAML or JSON.
 *
 *   propositions:
 *     - id: police-work-with-hunters
 *       text: Police should work with "paedophile hunter" groups
 *       targets: [paedophile hunters, hunter groups, vigilante groups, vigilantes]
 *       anaphora: [these groups, such groups]
 *       support: []
 *       oppose: [best left to the police]
 *       supporters_favour_target: true
 *
 * Everything is checked before anything runs: a broken file is one
 * `PropositionsError` naming the file, the proposition and the field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Proposition } from './types.js';

export class PropositionsError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'PropositionsError';
  }
}

/** A proposition as the stage uses it: with `favoursTarget` (supporting it means being for its target). */
export interface LoadedProposition extends Proposition {
  favoursTarget: boolean;
}

const ID = /^[A-Za-z0-9][\w-]{0,63}$/u;
const FIELDS = new Set(['id', 'text', 'targets', 'anaphora', 'support', 'oppose', 'supporters_favour_target']);
const MAX_PHRASES = 500; // per list: a longer list is a mistake (a pasted document), not a vocabulary

function phraseList(file: string, where: string, value: unknown, required: boolean): string[] {
  if (value === undefined || value === null) {
    if (required) throw new PropositionsError(file, `${where}: needs at least one phrase`);
    return [];
  }
  if (!Array.isArray(value)) throw new PropositionsError(file, `${where}: must be a list of phrases`);
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string' && typeof item !== 'number') throw new PropositionsError(file, `${where}[${i}]: must be a phrase (text), not ${JSON.stringify(item)}`);
    const phrase = String(item).trim();
    if (phrase.length === 0) throw new PropositionsError(file, `${where}[${i}]: is empty`);
    if (phrase.length > 200) throw new PropositionsError(file, `${where}[${i}]: is ${phrase.length} characters long; a phrase is a few words`);
    if (/[\p{L}\p{N}]/u.test(phrase)) out.push(phrase);
    else throw new PropositionsError(file, `${where}[${i}]: "${phrase}" has no letters or digits`);
  }
  if (out.length > MAX_PHRASES) throw new PropositionsError(file, `${where}: ${out.length} phrases; at most ${MAX_PHRASES}`);
  if (required && out.length === 0) throw new PropositionsError(file, `${where}: needs at least one phrase`);
  return out;
}

/** Check parsed data (an object with `propositions`, or a list) and return the propositions. */
export function checkPropositions(file: string, data: unknown): LoadedProposition[] {
  const list: unknown = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? (data as Record<string, unknown>).propositions : undefined;
  if (!Array.isArray(list)) throw new PropositionsError(file, 'expected a list of propositions, or an object with a "propositions" list');
  if (list.length === 0) throw new PropositionsError(file, 'no propositions');
  const seen = new Set<string>();
  return list.map((item: unknown, i): LoadedProposition => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new PropositionsError(file, `proposition ${i + 1}: must be an object with id, text and targets`);
    const record = item as Record<string, unknown>;
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : '';
    const where = `proposition ${i + 1}${id ? ` (${id})` : ''}`;
    if (!ID.test(id)) throw new PropositionsError(file, `${where}: "id" must be letters, digits, "-" or "_" (up to 64), e.g. police-work-with-hunters`);
    if (seen.has(id)) throw new PropositionsError(file, `${where}: id "${id}" is used twice`);
    seen.add(id);
    for (const key of Object.keys(record)) {
      if (!FIELDS.has(key)) throw new PropositionsError(file, `${where}: unknown field "${key}" (known: ${[...FIELDS].join(', ')})`);
    }
    if (typeof record.text !== 'string' || record.text.trim().length === 0) throw new PropositionsError(file, `${where}: "text" must say the proposition in words`);
    const favours = record.supporters_favour_target;
    if (favours !== undefined && typeof favours !== 'boolean') throw new PropositionsError(file, `${where}: "supporters_favour_target" must be true or false`);
    return {
      id,
      text: record.text.trim(),
      targets: phraseList(file, `${where}: "targets"`, record.targets, true),
      anaphora: phraseList(file, `${where}: "anaphora"`, record.anaphora, false),
      support: phraseList(file, `${where}: "support"`, record.support, false),
      oppose: phraseList(file, `${where}: "oppose"`, record.oppose, false),
      favoursTarget: favours ?? true,
    };
  });
}

export const MAX_PROPOSITIONS_BYTES = 1024 * 1024;

/** Read, parse (YAML, of which JSON is a subset) and check a propositions file. */
export function loadPropositions(file: string): { propositions: LoadedProposition[]; digest: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new PropositionsError(file, `cannot read: ${(error as Error).message}`);
  }
  if (bytes.length === 0) throw new PropositionsError(file, 'is empty');
  if (bytes.length > MAX_PROPOSITIONS_BYTES) throw new PropositionsError(file, `is ${bytes.length} bytes; a propositions file is at most ${MAX_PROPOSITIONS_BYTES}`);
  if (bytes.includes(0)) throw new PropositionsError(file, 'is binary, not YAML or JSON text');
  let data: unknown;
  try {
    data = parseYaml(bytes.toString('utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new PropositionsError(file, `is not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const propositions = checkPropositions(file, data);
  const digest = createHash('sha256').update(JSON.stringify(propositions)).digest('hex').slice(0, 12);
  return { propositions, digest };
}
