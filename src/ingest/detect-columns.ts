/**
 * Which field of a JSONL object or CSV row holds the text, the title, the
 * date... Names are matched case-insensitively after trimming; the first
 * candidate present wins. A column named by the user must exist.
 */
import type { ColumnOverrides } from './types.js';

export type ColumnRole = keyof ColumnOverrides;

/** Field names tried for each role, most specific first. */
export const COLUMN_CANDIDATES: Readonly<Record<ColumnRole, readonly string[]>> = {
  text: ['text', 'body', 'content', 'article_text', 'full_text', 'story'],
  title: ['title', 'headline'],
  date: ['date', 'publish_date', 'publication_date', 'published', 'published_at', 'pubdate', 'datetime'],
  url: ['url', 'link', 'canonical_url'],
  outlet: ['outlet', 'media_name', 'source', 'publisher', 'site_name', 'media'],
  byline: ['byline', 'author', 'authors'],
};

const OPTIONAL_ROLES = ['title', 'date', 'url', 'outlet', 'byline'] as const;

/** The field name (as spelt in the data) chosen for each role. */
export interface DetectedColumns {
  text: string;
  title: string | null;
  date: string | null;
  url: string | null;
  outlet: string | null;
  byline: string | null;
}

export type ColumnDetection =
  | { ok: true; columns: DetectedColumns }
  | { ok: false; rule: string; reason: string };

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

function listFields(fields: readonly string[]): string {
  return fields.length === 0 ? '(none)' : fields.map((field) => `"${field}"`).join(', ');
}

export function detectColumns(fields: readonly string[], overrides: ColumnOverrides): ColumnDetection {
  const byName = new Map<string, string>();
  for (const field of fields) {
    const key = normalise(field);
    if (!byName.has(key)) byName.set(key, field);
  }

  const chosen = new Map<ColumnRole, string | null>();
  for (const role of ['text', ...OPTIONAL_ROLES] as const) {
    const override = overrides[role];
    if (override !== undefined) {
      const field = byName.get(normalise(override));
      if (field === undefined) {
        return {
          ok: false,
          rule: 'ingest.columns.unknown-override',
          reason: `the ${role} column "${override}" is not in the data; the fields are ${listFields(fields)}`,
        };
      }
      chosen.set(role, field);
      continue;
    }
    const found = COLUMN_CANDIDATES[role].find((candidate) => byName.has(candidate));
    chosen.set(role, found === undefined ? null : (byName.get(found) ?? null));
  }

  const text = chosen.get('text');
  if (text === undefined || text === null) {
    return {
      ok: false,
      rule: 'ingest.columns.no-text',
      reason:
        `no text column: none of ${COLUMN_CANDIDATES.text.join(', ')} among the fields ${listFields(fields)}; ` +
        'name the column that holds the article text with --text-column',
    };
  }
  return {
    ok: true,
    columns: {
      text,
      title: chosen.get('title') ?? null,
      date: chosen.get('date') ?? null,
      url: chosen.get('url') ?? null,
      outlet: chosen.get('outlet') ?? null,
      byline: chosen.get('byline') ?? null,
    },
  };
}
