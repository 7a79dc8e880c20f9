/**
 * The CSV of each listing: the same rows as its JSON, with the columns of the
 * matching CLI listing (`verbatim quotes --csv`, ...), so a file saved from
 * the dashboard reads like one written at the terminal.
 */
import type { Identity, Seen } from '../actors/identities.js';
import type { EffectiveStatement } from '../stances/positions.js';
import type { Position } from '../stances/types.js';
import type { SameFigure, Series } from '../statistics/across.js';
import type { ArticleRow, QuoteRow, StatisticRow } from '../store/store.js';

type Cell = string | number | null;

export interface Columns<T> {
  header: readonly string[];
  record: (row: T) => Cell[];
}

const values = (list: readonly Seen[]): string => list.map((s) => s.value).join('; ');

export const ARTICLE_COLUMNS: Columns<ArticleRow> = {
  header: ['id', 'published', 'outlet', 'title', 'byline', 'url', 'source_file', 'source_row', 'format', 'paragraphs', 'sentences', 'tokens', 'extractor_version'],
  record: (r) => [r.id, r.published, r.outlet, r.title, r.byline, r.url, r.source.file, r.source.row ?? null, r.source.format, r.paragraphs, r.sentences, r.tokens, r.extractorVersion],
};

export const QUOTE_COLUMNS: Columns<QuoteRow> = {
  header: ['article_id', 'quote_id', 'published', 'outlet', 'kind', 'speaker', 'actor', 'actor_type', 'organisation', 'cue', 'content', 'start', 'end', 'rule', 'confidence', 'actor_rule', 'title'],
  record: (r) => [r.articleId, r.id, r.published, r.outlet, r.kind, r.speaker, r.actor?.name ?? null, r.actor?.type ?? null, r.organisation, r.cue, r.content, r.start, r.end, r.rule, r.confidence, r.actorRule, r.title],
};

export const ACTOR_COLUMNS: Columns<Identity> = {
  header: ['key', 'name', 'type', 'articles', 'mentions', 'quotes', 'first', 'last', 'titles', 'roles', 'organisations', 'note'],
  record: (i) => [i.key, i.name, i.type, i.articles, i.mentions, i.quotes, i.first, i.last, values(i.titles), values(i.roles), values(i.organisations), i.note ?? null],
};

export const POSITION_COLUMNS: Columns<Position> = {
  header: ['proposition', 'actor_key', 'actor', 'type', 'window', 'position', 'qualified', 'support', 'oppose', 'neutral', 'via_support', 'via_oppose', 'via_neutral'],
  record: (p) => [p.proposition, p.actorKey, p.actorName, p.actorType, p.window, p.position, p.qualified ? 'yes' : 'no', p.support, p.oppose, p.neutral, p.viaSupport, p.viaOppose, p.viaNeutral],
};

/** A coding sheet, as `verbatim statements --csv` writes it: `verbatim code import` reads it back once `code` is filled in. */
export const STATEMENT_COLUMNS: Columns<EffectiveStatement> = {
  header: ['statement', 'article', 'published', 'outlet', 'proposition', 'actor_key', 'actor', 'machine', 'polarity', 'coder', 'modality', 'rule', 'start', 'end', 'words', 'code', 'note'],
  record: (s) => [`${s.articleId}:${s.id}`, s.articleId, s.published, s.outlet, s.proposition, s.actor?.key ?? null, s.actor?.name ?? null, s.machine, s.polarity, s.coder, s.modality, s.rule, s.start, s.end, s.text, '', ''],
};

export const STATISTIC_COLUMNS: Columns<StatisticRow> = {
  header: ['article', 'id', 'published', 'outlet', 'kind', 'verdict', 'text', 'value', 'unit', 'qualifier', 'numerator', 'denominator', 'from', 'to', 'what', 'period', 'place', 'source', 'part_of', 'computation', 'rule', 'start', 'end'],
  record: (r) => [r.articleId, r.id, r.published, r.outlet, r.kind, r.verdict, r.text, r.value, r.unit, r.qualifier, r.numerator, r.denominator, r.from, r.to, r.what, r.period, r.place, r.source, r.partOf, r.computation, r.rule, r.start, r.end],
};

/** One CSV row per member figure of each group (the JSON has one entry per group). */
export function sameRows(groups: readonly SameFigure[], firstGroup: number): Cell[][] {
  return groups.flatMap((g, i) => g.members.map((m, k) => [firstGroup + i, g.key, k === 0 ? 'yes' : 'no', m.articleId, m.id, m.published, m.outlet, m.text, m.what, m.period, m.source]));
}
export const SAME_HEADER = ['group', 'key', 'first', 'article', 'id', 'published', 'outlet', 'text', 'what', 'period', 'source'] as const;

/** One CSV row per point of each series (the JSON has one entry per series). */
export function seriesRows(list: readonly Series[], firstSeries: number): Cell[][] {
  return list.flatMap((s, i) => s.points.map((p) => [firstSeries + i, s.measure, s.kind, p.year, p.period, p.value, p.unit, p.row.articleId, p.row.id, p.row.text]));
}
export const SERIES_HEADER = ['series', 'measure', 'kind', 'year', 'period', 'value', 'unit', 'article', 'id', 'text'] as const;
