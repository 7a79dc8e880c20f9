/** Quote sentences of every stored article, for `sameQuotes`. */
import type { Store } from '../store/store.js';
import type { ArticleText } from './near-duplicates.js';
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

/** Every stored article's text with its date, outlet and title, for `nearDuplicates`. */
export async function loadArticleTexts(store: Store): Promise<ArticleText[]> {
  const out: ArticleText[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listArticles({ limit: PAGE, offset });
    for (const row of page) {
      const doc = await store.getArticle(row.id);
      if (doc !== undefined) out.push({ id: row.id, text: doc.text, published: row.published, outlet: row.outlet, title: row.title });
    }
    if (page.length < PAGE) break;
  }
  return out;
}
