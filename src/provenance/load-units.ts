/** Quote sentences of every stored article, for `sameQuotes`. */
import type { Store } from '../store/store.js';
import { NearDuplicateFinder, type NearDuplicateGroup } from './near-duplicates.js';
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

/** Near-duplicate groups of the stored articles, streaming: texts are read a page at a time and again only to confirm a candidate pair. */
export async function findNearDuplicates(store: Store): Promise<NearDuplicateGroup[]> {
  const finder = new NearDuplicateFinder();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listArticles({ limit: PAGE, offset });
    for (const row of page) {
      const doc = await store.getArticle(row.id);
      if (doc !== undefined) finder.add({ id: row.id, published: row.published, outlet: row.outlet, title: row.title }, doc.text);
    }
    if (page.length < PAGE) break;
  }
  return finder.groups(async (id) => (await store.getArticle(id))?.text);
}
