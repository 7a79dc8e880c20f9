/**
 * The dashboard's JSON API: what each route returns. The server (`src/server`)
 * and the web app (`web/`) both build against these types; the web app
 * imports them with `import type` only.
 *
 * Every list route takes the shared filters (`outlet`, `from`, `to` as
 * YYYY, YYYY-MM or YYYY-MM-DD, `q` full-text over the article text) where
 * they make sense, `limit` and `offset`, and `format=csv` for the same rows
 * as CSV. Errors are `{ error: string }` with a 4xx status.
 */
import type { Identity } from '../actors/identities.js';
import type { Document } from '../model/document.js';
import type { EffectiveStatement } from '../stances/positions.js';
import type { Position } from '../stances/types.js';
import type { ArticleRow, CorpusTotals, QuoteRow, StatisticRow } from '../store/store.js';
import type { SameFigure, Series } from '../statistics/across.js';

export interface ApiError {
  error: string;
}

/** A page of rows and how many match in all. */
export interface Page<T> {
  rows: T[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/overview */
export interface Overview {
  totals: CorpusTotals;
  /** Articles per month (`YYYY-MM`; `undated` for articles without a date). */
  perMonth: { month: string; articles: number }[];
  /** Most quoted people, and organisations, with their quote counts. */
  topSpeakers: { key: string; name: string; type: string; quotes: number }[];
  topOrganisations: { key: string; name: string; type: string; quotes: number }[];
  /** Figures whose arithmetic does not hold, newest article first (at most 10). */
  inconsistent: StatisticRow[];
  propositions: { id: string; text: string }[];
  outlets: string[];
  /** Near-duplicate articles as last grouped: whether they were, when, whether articles came since, groups, and members after their first appearance. */
  nearDuplicates: { grouped: boolean; foundAt: string | null; stale: boolean; groups: number; copies: number };
  /** Whether these counts count each near-duplicate group once (`dedupe=1`). */
  dedupe: boolean;
}

/** GET /api/articles -> Page<ArticleRow>; GET /api/articles/:id -> ArticleView */
export interface ArticleView {
  document: Document;
  /** Identity key of each actor of the article (`x1` -> `person:simon threlfall`), for links to actor pages. */
  actorKeys: Record<string, string>;
}

/** GET /api/quotes?speaker&org&kind&article&outlet&from&to&q&sort&dir&limit&offset -> Page<QuoteRow>. `sort`: published (default), speaker, organisation, kind; `dir`: asc, desc. */
export type QuotesPage = Page<QuoteRow>;

/** GET /api/actors?name&type&limit -> Identity[] (most articles first) */
export type ActorList = Identity[];

/** GET /api/actors/:key (the key URI-encoded) */
export interface ActorView {
  identity: Identity;
  quotes: QuoteRow[];
  positions: Position[];
  statements: EffectiveStatement[];
  articles: ArticleRow[];
}

/** GET /api/stances?proposition&by=month|quarter|year */
export interface StancesView {
  propositions: { id: string; text: string }[];
  /** Positions over all time (`window: 'all'`), and per window when `by` is given. */
  positions: Position[];
  windows: Position[];
}

/** GET /api/statements?proposition&actor (identity key)&article -> EffectiveStatement[] */
export type StatementList = EffectiveStatement[];

/** POST /api/codings: a person's coding of a statement; returns the positions after it. */
export interface CodingRequest {
  article: string;
  proposition: string;
  start: number;
  end: number;
  polarity: 'support' | 'oppose' | 'neutral';
  coder: string;
  note?: string;
}
export interface CodingResponse {
  id: number;
  positions: Position[];
}

/** GET /api/stats?kind&verdict&source&article&outlet&from&to&limit&offset -> Page<StatisticRow> (inconsistent first) */
export type StatsPage = Page<StatisticRow>;
/** GET /api/stats/same -> SameFigure[]; GET /api/stats/series -> Series[] */
export type SameList = SameFigure[];
export type SeriesList = Series[];

/**
 * GET /api/search?q&outlet&from&to&actor&limit&offset -> Page<SearchRow>, best match first.
 * `q` is FTS5 syntax (words, "phrases", prefix*, AND, OR, NOT, parentheses, NEAR); one
 * that cannot be read is a 400 saying why. Each row's `matches` are offsets into the
 * article text, `marks` offsets into its `snippet`.
 */
export type SearchPage = Page<import('../search/search.js').SearchRow>;

/**
 * GET /api/kwic?pattern&width&sentence&sort&outlet&from&to&limit&offset -> KwicPage:
 * every occurrence of the pattern (words matched as one phrase, `*` ending the last
 * for a prefix) with its context; `sort`: article (default), left, right.
 */
export interface KwicPage extends Page<import('../search/kwic.js').KwicRow> {
  /** Articles holding an occurrence. */
  articles: number;
}
