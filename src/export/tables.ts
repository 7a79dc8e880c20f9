/**
 * The exported tables: quotes, actors, statements, statistics and articles,
 * each row with its provenance (article id, outlet, date, URL, title, offsets,
 * rule, the extractor version that produced it, and the source file). Rows
 * are read from the store a page of articles at a time; no article's text or
 * annotations are held longer than its own rows need.
 */
import { buildIdentities, type Identity, type Seen } from '../actors/identities.js';
import { loadStances } from '../stances/load-stances.js';
import type { EffectiveStatement } from '../stances/positions.js';
import type { ActorMention, ActorRow, ArticleRow, QuoteRow, StatisticRow, Store } from '../store/store.js';
import { quoteCitation } from './citations.js';
import { bool, cellsOf, dbl, int, str, type Cell, type Column, type ColumnOf } from './columns.js';

export const TABLES = ['quotes', 'actors', 'statements', 'statistics', 'articles'] as const;
export type TableName = (typeof TABLES)[number];

export interface TableOptions {
  /** Articles: add each article's text. */
  withText?: boolean;
  /** Statistics: ages too (as `verbatim stats --all`). */
  all?: boolean;
}

/** A table ready to write: its columns and its rows, a batch at a time, cells in column order. */
export interface ExportTable {
  columns: Column[];
  batches: AsyncIterable<Cell[][]>;
}

/** Articles per page read from the store. */
const ARTICLE_PAGE = 200;
/** Rows per batch for tables read whole (statements, actors). */
const ROW_BATCH = 500;
/** No limit, for listings of one article's rows. */
const ALL_ROWS = Number.MAX_SAFE_INTEGER;

/** Every stored article, a page at a time, in article date order. */
export async function* articlePages(store: Store, size = ARTICLE_PAGE): AsyncGenerator<ArticleRow[]> {
  for (let offset = 0; ; offset += size) {
    const page = await store.listArticles({ limit: size, offset });
    if (page.length > 0) yield page;
    if (page.length < size) return;
  }
}

/** Article ids to rows, looked up in chunks. */
async function articlesById(store: Store, ids: Iterable<string>): Promise<Map<string, ArticleRow>> {
  const list = [...new Set(ids)];
  const out = new Map<string, ArticleRow>();
  for (let i = 0; i < list.length; i += ROW_BATCH) {
    for (const a of await store.articlesByIds(list.slice(i, i + ROW_BATCH))) out.set(a.id, a);
  }
  return out;
}

/** The provenance columns every row of an article's data carries. */
function provenance<T>(article: (row: T) => ArticleRow | undefined, withTitle: boolean): { head: ColumnOf<T>[]; tail: ColumnOf<T>[] } {
  return {
    head: [
      str<T>('published', (r) => article(r)?.published),
      str<T>('outlet', (r) => article(r)?.outlet),
      str<T>('url', (r) => article(r)?.url),
      ...(withTitle ? [str<T>('title', (r) => article(r)?.title)] : []),
    ],
    tail: [
      str<T>('extractor_version', (r) => article(r)?.extractorVersion),
      str<T>('source_file', (r) => article(r)?.source.file),
      int<T>('source_row', (r) => article(r)?.source.row),
    ],
  };
}

function table<T>(columns: ColumnOf<T>[], batches: AsyncIterable<T[]>): ExportTable {
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    batches: (async function* () {
      for await (const batch of batches) yield batch.map((row) => cellsOf(columns, row));
    })(),
  };
}

/** Values joined by "; "; null when there are none. */
const joined = (list: readonly string[]): string | null => (list.length === 0 ? null : list.join('; '));
const seen = (list: readonly Seen[]): string | null => joined(list.map((s) => s.value));

/** An identity and an article's actor row for each `<article>\0<actor>`, with people's decisions applied. */
async function identityIndex(store: Store): Promise<{ identities: Identity[]; rows: ActorRow[]; byMember: Map<string, Identity>; rowByMember: Map<string, ActorRow> }> {
  const rows = await store.listActorRows({});
  const { identities } = buildIdentities(rows, await store.identityDecisions());
  const byMember = new Map<string, Identity>();
  for (const identity of identities) for (const m of identity.members) byMember.set(member(m.articleId, m.actorId), identity);
  return { identities, rows, byMember, rowByMember: new Map(rows.map((r) => [member(r.articleId, r.actorId), r])) };
}

const member = (articleId: string, actorId: string): string => `${articleId}\u0000${actorId}`;

interface QuoteOut {
  q: QuoteRow;
  a: ArticleRow;
  identity: Identity | undefined;
  /** The speaker's first title, else first role, in this article. */
  description: string | null;
}

async function quotesTable(store: Store): Promise<ExportTable> {
  const index = await identityIndex(store);
  const p = provenance<QuoteOut>((r) => r.a, true);
  const actorName = (r: QuoteOut): string | null => r.identity?.name ?? r.q.actor?.name ?? null;
  const actorType = (r: QuoteOut): string | null => r.identity?.type ?? r.q.actor?.type ?? null;
  const columns: ColumnOf<QuoteOut>[] = [
    str('article_id', (r) => r.q.articleId),
    str('quote_id', (r) => r.q.id),
    ...p.head,
    str('kind', (r) => r.q.kind),
    str('speaker_mention', (r) => r.q.speaker),
    str('actor', actorName),
    str('actor_type', actorType),
    str('actor_key', (r) => r.identity?.key),
    str('organisation', (r) => r.q.organisation),
    str('cue', (r) => r.q.cue),
    str('content', (r) => r.q.content),
    int('start', (r) => r.q.start),
    int('end', (r) => r.q.end),
    str('rule', (r) => r.q.rule),
    dbl('confidence', (r) => r.q.confidence),
    str('actor_rule', (r) => r.q.actorRule),
    ...p.tail.slice(0, 1),
    str('citation', (r) =>
      quoteCitation({ speaker: actorName(r), speakerType: actorType(r), description: r.description, outlet: r.a.outlet, title: r.a.title, published: r.a.published, url: r.a.url }),
    ),
    ...p.tail.slice(1),
  ];
  async function* batches(): AsyncGenerator<QuoteOut[]> {
    for await (const page of articlePages(store)) {
      const out: QuoteOut[] = [];
      for (const a of page) {
        for (const q of await store.listQuotes({ article: a.id, limit: ALL_ROWS })) {
          const key = q.actor === null ? undefined : member(q.articleId, q.actor.id);
          const row = key === undefined ? undefined : index.rowByMember.get(key);
          out.push({ q, a, identity: key === undefined ? undefined : index.byMember.get(key), description: row?.titles[0] ?? row?.roles[0] ?? null });
        }
      }
      yield out;
    }
  }
  return table(columns, batches());
}

interface ActorOut {
  identity: Identity;
  /** The first article giving the identity (earliest date; the first listed when none is dated). */
  first: { articleId: string; actorId: string } | undefined;
  a: ArticleRow | undefined;
  mention: ActorMention | undefined;
}

async function actorsTable(store: Store): Promise<ExportTable> {
  const index = await identityIndex(store);
  const published = new Map(index.rows.map((r) => [r.articleId, r.published]));
  const p = provenance<ActorOut>((r) => r.a, true);
  const columns: ColumnOf<ActorOut>[] = [
    str('actor_key', (r) => r.identity.key),
    str('name', (r) => r.identity.name),
    str('type', (r) => r.identity.type),
    str('titles', (r) => seen(r.identity.titles)),
    str('roles', (r) => seen(r.identity.roles)),
    str('organisations', (r) => seen(r.identity.organisations)),
    int('articles', (r) => r.identity.articles),
    int('mentions', (r) => r.identity.mentions),
    int('quotes', (r) => r.identity.quotes),
    str('first', (r) => r.identity.first),
    str('last', (r) => r.identity.last),
    str('note', (r) => r.identity.note),
    str('article_ids', (r) => joined([...new Set(r.identity.members.map((m) => m.articleId))])),
    str('article_id', (r) => r.first?.articleId),
    ...p.head,
    int('start', (r) => r.mention?.start),
    int('end', (r) => r.mention?.end),
    str('rule', (r) => r.mention?.rule),
    ...p.tail,
  ];
  const firstOf = (identity: Identity): ActorOut['first'] => {
    let best = identity.members[0];
    for (const m of identity.members) {
      const date = published.get(m.articleId) ?? null;
      const bestDate = best === undefined ? null : (published.get(best.articleId) ?? null);
      if (date !== null && (bestDate === null || date < bestDate)) best = m;
    }
    return best;
  };
  async function* batches(): AsyncGenerator<ActorOut[]> {
    for (let i = 0; i < index.identities.length; i += ROW_BATCH) {
      const chunk = index.identities.slice(i, i + ROW_BATCH).map((identity) => ({ identity, first: firstOf(identity) }));
      const refs = chunk.flatMap((c) => (c.first === undefined ? [] : [c.first]));
      const articles = await articlesById(store, refs.map((r) => r.articleId));
      const mentions = new Map((await store.firstMentions(refs)).map((m) => [member(m.articleId, m.actorId), m]));
      yield chunk.map((c) => ({
        ...c,
        a: c.first === undefined ? undefined : articles.get(c.first.articleId),
        mention: c.first === undefined ? undefined : mentions.get(member(c.first.articleId, c.first.actorId)),
      }));
    }
  }
  return table(columns, batches());
}

interface StatementOut {
  s: EffectiveStatement;
  a: ArticleRow | undefined;
}

const cuesText = (s: EffectiveStatement): string | null => joined(s.cues.map((c) => `${c.rule}: ${c.value} [${c.start}-${c.end}]`));

async function statementsTable(store: Store): Promise<ExportTable> {
  const { statements } = await loadStances(store);
  const p = provenance<StatementOut>((r) => r.a, true);
  const columns: ColumnOf<StatementOut>[] = [
    str('article_id', (r) => r.s.articleId),
    str('statement_id', (r) => r.s.id),
    ...p.head,
    str('proposition', (r) => r.s.proposition),
    str('actor', (r) => r.s.actor?.name),
    str('actor_type', (r) => r.s.actor?.type),
    str('actor_key', (r) => r.s.actor?.key),
    str('via', (r) => joined(r.s.via.map((v) => v.name))),
    str('via_keys', (r) => joined(r.s.via.map((v) => v.key))),
    str('polarity', (r) => r.s.polarity),
    str('machine_polarity', (r) => r.s.machine),
    bool('coded', (r) => r.s.coder !== null),
    str('coder', (r) => r.s.coder),
    str('modality', (r) => r.s.modality),
    str('text', (r) => r.s.text),
    str('cues', (r) => cuesText(r.s)),
    int('start', (r) => r.s.start),
    int('end', (r) => r.s.end),
    str('rule', (r) => r.s.rule),
    ...p.tail,
  ];
  async function* batches(): AsyncGenerator<StatementOut[]> {
    for (let i = 0; i < statements.length; i += ROW_BATCH) {
      const chunk = statements.slice(i, i + ROW_BATCH);
      const articles = await articlesById(store, chunk.map((s) => s.articleId));
      yield chunk.map((s) => ({ s, a: articles.get(s.articleId) }));
    }
  }
  return table(columns, batches());
}

interface StatisticOut {
  f: StatisticRow;
  a: ArticleRow;
}

async function statisticsTable(store: Store, all: boolean): Promise<ExportTable> {
  const p = provenance<StatisticOut>((r) => r.a, true);
  const columns: ColumnOf<StatisticOut>[] = [
    str('article_id', (r) => r.f.articleId),
    str('statistic_id', (r) => r.f.id),
    ...p.head,
    str('kind', (r) => r.f.kind),
    str('verdict', (r) => r.f.verdict),
    str('text', (r) => r.f.text),
    dbl('value', (r) => r.f.value),
    str('unit', (r) => r.f.unit),
    str('qualifier', (r) => r.f.qualifier),
    dbl('numerator', (r) => r.f.numerator),
    dbl('denominator', (r) => r.f.denominator),
    dbl('from', (r) => r.f.from),
    dbl('to', (r) => r.f.to),
    str('what', (r) => r.f.what),
    str('period', (r) => r.f.period),
    str('place', (r) => r.f.place),
    str('source', (r) => r.f.source),
    str('source_actor', (r) => r.f.sourceActor),
    str('part_of', (r) => r.f.partOf),
    str('computation', (r) => r.f.computation),
    int('start', (r) => r.f.start),
    int('end', (r) => r.f.end),
    str('rule', (r) => r.f.rule),
    ...p.tail,
  ];
  async function* batches(): AsyncGenerator<StatisticOut[]> {
    for await (const page of articlePages(store)) {
      const out: StatisticOut[] = [];
      for (const a of page) {
        const figures = await store.listStatistics({ article: a.id, all, limit: ALL_ROWS });
        // Text order within the article (the listing puts inconsistent figures first).
        figures.sort((x, y) => x.start - y.start || x.end - y.end);
        for (const f of figures) out.push({ f, a });
      }
      yield out;
    }
  }
  return table(columns, batches());
}

interface ArticleOut {
  a: ArticleRow;
  text: string | null;
}

function articlesTable(store: Store, withText: boolean): ExportTable {
  const columns: ColumnOf<ArticleOut>[] = [
    str('article_id', (r) => r.a.id),
    str('published', (r) => r.a.published),
    str('outlet', (r) => r.a.outlet),
    str('url', (r) => r.a.url),
    str('title', (r) => r.a.title),
    str('byline', (r) => r.a.byline),
    int('paragraphs', (r) => r.a.paragraphs),
    int('sentences', (r) => r.a.sentences),
    int('tokens', (r) => r.a.tokens),
    str('extractor_version', (r) => r.a.extractorVersion),
    str('source_file', (r) => r.a.source.file),
    int('source_row', (r) => r.a.source.row),
    str('source_format', (r) => r.a.source.format),
    ...(withText ? [str<ArticleOut>('text', (r) => r.text)] : []),
  ];
  async function* batches(): AsyncGenerator<ArticleOut[]> {
    for await (const page of articlePages(store)) {
      const out: ArticleOut[] = [];
      // One article's text at a time, and only when asked for.
      for (const a of page) out.push({ a, text: withText ? ((await store.articleText(a.id)) ?? null) : null });
      yield out;
    }
  }
  return table(columns, batches());
}

/** The table asked for, ready to write. */
export async function exportTable(store: Store, name: TableName, options: TableOptions = {}): Promise<ExportTable> {
  switch (name) {
    case 'quotes':
      return quotesTable(store);
    case 'actors':
      return actorsTable(store);
    case 'statements':
      return statementsTable(store);
    case 'statistics':
      return statisticsTable(store, options.all === true);
    case 'articles':
      return articlesTable(store, options.withText === true);
  }
}
