/**
 * Quote provenance: the same quote reproduced in other articles.
 *
 * 1. Each quote is cut into sentences; each sentence of six words or more is
 *    a unit. Its words are normalised for matching: quote marks and
 *    apostrophes folded, contractions expanded ("I'm" -> "i am"), editorial
 *    brackets and ellipses dropped, case folded.
 * 2. Units with the same normalised words join at once. Candidates for the
 *    rest come from MinHash signatures over word 3-shingles with LSH banding
 *    (32 bands of 2), so the work grows with the corpus, not with its square.
 * 3. A candidate pair is confirmed by aligning the normalised words (longest
 *    common subsequence): the shorter unit must be matched for at least
 *    `MIN_MATCH` of its words (words may be dropped or added on the way), and
 *    the longer for at least `MIN_MATCH_LONGER` of its; the shorter must
 *    have `MIN_FUZZY_WORDS`, since short sentences differing by a word
 *    ("I don't know what to say" / "... what happened") are not one quote.
 * 4. Confirmed pairs from different articles are joined into groups. Each
 *    group lists its members by article date (the first is the first
 *    appearance) and each member's word-level differences from the first, on
 *    the words as written ("I'm" for "I am" and "[working with vigilantes]"
 *    show, though they match).
 */

export interface QuoteUnit {
  articleId: string;
  /** The quote's id in its article. */
  quoteId: string;
  /** Offsets of the unit's words in the article. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  published: string | null;
  outlet: string | null;
}

export type DiffOp =
  | { op: 'same'; text: string }
  | { op: 'changed'; first: string; this: string }
  | { op: 'added'; text: string }
  | { op: 'dropped'; text: string };

export interface SameQuoteMember extends QuoteUnit {
  /** Share of the shorter unit's words matched with the first appearance (1 for the first itself). */
  similarity: number;
  /** Word-level differences from the first appearance; empty for the first. */
  differences: DiffOp[];
}

export interface SameQuoteGroup {
  members: SameQuoteMember[];
  articles: number;
}

export const MIN_WORDS = 6; // shorter sentences ("We will.") repeat by chance
export const MIN_MATCH = 0.8; // of the shorter unit's words, matched in order
export const MIN_MATCH_LONGER = 0.5; // of the longer unit's: a stock phrase inside a long sentence is not that sentence
export const MIN_FUZZY_WORDS = 8; // units matched other than word for word have at least this many words
const SHINGLE = 3;
/**
 * LSH banding for quote sentences: 32 bands of 2 hashes make two sentences
 * candidates with probability 1 - (1 - J^2)^32 for shingle Jaccard J: 0.97 at
 * J = 0.33 (a short sentence with two words changed), 0.9995 at 0.5. Sentences
 * are short, so the alignment that confirms each candidate is cheap.
 */
const BANDS = 32;
const ROWS = 2;
/** Hash functions of a signature. */
export const HASHES = 64;

interface Token {
  /** The word as written (with its brackets or apostrophe). */
  surface: string;
  /** Index of the surface word it came from. */
  at: number;
  norm: string;
}

const CONTRACTIONS: Readonly<Record<string, string[]>> = {
  "i'm": ['i', 'am'], "we're": ['we', 'are'], "you're": ['you', 'are'], "they're": ['they', 'are'], "it's": ['it', 'is'], "that's": ['that', 'is'],
  "there's": ['there', 'is'], "he's": ['he', 'is'], "she's": ['she', 'is'], "what's": ['what', 'is'], "i've": ['i', 'have'], "we've": ['we', 'have'],
  "they've": ['they', 'have'], "you've": ['you', 'have'], "i'd": ['i', 'would'], "we'd": ['we', 'would'], "they'd": ['they', 'would'],
  "i'll": ['i', 'will'], "we'll": ['we', 'will'], "they'll": ['they', 'will'], "it'll": ['it', 'will'], "won't": ['will', 'not'], "can't": ['cannot'],
  "don't": ['do', 'not'], "doesn't": ['does', 'not'], "didn't": ['did', 'not'], "isn't": ['is', 'not'], "aren't": ['are', 'not'], "wasn't": ['was', 'not'],
  "weren't": ['were', 'not'], "haven't": ['have', 'not'], "hasn't": ['has', 'not'], "hadn't": ['had', 'not'], "wouldn't": ['would', 'not'],
  "couldn't": ['could', 'not'], "shouldn't": ['should', 'not'], "let's": ['let', 'us'],
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The words of a unit, each with its normalised forms. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  // Words as written: runs of non-space, so "[working" and "vigilantes]" keep their brackets.
  const surfaces = text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  surfaces.forEach((surface, at) => {
    for (const m of surface.matchAll(WORD)) {
      const word = m[0].toLowerCase().replace(/’/gu, "'");
      for (const norm of CONTRACTIONS[word] ?? [word === 'cannot' ? 'cannot' : word]) out.push({ surface, at, norm });
    }
  });
  return out;
}

function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final mix so nearby seeds give independent hashes.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: 256 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

/** MurmurHash3's finaliser: a bijection on 32 bits that spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MinHash signature over word shingles. Each shingle's text is hashed once;
 * the signature's hash functions are that hash mixed with one seed each (a
 * bijection, so two shingles collide in one only when they collide in all):
 * an article's signature costs one pass over its text, not one per function.
 */
export function signature(norms: readonly string[], hashes = HASHES): number[] {
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= norms.length; i++) shingles.add(norms.slice(i, i + SHINGLE).join(' '));
  if (shingles.size === 0) shingles.add(norms.join(' '));
  const sig = new Uint32Array(Math.min(hashes, SEEDS.length)).fill(0xffffffff);
  for (const s of shingles) {
    const base = hash32(s, 0);
    for (let k = 0; k < sig.length; k++) {
      const h = mix32(base ^ (SEEDS[k] ?? 0));
      if (h < (sig[k] ?? 0)) sig[k] = h;
    }
  }
  return Array.from(sig);
}

/** Whether two units' normalised words are one quote's (see the module comment, step 3). */
export function sameWords(a: readonly string[], b: readonly string[]): boolean {
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  if (shorter < MIN_FUZZY_WORDS || shorter < MIN_MATCH_LONGER * longer) return false;
  const matched = align(a, b).length;
  return matched >= MIN_MATCH * shorter && matched >= MIN_MATCH_LONGER * longer;
}

/** Longest common subsequence of two word lists: the matched index pairs, in order. */
export function align(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i] === b[j] ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * (m + 1) + j] ?? 0) >= (table[i * (m + 1) + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

// Written the same: case, curly marks and punctuation aside, but editorial brackets count.
const fold = (s: string): string => s.toLowerCase().replace(/[’‘]/gu, "'").replace(/[^\p{L}\p{N}'[\] ]/gu, '');

/** Word-level differences of `other` from `first`, on the words as written. */
export function differences(first: readonly Token[], other: readonly Token[], pairs: readonly [number, number][]): DiffOp[] {
  const out: DiffOp[] = [];
  const push = (op: DiffOp): void => {
    const last = out.at(-1);
    if (last !== undefined && last.op === op.op && op.op !== 'changed' && 'text' in last && 'text' in op) last.text = `${last.text} ${op.text}`;
    else out.push(op);
  };
  const surfaces = (list: readonly Token[], from: number, to: number): string => {
    const seen: string[] = [];
    let lastAt = -1;
    for (const t of list.slice(from, to)) {
      if (t.at !== lastAt) seen.push(t.surface);
      lastAt = t.at;
    }
    return seen.join(' ');
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [first.length, other.length] as [number, number]]) {
    if (pi > i && pj > j) push({ op: 'changed', first: surfaces(first, i, pi), this: surfaces(other, j, pj) });
    else if (pi > i) push({ op: 'dropped', text: surfaces(first, i, pi) });
    else if (pj > j) push({ op: 'added', text: surfaces(other, j, pj) });
    if (pi >= first.length || pj >= other.length) break;
    // Matched words: the same unless written differently ("I'm" / "I am", "[working" / "working").
    const a = first[pi];
    const b = other[pj];
    if (a !== undefined && b !== undefined) {
      const aStarts = first[pi - 1]?.at !== a.at;
      const bStarts = other[pj - 1]?.at !== b.at;
      if (aStarts && bStarts && fold(a.surface) === fold(b.surface)) push({ op: 'same', text: b.surface });
      else if (aStarts || bStarts) push({ op: 'changed', first: a.surface, this: b.surface });
    }
    i = pi + 1;
    j = pj + 1;
  }
  return mergeChanges(out);
}

/** "I'm" matched against "I" and "am" gives two changes: one "I'm" -> "I am". */
function mergeChanges(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    const last = out.at(-1);
    if (op.op === 'changed' && last?.op === 'changed' && (last.first === op.first || last.this === op.this)) {
      if (last.first !== op.first) last.first = `${last.first} ${op.first}`;
      if (last.this !== op.this) last.this = `${last.this} ${op.this}`;
      continue;
    }
    out.push(op);
  }
  return out;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let k = i;
    while (this.parent[k] !== r) {
      const next = this.parent[k] ?? r;
      this.parent[k] = r;
      k = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const byDate = (a: QuoteUnit, b: QuoteUnit): number => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.articleId.localeCompare(b.articleId) || a.start - b.start;

/** Groups of the same quote in two or more articles, most articles first. */
export function sameQuotes(units: readonly QuoteUnit[]): SameQuoteGroup[] {
  const uf = new UnionFind(units.length);
  const usable = new Array<boolean>(units.length).fill(false);
  // Wire copy repeats quotes word for word: identical normalised sentences join at once, and
  // only one of them (its representative) goes through MinHash, so the work grows with the
  // number of distinct sentences, not with the corpus.
  const representative = new Map<string, number>();
  const reps: { i: number; norms: string[] }[] = [];
  units.forEach((u, i) => {
    const norms = tokens(u.text).map((t) => t.norm);
    if (norms.length < MIN_WORDS) return;
    usable[i] = true;
    const key = norms.join(' ');
    const rep = representative.get(key);
    if (rep !== undefined) uf.union(rep, i);
    else {
      representative.set(key, i);
      reps.push({ i, norms });
    }
  });
  const buckets = new Map<string, number[]>();
  reps.forEach((r, k) => {
    const sig = signature(r.norms);
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join(',')}`;
      const list = buckets.get(key);
      if (list === undefined) buckets.set(key, [k]);
      else list.push(k);
    }
  });
  const failed = new Set<string>();
  for (const list of buckets.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = reps[list[x] ?? 0];
        const b = reps[list[y] ?? 0];
        if (a === undefined || b === undefined || uf.find(a.i) === uf.find(b.i)) continue;
        const key = `${a.i},${b.i}`;
        if (failed.has(key)) continue;
        if (sameWords(a.norms, b.norms)) uf.union(a.i, b.i);
        else failed.add(key);
      }
    }
  }
  const groups = new Map<number, number[]>();
  units.forEach((_, i) => {
    if (!usable[i]) return;
    const root = uf.find(i);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [i]);
    else list.push(i);
  });
  const out: SameQuoteGroup[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const articles = new Set(members.map((i) => units[i]?.articleId)).size;
    if (articles < 2) continue;
    const ordered = [...members].sort((a, b) => byDate(units[a] as QuoteUnit, units[b] as QuoteUnit));
    const first = ordered[0] ?? 0;
    const firstTokens = tokens(units[first]?.text ?? '');
    const firstNorms = firstTokens.map((t) => t.norm);
    out.push({
      articles,
      members: ordered.map((i) => {
        const unit = units[i] as QuoteUnit;
        if (i === first) return { ...unit, similarity: 1, differences: [] };
        const own = tokens(unit.text);
        const norms = own.map((t) => t.norm);
        const pairs = align(firstNorms, norms);
        return { ...unit, similarity: pairs.length / Math.min(firstNorms.length || 1, norms.length || 1), differences: differences(firstTokens, own, pairs) };
      }),
    });
  }
  return out.sort((a, b) => b.articles - a.articles || byDate(a.members[0] as QuoteUnit, b.members[0] as QuoteUnit));
}

// A sentence ends at . ! ? (and a closing quote) followed by space and a capital or an opening quote.
const SENTENCE_END = /[.!?]["'”’]?\s+(?=["'“‘]?\p{Lu})/gu;

/** Cut a quote's words into sentence units (offsets kept). */
export function quoteSentences(base: Omit<QuoteUnit, 'start' | 'end' | 'text'>, text: string, start: number): QuoteUnit[] {
  const out: QuoteUnit[] = [];
  let at = 0;
  const cut = (end: number): void => {
    const piece = text.slice(at, end);
    const lead = piece.length - piece.trimStart().length;
    const body = piece.trim();
    if (body !== '') out.push({ ...base, start: start + at + lead, end: start + at + lead + body.length, text: body });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    cut(end);
    at = (m.index ?? 0) + m[0].length;
  }
  cut(text.length);
  return out;
}
