/**
 * The Document: one article as it flows through every stage.
 *
 * `text` is the canonical text, decoded once at ingest and never rewritten.
 * Every span is `[start, end)` in UTF-16 code units into `text`, exactly what
 * `text.slice(start, end)` takes. Everything here is plain JSON: the same
 * object is stored, served and exported without mapping.
 *
 * Each stage fills its own field. Later stages (quotes, actors, stances,
 * statistics) add their fields to this interface; the type stays closed.
 */

/** A `[start, end)` range of UTF-16 code units in `Document.text`. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in the content: data, not an exception. */
export interface Message {
  /** The stage that raised it, e.g. `ingest`, `text`. */
  stage: string;
  /** Stable rule id, e.g. `ingest.decode.windows-1252`. */
  rule: string;
  severity: Severity;
  /** What happened, in words a researcher can act on. */
  reason: string;
  span?: Span;
}

export type SourceFormat = 'txt' | 'html' | 'jsonl' | 'csv';

/** Where an article came from. */
export interface SourceRef {
  /** Path as given on the command line (or relative to the folder given). */
  file: string;
  format: SourceFormat;
  /** 1-based row (JSONL line or CSV record) for one-article-per-row files. */
  row?: number;
}

export interface ArticleMeta {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  /** Publication date as ISO 8601 (`YYYY-MM-DD`, or `YYYY` / `YYYY-MM` when that is all that is known). */
  published: string | null;
  url: string | null;
  source: SourceRef;
  /** BCP 47 language tag; `en` unless the source says otherwise. */
  language: string;
  /** Character encoding the bytes were decoded from. */
  encoding: string;
}

export interface Paragraph extends Span {
  /** `p1`, `p2`, ... in text order. */
  id: string;
  /** True when the whole paragraph is site furniture (see `Document.boilerplate`). */
  boilerplate: boolean;
}

export interface Sentence extends Span {
  /** `s1`, `s2`, ... in text order. */
  id: string;
  /** Id of the paragraph holding the sentence. */
  paragraph: string;
  /** Index of the sentence's first token in `Document.tokens`. */
  firstToken: number;
  /** Index one past the sentence's last token. */
  endToken: number;
  /** Set when a rule changed wink-nlp's sentence boundary here. */
  rule?: string;
}

/**
 * A word, number or punctuation mark as wink-nlp's tokenizer cuts it (with
 * possessives always split: "Pike" + "'s"). Parts of speech are not tagged at
 * this stage: tagging costs more than all of segmentation, so the stages that
 * need tags will tag the sentences they look at.
 */
export type Token = Span;

export type BoilerplateKind =
  | 'advert'
  | 'link'
  | 'share'
  | 'read-more'
  | 'newsletter'
  | 'copyright'
  | 'photo-credit';

/** Site furniture: kept in the text, kept out of analysis. */
export interface Boilerplate extends Span {
  kind: BoilerplateKind;
  rule: string;
}

/**
 * How a quote reports speech: `direct` (content wholly in quote marks),
 * `mixed` (a reported clause holding quoted words), `indirect` (reported
 * speech without quote marks), `term` (quote marks around a label, a name or
 * a scare quote: not speech, kept so it can be shown and never listed as a quote).
 */
export type QuoteKind = 'direct' | 'mixed' | 'indirect' | 'term';

export interface Quote {
  /** `q1`, `q2`, ... in text order of the first content span. */
  id: string;
  kind: QuoteKind;
  /**
   * What was said, in text order, without the quote marks. Several spans when
   * the quote runs across paragraphs or is split by its cue
   * (`"First part," she said. "Second part."`).
   */
  content: Span[];
  /** The reporting words: `said`, `told the BBC`, `according to`, a colon, ... */
  cue: Span | null;
  /** The mention naming the speaker in this article (a name, title, pronoun, "a spokesman"). */
  speaker: Span | null;
  /** Id of the actor in `Document.actors` the speaker mention resolves to (set by the actors stage); null when unresolved. */
  actor: string | null;
  /** Rule id of the decision that made this quote, e.g. `quote.direct.colon-before`. */
  rule: string;
  /** 0 to 1: how sure the rule that made it is. */
  confidence: number;
}

export type ActorType = 'person' | 'organisation' | 'unknown';

/** A fact about an actor (a title, a role, an organisation) and the words that say it. */
export interface Evidence extends Span {
  /** The fact as reported: `Detective Chief Inspector`, `national lead for child protection`, `Wessex Vale Police`. */
  value: string;
  rule: string;
}

/** Where the article names an actor, and the rule that tied these words to it. */
export interface Mention extends Span {
  rule: string;
}

/**
 * A person or organisation named in one article. Corpus-wide identities (the
 * same person across articles) are built from these later; inside the article,
 * every mention that resolves to the same actor is listed under it.
 */
export interface Actor {
  /** `x1`, `x2`, ... in order of first mention. */
  id: string;
  /** `unknown` for a name the article never shows to be a person or an organisation ("Catcher said"). */
  type: ActorType;
  /** Canonical name: the fullest form in the article, without titles (`Simon Threlfall`, `Wessex Vale Police`). */
  name: string;
  /**
   * Identity key across articles: `person:simon threlfall` (first and last name),
   * `organisation:wessex vale police` (the gazetteer's canonical name when known),
   * `unknown:...`. Actors of different articles with one key are one identity
   * unless their organisations say they are different people.
   */
  key: string;
  titles: Evidence[];
  roles: Evidence[];
  organisations: Evidence[];
  mentions: Mention[];
}

export type Polarity = 'support' | 'oppose' | 'neutral';

/** How firmly a statement takes its side: outright, only under a condition ("if it helps"), or hedged ("may consider", "potentially"). */
export type Modality = 'firm' | 'conditional' | 'tentative';

/**
 * An actor's position on a user's proposition, in the actor's or the
 * narrator's words: a quote, a reported clause or a narrator sentence that
 * names the proposition's target (or carries one of its own cue phrases).
 * The span is the evidence.
 */
export interface Statement extends Span {
  /** `t1`, `t2`, ... in text order. */
  id: string;
  /** Id of the proposition in the user's propositions file. */
  proposition: string;
  /** Id of the actor in `Document.actors` taking the position; null when the speaker is unresolved. */
  actor: string | null;
  /** The quote holding the statement, or null for a narrator sentence ("the force has no plans to ..."). */
  quote: string | null;
  polarity: Polarity;
  modality: Modality;
  /**
   * The words that decided, each with its rule: target mentions, stance cues,
   * negations that flipped them, hedges and conditions.
   */
  cues: Evidence[];
  /** The rule that decided the polarity (e.g. `stance.cue.negated`). */
  rule: string;
}

/**
 * What a reported figure is: a `count` ("26 incidents"), a `share` ("114 of
 * 259", "44 per cent of cases", "one in five"), a `change` ("rose from 18 to
 * 52", "up 10 per cent", "doubled"), an `amount` of money, a `rate` ("9.4 per
 * 100,000 people"), a `rank` ("the third largest"), or an `age` (kept, but not
 * listed as a statistic by default).
 */
export type StatisticKind = 'count' | 'share' | 'change' | 'amount' | 'rate' | 'rank' | 'age';

/** Whether a figure's own arithmetic holds: the stated percentage against its parts, a change against its values, a part against its whole. */
export interface ArithmeticCheck {
  verdict: 'consistent' | 'inconsistent' | 'unverifiable';
  /** The computation, shown: `114 / 259 = 44.02 %; stated "more than 44 per cent": consistent`. */
  computation: string;
  rule: string;
}

/** A reported figure with what it counts, when, where and who says so. */
export interface Statistic extends Span {
  /** `f1`, `f2`, ... in text order. */
  id: string;
  kind: StatisticKind;
  /** The figure as stated: 44 for "44 per cent", 26 for "26 incidents", 1400000000 for "£1.4bn"; for a change, the change stated (or null). */
  value: number | null;
  /** `percent`, `points`, a currency (`GBP`, `USD`, `EUR`), or null for a plain number. */
  unit: string | null;
  /** The approximation or bound word as written, lower-cased: `more than`, `almost`, `around`, `at least`, ... */
  qualifier: string | null;
  /** For a share: the part and the whole ("114 of 259"). */
  numerator: number | null;
  denominator: number | null;
  /** For a change: the values from and to ("rose from 18 to 52"); for a rate, `denominator` holds the base (100,000). */
  from: number | null;
  to: number | null;
  /** What is counted (the noun phrase), the period, the place, with their words. */
  what: Evidence | null;
  period: Evidence | null;
  place: Evidence | null;
  /** Who gives the figure: the speaker when it sits in a quote, "according to X", "figures obtained by X show". */
  source: (Evidence & { actor: string | null }) | null;
  /** Id of the figure this one is a part of ("14 of these" within "26 incidents"). */
  partOf: string | null;
  check: ArithmeticCheck;
  rule: string;
}

export interface Document {
  /** Stable id derived from the normalised text: the same article always gets the same id. */
  id: string;
  /** SHA-256 (hex) of the normalised text, used to find duplicates. */
  hash: string;
  /** The canonical text. Never rewritten after ingest. */
  readonly text: string;
  meta: ArticleMeta;
  /** Span of the headline when it is part of `text` (the first line of a BBC-style `.txt`). */
  headline: Span | null;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  boilerplate: Boilerplate[];
  /** Quotes, in text order (filled by the quotes stages). */
  quotes: Quote[];
  /** People and organisations named in the article, in order of first mention (filled by the actors stage). */
  actors: Actor[];
  /** Positions on the user's propositions (filled by the stances stage when propositions are given). */
  statements: Statement[];
  /** Reported figures (filled by the statistics stage). */
  statistics: Statistic[];
  messages: Message[];
}
