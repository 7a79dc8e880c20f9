/**
 * A person's search query, read into a tree and written back as an FTS5
 * expression in which every word is quoted: FTS5 never sees the query's own
 * punctuation, so no query can make it fail, and the same tree says which
 * words to find in an article's text to mark them.
 *
 * The syntax is FTS5's: words (implicitly AND-ed), "a phrase", a `*` after a
 * word or phrase for a prefix (hunt*, "paedophile hunt"*), AND, OR and NOT in
 * capitals (NOT binds tighter than AND, AND than OR), parentheses, and
 * NEAR(words or phrases, distance). Punctuation inside a word separates words
 * as the index does ("co-operate" is the phrase "co operate"). What cannot be
 * read is a `QueryError` that names the query and says what is wrong and where.
 */
import { StoreError } from '../store/store.js';
import { foldedWords } from './fold.js';

/** Words in order, folded (lower case, no diacritics); `prefix` when the last one is a prefix. */
export interface Phrase {
  words: string[];
  prefix: boolean;
}

export type QueryNode =
  | { type: 'phrase'; phrase: Phrase }
  | { type: 'near'; phrases: Phrase[]; distance: number }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; left: QueryNode; right: QueryNode };

export interface ParsedQuery {
  /** The query as given. */
  source: string;
  root: QueryNode;
  /** The FTS5 expression for MATCH (bound as a parameter, never put into SQL text). */
  fts: string;
  /** The phrases an article matching the query may hold (not those under NOT), each once: the words to mark. */
  phrases: Phrase[];
}

/** A query or pattern that cannot be read; its message names it and says why. */
export class QueryError extends StoreError {
  override name = 'QueryError';
}

/** The longest query or pattern read (the API takes no longer parameter). */
export const MAX_QUERY_LENGTH = 500;
/** Words and phrases in one query. */
export const MAX_PHRASES = 64;
/** Parentheses inside parentheses. */
export const MAX_DEPTH = 16;
const MAX_NEAR = 1000;
const DEFAULT_NEAR = 10;

/** The query for a message: quoted, and cut when long. */
export function showQuery(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Checks every query and pattern passes first: not empty, not too long, no control characters. */
export function checkInput(text: string, what: string): void {
  const fail = (reason: string): never => {
    throw new QueryError(`the ${what} ${showQuery(text)} ${reason}`);
  };
  if (text.length > MAX_QUERY_LENGTH) fail(`is too long (${text.length} characters; at most ${MAX_QUERY_LENGTH})`);
  const control = /(?![\t\n\r])\p{Cc}/u.exec(text);
  if (control !== null) fail(`holds a control character (U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) at character ${control.index + 1}`);
  if (text.trim() === '') fail('is empty: give words to search for');
}

type Lexeme =
  | { kind: 'open'; at: number }
  | { kind: 'close'; at: number }
  | { kind: 'comma'; at: number }
  | { kind: 'near'; at: number }
  | { kind: 'op'; at: number; op: 'AND' | 'OR' | 'NOT' }
  | { kind: 'word'; at: number; raw: string; phrase: Phrase };

const SPACE = /\s/u;
const COLUMN_FILTER = /^-?\{?(?:title|text)\b.*:/iu;

/** Read a query (FTS5 syntax, see the module comment). Throws a `QueryError` saying what is wrong. */
export function parseQuery(source: string): ParsedQuery {
  checkInput(source, 'search query');
  const fail = (reason: string): never => {
    throw new QueryError(`the search query ${showQuery(source)} is not valid: ${reason}`);
  };
  const lexemes = lex(source, fail);
  if (lexemes.length === 0) fail('it has no words to search for (only punctuation)');
  const phraseCount = lexemes.filter((l) => l.kind === 'word').length;
  if (phraseCount > MAX_PHRASES) fail(`it has ${phraseCount} words and phrases; at most ${MAX_PHRASES}`);
  const root = new Parser(lexemes, fail).parse();
  return { source, root, fts: ftsOf(root), phrases: positivePhrases(root) };
}

/** Cut the query into lexemes; quotes and parentheses are checked here. */
function lex(source: string, fail: (reason: string) => never): Lexeme[] {
  const out: Lexeme[] = [];
  /** Open parentheses: where, and whether they open a NEAR group. */
  const open: { at: number; near: boolean }[] = [];
  let nearNext = false;
  let i = 0;
  const star = (at: number): void => {
    const last = out[out.length - 1];
    if (last?.kind !== 'word' || last.phrase.prefix) fail(`the * at character ${at + 1} must follow a word, as in hunt* or "paedophile hunt"*`);
    else last.phrase.prefix = true;
  };
  while (i < source.length) {
    const c = source[i] ?? '';
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (nearNext && c !== '(') fail(`NEAR at character ${(out[out.length - 1]?.at ?? 0) + 1} must be followed directly by (, as in NEAR(police hunters, 10)`);
    if (c === '(') {
      open.push({ at: i, near: nearNext });
      if (open.length > MAX_DEPTH) fail(`its parentheses nest more than ${MAX_DEPTH} deep`);
      nearNext = false;
      out.push({ kind: 'open', at: i });
      i++;
    } else if (c === ')') {
      if (open.pop() === undefined) fail(`the ) at character ${i + 1} closes no (`);
      out.push({ kind: 'close', at: i });
      i++;
    } else if (c === '*') {
      star(i);
      i++;
    } else if (c === ',' && open[open.length - 1]?.near === true) {
      out.push({ kind: 'comma', at: i });
      i++;
    } else if (c === '"') {
      // A phrase: up to the next lone quote mark ("" inside is a quote mark, as in FTS5).
      let j = i + 1;
      let body = '';
      for (;;) {
        if (j >= source.length) fail(`the phrase opened by the " at character ${i + 1} is never closed; end it with another "`);
        if (source[j] === '"') {
          if (source[j + 1] !== '"') break;
          body += '"';
          j += 2;
        } else {
          body += source[j];
          j++;
        }
      }
      // "paedophile hunt*": a star ending a phrase makes its last word a prefix.
      const trimmed = body.trimEnd();
      const prefix = trimmed.endsWith('*') && !trimmed.endsWith('**');
      const words = foldedWords(prefix ? trimmed.slice(0, -1) : body);
      if (words.length === 0) fail(`the phrase at character ${i + 1} has no words`);
      out.push({ kind: 'word', at: i, raw: source.slice(i, j + 1), phrase: { words, prefix } });
      i = j + 1;
    } else {
      let j = i;
      const inNear = open[open.length - 1]?.near === true;
      while (j < source.length && !SPACE.test(source[j] ?? '') && !'"()*'.includes(source[j] ?? '') && !(inNear && source[j] === ',')) j++;
      const raw = source.slice(i, j);
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') out.push({ kind: 'op', at: i, op: raw });
      else if (raw === 'NEAR' && source[j] === '(') {
        out.push({ kind: 'near', at: i });
        nearNext = true;
      } else {
        if (COLUMN_FILTER.test(raw)) fail(`${JSON.stringify(raw)} at character ${i + 1} looks like a column filter, which search does not take: give the words alone`);
        if (/^-[\p{L}\p{N}]/u.test(raw)) fail(`${JSON.stringify(raw)} at character ${i + 1}: to leave out articles with a word, write NOT ${raw.slice(1)} after the words to find`);
        const words = foldedWords(raw);
        // A run of punctuation alone ("&", "--") separates words, as in the index.
        if (words.length > 0) out.push({ kind: 'word', at: i, raw, phrase: { words, prefix: false } });
      }
      i = j;
    }
  }
  const unclosed = open[0];
  if (unclosed !== undefined) fail(`the ( at character ${unclosed.at + 1} is never closed`);
  return out;
}

class Parser {
  private p = 0;

  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly fail: (reason: string) => never,
  ) {}

  parse(): QueryNode {
    const root = this.or();
    const left = this.lexemes[this.p];
    if (left !== undefined) this.fail(`unexpected ${describe(left)} at character ${left.at + 1}`);
    return root;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.p];
  }

  private or(): QueryNode {
    const children = [this.and()];
    for (let l = this.peek(); l?.kind === 'op' && l.op === 'OR'; l = this.peek()) {
      this.p++;
      this.operandAfter(l);
      children.push(this.and());
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'or', children };
  }

  private and(): QueryNode {
    const children = [this.not()];
    for (let l = this.peek(); l !== undefined; l = this.peek()) {
      if (l.kind === 'op' && l.op === 'AND') {
        this.p++;
        this.operandAfter(l);
      } else if (l.kind !== 'word' && l.kind !== 'open' && l.kind !== 'near') break;
      children.push(this.not());
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'and', children };
  }

  private not(): QueryNode {
    let left = this.primary();
    for (let l = this.peek(); l?.kind === 'op' && l.op === 'NOT'; l = this.peek()) {
      this.p++;
      this.operandAfter(l);
      left = { type: 'not', left, right: this.primary() };
    }
    return left;
  }

  /** After an operator there must be a word, a phrase, a group or NEAR. */
  private operandAfter(op: Lexeme & { kind: 'op' }): void {
    const next = this.peek();
    if (next === undefined || next.kind === 'close') this.fail(`${op.op} at character ${op.at + 1} needs a word or phrase after it`);
    if (next?.kind === 'op') this.fail(`${next.op} at character ${next.at + 1} follows ${op.op} at character ${op.at + 1}: put a word or phrase between them`);
  }

  private primary(): QueryNode {
    const l = this.peek();
    if (l === undefined) return this.fail('it ends where a word or phrase should be');
    switch (l.kind) {
      case 'word':
        this.p++;
        return { type: 'phrase', phrase: l.phrase };
      case 'open': {
        this.p++;
        if (this.peek()?.kind === 'close') this.fail(`the ( ) at character ${l.at + 1} holds nothing`);
        const inner = this.or();
        const close = this.peek();
        if (close?.kind !== 'close') return this.fail(`the ( at character ${l.at + 1} is never closed`);
        this.p++;
        return inner;
      }
      case 'near':
        return this.near(l);
      case 'op':
        return this.fail(
          l.op === 'NOT'
            ? `NOT at character ${l.at + 1} needs words before it: it leaves out what follows from what comes before, as in police NOT council`
            : `${l.op} at character ${l.at + 1} needs a word or phrase before it`,
        );
      default:
        return this.fail(`unexpected ${describe(l)} at character ${l.at + 1}`);
    }
  }

  private near(at: Lexeme): QueryNode {
    this.p += 2; // NEAR and its (
    const phrases: Phrase[] = [];
    let distance = DEFAULT_NEAR;
    const usage = `NEAR at character ${at.at + 1} takes words or phrases, then a comma and a distance in words, as in NEAR(police "hunter groups", 10)`;
    for (let l = this.peek(); l?.kind === 'word'; l = this.peek()) {
      phrases.push(l.phrase);
      this.p++;
    }
    if (this.peek()?.kind === 'comma') {
      this.p++;
      const n = this.peek();
      if (n?.kind !== 'word' || !/^\d{1,6}$/u.test(n.raw) || Number(n.raw) > MAX_NEAR) this.fail(`${usage} (a whole number up to ${MAX_NEAR})`);
      distance = Number((n as { raw: string }).raw);
      this.p++;
    }
    if (this.peek()?.kind !== 'close' || phrases.length < 2) this.fail(usage);
    this.p++;
    return { type: 'near', phrases, distance };
  }
}

function describe(l: Lexeme): string {
  switch (l.kind) {
    case 'open':
      return '(';
    case 'close':
      return ')';
    case 'comma':
      return 'comma';
    case 'near':
      return 'NEAR';
    case 'op':
      return l.op;
    case 'word':
      return JSON.stringify(l.raw);
  }
}

/** A phrase as FTS5 reads it: its words quoted, `*` after it for a prefix. */
export function phraseFts(phrase: Phrase): string {
  return `"${phrase.words.join(' ').replace(/"/gu, '""')}"${phrase.prefix ? ' *' : ''}`;
}

function ftsOf(node: QueryNode): string {
  const group = (n: QueryNode): string => (n.type === 'phrase' || n.type === 'near' ? ftsOf(n) : `(${ftsOf(n)})`);
  switch (node.type) {
    case 'phrase':
      return phraseFts(node.phrase);
    case 'near':
      return `NEAR(${node.phrases.map(phraseFts).join(' ')}, ${node.distance})`;
    case 'and':
      return node.children.map(group).join(' AND ');
    case 'or':
      return node.children.map(group).join(' OR ');
    case 'not':
      return `${group(node.left)} NOT ${group(node.right)}`;
  }
}

function positivePhrases(node: QueryNode): Phrase[] {
  const all = (n: QueryNode): Phrase[] => {
    switch (n.type) {
      case 'phrase':
        return [n.phrase];
      case 'near':
        return n.phrases;
      case 'and':
      case 'or':
        return n.children.flatMap(all);
      case 'not':
        return all(n.left);
    }
  };
  const seen = new Map<string, Phrase>();
  for (const p of all(node)) seen.set(`${p.words.join(' ')}${p.prefix ? '*' : ''}`, p);
  return [...seen.values()];
}

/**
 * A KWIC pattern: words, matched as one phrase, the last one a prefix when
 * it ends with `*`; the whole may be in double quotes. Operators have no
 * meaning here (OR is the word "or").
 */
export function parsePattern(source: string): Phrase {
  checkInput(source, 'pattern');
  const fail = (reason: string): never => {
    throw new QueryError(`the pattern ${showQuery(source)} is not valid: ${reason}`);
  };
  let body = source.trim();
  let prefix = false;
  if (body.endsWith('*')) {
    prefix = true;
    body = body.slice(0, -1).trimEnd();
  }
  if (body.length >= 2 && body.startsWith('"') && body.endsWith('"')) body = body.slice(1, -1);
  if (body.endsWith('*')) {
    if (prefix) fail('it ends with two stars');
    prefix = true;
    body = body.slice(0, -1);
  }
  if (body.includes('"')) fail('a pattern is words matched as one phrase: leave out the quote marks, or put the whole pattern in one pair of them');
  if (body.includes('*')) fail('a * may only end the last word, as in paedophile hunt*');
  if (prefix && !/[\p{L}\p{N}\p{M}]$/u.test(body)) fail('the * must follow a word, as in hunt*');
  const words = foldedWords(body);
  if (words.length === 0) fail('it has no words (only punctuation)');
  if (words.length > MAX_PHRASES) fail(`it has ${words.length} words; at most ${MAX_PHRASES}`);
  return { words, prefix };
}
