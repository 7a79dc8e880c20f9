import type { Database } from 'better-sqlite3';
import { WordIndexWriter } from './word-index.js';

/**
 * Schema migrations, applied in order. `PRAGMA user_version` holds the number
 * of migrations applied. Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: readonly ((db: Database) => void)[] = [
  // 1: runs, articles with their annotations, full-text index, ingest log.
  (db) => {
    db.exec(`
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        inputs TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        summary TEXT
      );
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        title TEXT,
        byline TEXT,
        outlet TEXT,
        published TEXT,
        url TEXT,
        language TEXT NOT NULL,
        encoding TEXT NOT NULL,
        source_file TEXT NOT NULL,
        source_row INTEGER,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        paragraphs INTEGER NOT NULL,
        sentences INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        annotations TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        first_run INTEGER NOT NULL REFERENCES runs(id),
        last_run INTEGER NOT NULL REFERENCES runs(id)
      );
      CREATE INDEX articles_outlet ON articles(outlet);
      CREATE INDEX articles_published ON articles(published);
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
      CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
      END;
      CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
      CREATE TABLE ingest_log (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        item TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('stored','updated','unchanged','duplicate','rejected','skipped')),
        article_id TEXT,
        rule TEXT,
        reason TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX ingest_log_run ON ingest_log(run_id, status);
    `);
  },
  // 2: quotes and actors as rows, for listing and filtering across the corpus.
  // Filled when an article is stored or re-analysed; older articles get theirs
  // at the next `analyze` (their extractor version is older).
  (db) => {
    db.exec(`
      CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        content TEXT NOT NULL,
        cue TEXT,
        speaker TEXT,
        actor_id TEXT,
        actor_name TEXT,
        actor_type TEXT,
        organisation TEXT,
        actor_rule TEXT,
        rule TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX quotes_actor ON quotes(actor_name COLLATE NOCASE);
      CREATE INDEX quotes_kind ON quotes(kind);
      CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        titles TEXT NOT NULL,
        roles TEXT NOT NULL,
        organisations TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
      CREATE INDEX actors_key ON actors(key);
      -- People's decisions about identities (merge, split, rename): kept apart from
      -- machine output, keyed by identity keys and article ids, which re-analysis keeps.
      CREATE TABLE identity_decisions (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
        key TEXT NOT NULL,
        others TEXT NOT NULL,
        name TEXT,
        at TEXT NOT NULL
      );
    `);
  },
  // 3: stances. Statements are machine output, rewritten with their article;
  // propositions are the user's (the last file given to analyze); codings are
  // people's calls, keyed by article id and evidence span (both survive
  // re-analysis: the id and the text never change), never touched by analyze.
  (db) => {
    db.exec(`
      CREATE TABLE statements (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        proposition TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        actor_type TEXT,
        organisations TEXT NOT NULL,
        quote_id TEXT,
        polarity TEXT NOT NULL,
        modality TEXT NOT NULL,
        rule TEXT NOT NULL,
        cues TEXT NOT NULL,
        PRIMARY KEY (article_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX statements_proposition ON statements(proposition, polarity);
      CREATE TABLE propositions (
        position INTEGER NOT NULL,
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        definition TEXT NOT NULL,
        digest TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        proposition TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        coder TEXT NOT NULL,
        polarity TEXT NOT NULL CHECK (polarity IN ('support', 'oppose', 'neutral')),
        actor_key TEXT,
        note TEXT,
        at TEXT NOT NULL,
        UNIQUE (article_id, proposition, start, end, coder)
      );
    `);
  },
  // 4: reported figures as rows, rewritten with their article.
  (db) => {
    db.exec(`
      CREATE TABLE statistics (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL,
        unit TEXT,
        qualifier TEXT,
        numerator REAL,
        denominator REAL,
        from_value REAL,
        to_value REAL,
        what TEXT,
        period TEXT,
        place TEXT,
        source TEXT,
        source_actor TEXT,
        part_of TEXT,
        verdict TEXT NOT NULL,
        computation TEXT NOT NULL,
        rule TEXT NOT NULL,
        PRIMARY KEY (article_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX statistics_kind ON statistics(kind, verdict);
      CREATE INDEX statistics_numbers ON statistics(numerator, denominator);
    `);
  },
  // 5: indexes for the dashboard's pages: quotes and figures in article date
  // order (either way, undated last) without sorting the whole table, quotes
  // sorted by speaker or organisation, quote counts per actor.
  (db) => {
    db.exec(`
      CREATE INDEX articles_date_order ON articles(published IS NULL, published, source_file, source_row, id);
      CREATE INDEX articles_date_order_desc ON articles(published IS NULL, published DESC, source_file DESC, source_row DESC, id DESC);
      CREATE INDEX articles_id_date ON articles(id, published, source_file, source_row);
      CREATE INDEX quotes_article_start ON quotes(article_id, start);
      CREATE INDEX quotes_article_actor ON quotes(article_id, actor_id);
      CREATE INDEX quotes_speaker_order ON quotes(coalesce(actor_name, speaker) IS NULL, coalesce(actor_name, speaker) COLLATE NOCASE);
      CREATE INDEX quotes_speaker_order_desc ON quotes(coalesce(actor_name, speaker) IS NULL, coalesce(actor_name, speaker) COLLATE NOCASE DESC);
      CREATE INDEX quotes_organisation_order ON quotes(organisation IS NULL, organisation COLLATE NOCASE);
      CREATE INDEX quotes_organisation_order_desc ON quotes(organisation IS NULL, organisation COLLATE NOCASE DESC);
      CREATE INDEX statistics_article_start ON statistics(article_id, start);
    `);
  },
  // 6: near-duplicate articles as last found (every member of a group with
  // the group's first appearance), and when they were found: the number of
  // articles and the highest rowid then, to tell when articles came since.
  (db) => {
    db.exec(`
      CREATE TABLE near_duplicates (
        article_id TEXT PRIMARY KEY,
        first_id TEXT NOT NULL,
        containment REAL NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX near_duplicates_first ON near_duplicates(first_id);
      CREATE TABLE near_duplicate_runs (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        found_at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        max_rowid INTEGER NOT NULL,
        seconds REAL NOT NULL
      );
    `);
  },
  // 7: the word index (see search/word-ids.ts): every word once with its id,
  // and each article's words as packed ids, in the order written (`seq`
  // never reused: a reader holding them reads only what came since), built
  // here for the articles already stored.
  (db) => {
    db.exec(`
      CREATE TABLE words (
        id INTEGER PRIMARY KEY,
        word TEXT NOT NULL UNIQUE
      );
      CREATE TABLE article_words (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        article INTEGER NOT NULL UNIQUE REFERENCES articles(rowid),
        ids BLOB NOT NULL
      );
    `);
    const writer = new WordIndexWriter(db);
    // A page of texts at a time: a connection cannot write while it reads.
    const page = db.prepare('SELECT rowid, text FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 1000').raw();
    for (let last = 0, rows = page.all(last) as [number, string][]; rows.length > 0; rows = page.all(last) as [number, string][]) {
      for (const [rowid, text] of rows) {
        writer.write(rowid, text);
        last = rowid;
      }
    }
  },
  // 8: each article's MinHash signature for near-duplicate grouping (null
  // when too short to group), with the `seq` of the word index row of the
  // text it was made from: grouping again signs only articles written since.
  (db) => {
    db.exec(`
      CREATE TABLE article_signatures (
        article INTEGER PRIMARY KEY REFERENCES articles(rowid),
        seq INTEGER NOT NULL,
        signature BLOB
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
