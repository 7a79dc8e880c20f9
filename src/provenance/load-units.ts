/** Quote sentences of every stored article, for `sameQuotes`. */
import { StoreError, type Store } from '../store/store.js';
import { quoteSentences, type QuoteUnit } from './same-quote.js';

const PAGE = 500;

/** Each direct or mixed quote cut into sentences, with its article's date and outlet and its speaker's name. */
export async function loadQuoteUnits(store: Store): Promise<QuoteUnit[]> {
  const units: QuoteUnit[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listArticles({ limit: PAGE, offset });
    for (const row of page) {
      const doc = await store.getArticle(row.id);
      if (doc === undefined) continue;
      const names = new Map(doc.actors.map((a) => [a.id, a.name]));
      for (const q of doc.quotes) {
        if (q.kind !== 'direct' && q.kind !== 'mixed') continue;
        const speaker = q.actor === null ? (q.speaker === null ? null : doc.text.slice(q.speaker.start, q.speaker.end)) : (names.get(q.actor) ?? null);
        for (const c of q.content) {
          units.push(...quoteSentences({ articleId: doc.id, quoteId: q.id, speaker, published: doc.meta.published, outlet: doc.meta.outlet }, doc.text.slice(c.start, c.end), c.start));
        }
      }
    }
    if (page.length < PAGE) break;
  }
  return units;
}

/**
 * The articles to leave out when each near-duplicate group counts once (its
 * members after the first appearance), with a warning when articles were
 * stored after the groups were found. A `StoreError` when they never were.
 */
export async function copiesLeftOut(store: Store): Promise<{ copies: Set<string>; warning: string | null }> {
  const state = await store.nearDuplicates();
  if (state.foundAt === null) throw new StoreError(NOT_GROUPED);
  return { copies: new Set(await store.nearDuplicateCopies()), warning: state.stale ? STALE_GROUPS : null };
}

export const NOT_GROUPED = "near-duplicate articles have not been grouped in this database yet: run 'verbatim articles same' (or analyse again) first";
export const STALE_GROUPS = "articles were stored after the near-duplicate groups were found: run 'verbatim articles same' to group them again";

/** The rows not from an article left out (see `copiesLeftOut`). */
export function withoutArticles<T extends { articleId: string }>(rows: T[], leaveOut: ReadonlySet<string> | undefined): T[] {
  return leaveOut === undefined || leaveOut.size === 0 ? rows : rows.filter((r) => !leaveOut.has(r.articleId));
}
