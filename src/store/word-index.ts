/**
 * Writes the word index (see `search/word-ids.ts`): each stored article's
 * folded words as ids, and the words themselves. Ids are given in the order
 * words are first met, from 0 with no gaps, so a reader can extend its copy
 * of the word list from the last id it holds.
 */
import type { Database, Statement } from 'better-sqlite3';
import { foldedWords } from '../search/fold.js';
import { packWordIds } from '../search/word-ids.js';

export class WordIndexWriter {
  /** Word to id, read from the store when first needed. */
  private ids: Map<string, number> | null = null;
  /** The database's `data_version` when `ids` was read: it moves when another connection commits (words of its own, perhaps). */
  private version = -1;
  private readonly insertWord: Statement;
  private readonly insertArticle: Statement;

  constructor(private readonly db: Database) {
    this.insertWord = db.prepare('INSERT INTO words (id, word) VALUES (?, ?)');
    this.insertArticle = db.prepare('INSERT OR REPLACE INTO article_words (article, ids) VALUES (?, ?)');
  }

  /** Index one article's text; inside the caller's transaction. */
  write(rowid: number, text: string): void {
    let known = this.ids;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (known === null || version !== this.version) {
      known = new Map();
      this.version = version;
      for (const [id, word] of this.db.prepare('SELECT id, word FROM words ORDER BY id').raw().iterate() as IterableIterator<[number, string]>) known.set(word, id);
      this.ids = known;
    }
    const words = foldedWords(text);
    const ids = new Array<number>(words.length);
    words.forEach((word, i) => {
      let id = known.get(word);
      if (id === undefined) {
        id = known.size;
        this.insertWord.run(id, word);
        known.set(word, id);
      }
      ids[i] = id;
    });
    this.insertArticle.run(rowid, packWordIds(ids));
  }

  /** After a rollback: words given ids since may not be stored, so the list is read again when next needed. */
  forget(): void {
    this.ids = null;
  }
}
