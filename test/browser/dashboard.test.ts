/**
 * The dashboard in a real browser: Debian's Chromium (never a downloaded
 * one) driven by playwright-core against the real server, over a database
 * analysed from the example corpus. Screenshots of every page go to
 * `.tmp/screenshots/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView, Overview, QuotesPage, SeriesList, StancesView, StatementList, StatsPage } from '../../src/server/api-types.js';
import { CHROMIUM, MISSING_CHROMIUM, ROOT, SHOTS, startDashboard, type Dashboard } from '../helpers/browser.js';
import { parseCsv } from '../helpers/csv.js';

const WEB = path.join(ROOT, 'web');
const DIST = path.join(WEB, 'dist');


let dashboard: Dashboard | null = null;
let context: BrowserContext | null = null;
let base = '';

/** The newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Build the web app when it is missing or older than its sources. */
function buildWebApp(): void {
  const index = path.join(DIST, 'index.html');
  const sources = Math.max(newest(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs, statSync(path.join(WEB, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** The browser, once started (a test without it fails saying why). */
function browser(): BrowserContext {
  if (MISSING_CHROMIUM !== null) throw new Error(MISSING_CHROMIUM);
  if (context === null) throw new Error('the browser did not start (see the error of beforeAll)');
  return context;
}

async function api<T>(route: string): Promise<T> {
  browser();
  const response = await fetch(`${base}/api/${route}`);
  if (!response.ok) throw new Error(`GET /api/${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions and Content Security Policy violations seen so far. */
  problems: string[];
}

async function open(route: string, width = 1280): Promise<Opened> {
  const page = await browser().newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/iu.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${base}${route}`);
  // Report CSP violations the console might not name.
  await page.evaluate("document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
  return { page, problems };
}

/** Wait until no loading message is shown. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="page-title"]');
  await page.waitForSelector('.loading', { state: 'detached' });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const totalOf = (text: string | null): number => Number(/of ([\d,]+)/u.exec(text ?? '')?.[1]?.replace(/,/gu, '') ?? (/^No /u.test(text ?? '') ? 0 : Number.NaN));

beforeAll(async () => {
  if (MISSING_CHROMIUM !== null) return;
  buildWebApp();
  mkdirSync(SHOTS, { recursive: true });
  dashboard = await startDashboard('verbatim-browser-', () => DIST);
  ({ context, base } = dashboard);
}, 240_000);

afterAll(async () => {
  await dashboard?.close();
});

describe('dashboard in Chromium', () => {
  it(`finds Chromium at ${CHROMIUM}`, () => {
    expect(MISSING_CHROMIUM, MISSING_CHROMIUM ?? '').toBeNull();
  });

  it('opens every page without console errors or CSP violations, and screenshots it', async () => {
    const overview = await api<Overview>('overview');
    const articles = await api<{ rows: { id: string }[] }>('articles?limit=100');
    const article = articles.rows[0]?.id;
    const speaker = overview.topSpeakers[0]?.key;
    expect(article).toBeDefined();
    expect(speaker).toBeDefined();
    const pages: [string, string, string][] = [
      ['/', 'overview', 'overview'],
      ['/articles', 'articles', 'articles-table'],
      [`/articles/${article}`, 'article', 'article-text'],
      ['/quotes', 'quotes', 'quotes-table'],
      ['/actors', 'actors', 'actors-table'],
      [`/actors/${encodeURIComponent(speaker ?? '')}`, 'actor', 'actor-positions'],
      ['/stances', 'stances', 'matrix'],
      ['/stats', 'stats', 'stats-table'],
    ];
    for (const [route, name, testid] of pages) {
      const { page, problems } = await open(route);
      await page.waitForSelector(`[data-testid="${testid}"]`);
      await settled(page);
      if (name === 'overview') await page.waitForSelector('[data-testid="chart-months-plot"] svg');
      if (name === 'stances') await page.waitForSelector('[data-testid="chart-positions-plot"] svg');
      expect(await page.locator('h1').count(), `${route}: one h1`).toBe(1);
      expect(await page.locator('[data-testid="error"]').count(), `${route}: no API error`).toBe(0);
      expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
      await shoot(page, name);
      expect(problems, `${route}: ${problems.join('\n')}`).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('keeps a view in its URL: the overview links lead to shareable pages', async () => {
    const { page, problems } = await open('/');
    await settled(page);
    await page.locator('[data-testid="top-speakers"] a').first().click();
    await page.waitForSelector('[data-testid="actor-positions"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/actors\/person%3A/u);
    await page.goBack();
    await page.waitForSelector('[data-testid="overview"]');
    await page.locator('[data-testid="nav-quotes"]').click();
    await page.waitForSelector('[data-testid="quotes-table"]');
    expect(await page.locator('[data-testid="nav-quotes"]').getAttribute('aria-current')).toBe('page');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts each near-duplicate group once when the header switch is on, and keeps it on across pages', async () => {
    const all = await api<Overview>('overview');
    const once = await api<Overview>('overview?dedupe=1');
    expect(once.totals.articles).toBe(all.totals.articles - all.nearDuplicates.copies);
    const { page, problems } = await open('/');
    await settled(page);
    const articles = async (): Promise<string | null> => page.locator('[data-testid="totals"] .total').first().locator('dd').textContent();
    expect(await articles()).toBe(String(all.totals.articles));
    const toggle = page.locator('[data-testid="dedupe-toggle"]');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.waitForSelector('[data-testid="dedupe-note"]');
    const showing = async (n: number): Promise<unknown> => page.waitForFunction(`document.querySelector('[data-testid="totals"] .total dd')?.textContent === '${n}'`);
    await showing(once.totals.articles);
    expect(new URL(page.url()).searchParams.get('dedupe')).toBe('1');
    expect(await page.locator('[data-testid="dedupe-note"]').textContent()).toContain('1 later copy in 1 group left out');
    // The navigation and the links inside pages keep the switch on.
    expect(new URL(`${base}${(await page.locator('[data-testid="nav-stances"]').getAttribute('href')) ?? ''}`).searchParams.get('dedupe')).toBe('1');
    await page.locator('[data-testid="top-speakers"] a').first().click();
    await page.waitForSelector('[data-testid="actor-positions"]');
    expect(new URL(page.url()).searchParams.get('dedupe')).toBe('1');
    await page.locator('[data-testid="nav-actors"]').click();
    await page.waitForSelector('[data-testid="dedupe-note"]');
    expect(await page.locator('[data-testid="dedupe-toggle"]').isChecked()).toBe(true);
    // Off again: the counts of the whole corpus come back.
    await page.locator('[data-testid="nav-overview"]').click();
    await page.locator('[data-testid="dedupe-toggle"]').uncheck();
    await showing(all.totals.articles);
    expect(new URL(page.url()).searchParams.has('dedupe')).toBe(false);
    await shoot(page, 'overview-dedupe');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters quotes by a speaker and shows the new total', async () => {
    const { page, problems } = await open('/quotes');
    await page.waitForSelector('[data-testid="quotes-table"]');
    await settled(page);
    const before = totalOf(await page.locator('[data-testid="total"]').textContent());
    const all = await api<QuotesPage>('quotes?limit=1');
    expect(before).toBe(all.total);

    await page.fill('[data-testid="filter-speaker"]', 'Holloway');
    await page.click('[data-testid="apply-filters"]');
    await page.waitForURL(/speaker=Holloway/u);
    const holloway = await api<QuotesPage>('quotes?speaker=Holloway&limit=1');
    await page.waitForSelector(`[data-testid="total"]:has-text("of ${holloway.total} quotes")`);
    await settled(page);
    const after = totalOf(await page.locator('[data-testid="total"]').textContent());
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const speakers = await page.locator('[data-testid="quote-row"] [data-col="speaker"]').allTextContents();
    expect(speakers.length).toBe(after);
    for (const s of speakers) expect(s).toMatch(/Holloway/u);

    // A filter nothing matches says so in words.
    await page.fill('[data-testid="filter-speaker"]', 'nobody-by-this-name');
    await page.click('[data-testid="apply-filters"]');
    await page.waitForSelector('[data-testid="empty"]');
    expect(await page.locator('[data-testid="empty"]').textContent()).toContain('No quotes match these filters');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts quotes by a column, with aria-sort on its header', async () => {
    const { page, problems } = await open('/quotes');
    await page.waitForSelector('[data-testid="quotes-table"]');
    await settled(page);
    expect(await page.getAttribute('[data-testid="sort-published"]', 'aria-sort')).toBe('ascending');
    await page.click('[data-testid="sort-speaker"] button');
    await page.waitForURL(/sort=speaker/u);
    await page.waitForSelector('[data-testid="sort-speaker"][aria-sort="ascending"]');
    await settled(page);
    const expected = await api<QuotesPage>('quotes?sort=speaker&dir=asc&limit=25');
    const ids = await page.locator('[data-testid="quote-row"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-article')}:${r.getAttribute('data-id')}`));
    expect(ids).toEqual(expected.rows.map((r) => `${r.articleId}:${r.id}`));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('highlights every quote, figure and statement of every article exactly at its offsets', async () => {
    const list = await api<{ rows: { id: string }[]; total: number }>('articles?limit=1000');
    expect(list.rows.length).toBe(list.total);
    let quotes = 0;
    for (const { id } of list.rows) {
      const { document: doc } = await api<ArticleView>(`articles/${id}`);
      const { page, problems } = await open(`/articles/${id}`);
      await page.waitForSelector('[data-testid="article-text"]');
      // The article is only text inside paragraphs and highlights: nothing of it is parsed as HTML.
      const tags = await page.locator('[data-testid="article-text"] *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
      for (const tag of tags) expect(['P', 'MARK', 'SPAN']).toContain(tag);
      // The text of each highlight, joined over the pieces overlapping spans split it into.
      const shown = await page.locator('[data-testid="article-text"] [data-kind]').evaluateAll((els) => {
        const out: Record<string, string> = {};
        for (const e of els) {
          const key = `${e.getAttribute('data-kind')}:${e.getAttribute('data-id')}:${e.getAttribute('data-part')}`;
          out[key] = (out[key] ?? '') + (e.textContent ?? '');
        }
        return out;
      });
      for (const q of doc.quotes) {
        q.content.forEach((span, part) => {
          expect(shown[`${q.kind === 'term' ? 'term' : 'quote'}:${q.id}:${part}`], `${id} ${q.id} part ${part}`).toBe(doc.text.slice(span.start, span.end));
        });
        if (q.cue !== null) expect(shown[`cue:${q.id}:0`], `${id} ${q.id} cue`).toBe(doc.text.slice(q.cue.start, q.cue.end));
        if (q.speaker !== null) expect(shown[`speaker:${q.id}:0`], `${id} ${q.id} speaker`).toBe(doc.text.slice(q.speaker.start, q.speaker.end));
        if (q.kind !== 'term') quotes++;
      }
      for (const f of doc.statistics) expect(shown[`statistic:${f.id}:0`], `${id} ${f.id}`).toBe(doc.text.slice(f.start, f.end));
      for (const t of doc.statements) expect(shown[`statement:${t.id}:0`], `${id} ${t.id}`).toBe(doc.text.slice(t.start, t.end));
      expect(problems, `${id}: ${problems.join('\n')}`).toEqual([]);
      await page.close();
    }
    expect(quotes).toBeGreaterThan(50);
  }, 180_000);

  it('jumps from a panel item to its highlight and focuses it; a shared link opens at the item', async () => {
    const overview = await api<Overview>('overview');
    const wrong = overview.inconsistent[0];
    expect(wrong?.text).toBe('61 per cent (45 of 90)');
    const { page, problems } = await open(`/articles/${wrong?.articleId ?? ''}`);
    await page.waitForSelector('[data-testid="item-panel"]');
    await page.click(`[data-testid="jump-${wrong?.id ?? ''}"]`);
    await page.waitForSelector(`#hl-statistic-${wrong?.id ?? ''}:focus`);
    expect(await page.locator(`#hl-statistic-${wrong?.id ?? ''}`).textContent()).toBe('61 per cent (45 of 90)');
    expect(page.url()).toContain(`item=${wrong?.id ?? ''}`);
    // The panel item of a quote names its speaker with a link to the actor's page.
    const speakerLink = page.locator('[data-testid="item-panel"] li[data-testid^="item-q"] a[href^="/actors/"]').first();
    expect(await speakerLink.count()).toBe(1);

    const again = await open(page.url().replace(base, ''));
    await again.page.waitForSelector(`#hl-statistic-${wrong?.id ?? ''}:focus`);
    expect(problems.concat(again.problems)).toEqual([]);
    await again.page.close();
    await page.close();
  });

  it('exports exactly the quotes shown as CSV and JSON', async () => {
    const { page, problems } = await open('/quotes?org=Police&limit=25&offset=5');
    await page.waitForSelector('[data-testid="quotes-table"]');
    await settled(page);
    const table = await page.locator('[data-testid="quote-row"]').evaluateAll((rows) =>
      rows.map((r) => ({
        speaker: r.querySelector('[data-col="speaker"] a')?.textContent ?? '',
        organisation: r.querySelector('[data-col="organisation"]')?.textContent ?? '',
        kind: r.querySelector('[data-col="kind"]')?.textContent ?? '',
        quote: r.querySelector('[data-col="quote"]')?.textContent ?? '',
        id: `${r.getAttribute('data-article')}:${r.getAttribute('data-id')}`,
      })),
    );
    expect(table.length).toBeGreaterThan(0);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const csvPath = await csvDownload.path();
    const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
    expect(header).toBeDefined();
    const col = (name: string): number => header?.indexOf(name) ?? -1;
    expect(rows.map((r) => ({ speaker: r[col('speaker')], organisation: r[col('organisation')], kind: r[col('kind')], quote: r[col('quote')], id: `${r[col('article')]}:${r[col('id')]}` }))).toEqual(table);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as QuotesPage['rows'];
    expect(json.map((r) => `${r.articleId}:${r.id}`)).toEqual(table.map((r) => r.id));
    const expected = await api<QuotesPage>('quotes?org=Police&limit=25&offset=5');
    expect(json).toEqual(expected.rows);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers the data of a chart as CSV', async () => {
    const overview = await api<Overview>('overview');
    const { page, problems } = await open('/');
    await page.waitForSelector('[data-testid="chart-months-plot"] svg');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="chart-months-csv"]')]);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(header).toEqual(['month', 'articles']);
    // Every month the API counts is there with its count; months between them are plotted (and exported) as 0.
    const got = new Map(rows.map((r) => [r[0], Number(r[1])]));
    for (const m of overview.perMonth) expect(got.get(m.month), m.month).toBe(m.articles);
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(overview.totals.articles);
    expect(await page.locator('[data-testid="chart-months-plot"] svg rect').count()).toBeGreaterThanOrEqual(overview.perMonth.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('codes a statement on the Stances page and shows the changed position in the matrix', async () => {
    const stances = await api<StancesView>('stances');
    // An actor whose whole position rests on one neutral statement of its own: coding it "support" must make it support.
    const target = stances.positions.find((p) => p.window === 'all' && p.position === 'neutral' && p.neutral === 1 && p.support + p.oppose + p.viaSupport + p.viaOppose + p.viaNeutral === 0);
    expect(target, 'an actor with a single neutral statement').toBeDefined();
    const key = target?.actorKey ?? '';
    const statements = await api<StatementList>(`statements?actor=${encodeURIComponent(key)}&proposition=${encodeURIComponent(target?.proposition ?? '')}`);
    expect(statements.length).toBe(1);

    const { page, problems } = await open(`/stances?proposition=${encodeURIComponent(target?.proposition ?? '')}`);
    await page.waitForSelector('[data-testid="matrix"]');
    await settled(page);
    const row = page.locator(`[data-testid="matrix-row"][data-actor="${key}"]`);
    expect(await row.locator('[data-testid="matrix-cell"]').getAttribute('data-position')).toBe('neutral');
    await page.fill('[data-testid="coder"]', 'browser-test');
    await row.locator('[data-testid="matrix-actor"]').click();
    expect(await row.locator('[data-testid="matrix-actor"]').getAttribute('aria-expanded')).toBe('true');
    await page.waitForSelector('[data-testid="evidence"] [data-testid="statement"]');
    await page.click('[data-testid="evidence"] [data-testid="code-support"]');
    await page.waitForSelector(`[data-testid="matrix-row"][data-actor="${key}"] [data-testid="matrix-cell"][data-position="support"]`);
    expect(await row.locator('[data-testid="matrix-cell"]').textContent()).toContain('support');
    expect(await page.locator('[data-testid="coding-notice"]').textContent()).toMatch(/browser-test coded the statement as support.*neutral → support/u);
    await page.waitForSelector('[data-testid="evidence"] [data-testid="statement"][data-polarity="support"]');
    expect(await page.locator('[data-testid="evidence"] [data-testid="statement"]').textContent()).toContain('coded by browser-test');

    // Confirming keeps the position; the server has the coding.
    await page.click('[data-testid="evidence"] [data-testid="code-confirm"]');
    await page.waitForSelector('[data-testid="coding-notice"]:has-text("confirmed")');
    expect(await row.locator('[data-testid="matrix-cell"]').getAttribute('data-position')).toBe('support');
    const after = await api<StancesView>('stances');
    expect(after.positions.find((p) => p.window === 'all' && p.actorKey === key && p.proposition === target?.proposition)?.position).toBe('support');

    // The coder's name is remembered.
    await page.reload();
    await page.waitForSelector('[data-testid="coder"]');
    expect(await page.inputValue('[data-testid="coder"]')).toBe('browser-test');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists the inconsistent figure first on the Statistics page, with its computation', async () => {
    const { page, problems } = await open('/stats');
    await page.waitForSelector('[data-testid="stats-table"]');
    await settled(page);
    const first = page.locator('[data-testid="stat-row"]').first();
    expect(await first.getAttribute('data-verdict')).toBe('inconsistent');
    expect(await first.locator('th').textContent()).toBe('61 per cent (45 of 90)');
    expect(await first.textContent()).toContain('45 / 90');
    await page.selectOption('[data-testid="filter-verdict"]', 'consistent');
    await page.click('[data-testid="apply-filters"]');
    await page.waitForURL(/verdict=consistent/u);
    await page.waitForSelector('[data-testid="stat-row"][data-verdict="inconsistent"]', { state: 'detached' });
    expect(await page.locator('[data-testid="stat-row"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="same-figures"]').textContent()).toContain('The same figure across articles');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a line chart per series, with its data as CSV', async () => {
    // The example corpus reports no measure in two years, so the series answer is made here from two of its real figures.
    const shares = await api<StatsPage>('stats?kind=share&limit=100');
    const parts = shares.rows.filter((r) => r.numerator !== null && r.denominator !== null).slice(0, 3);
    expect(parts.length).toBe(3);
    const series: SeriesList = [
      {
        measure: 'cases in the example corpus',
        kind: 'share',
        points: parts.map((row, i) => ({ period: String(2021 + i), year: 2021 + i, value: Math.round(((row.numerator ?? 0) / (row.denominator ?? 1)) * 1000) / 10, unit: 'percent', row })),
      },
    ];
    const { page, problems } = await open('/stats', 1280);
    await page.route('**/api/stats/series**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(series) }));
    await page.reload();
    await page.waitForSelector('[data-testid="chart-series-0-plot"] svg');
    expect(await page.locator('[data-testid="chart-series-0-plot"] svg circle').count()).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="chart-series-0-csv"]')]);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(header?.slice(0, 5)).toEqual(['measure', 'kind', 'year', 'period', 'value']);
    expect(rows.map((r) => [Number(r[2]), Number(r[4])])).toEqual(series[0]?.points.map((p) => [p.year, p.value]));
    await page.locator('[data-testid="series"]').screenshot({ path: path.join(SHOTS, 'stats-series.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows API errors and missing pages in words', async () => {
    const { page, problems } = await open('/articles/no-such-article');
    await page.waitForSelector('[data-testid="error"]');
    expect(await page.locator('[data-testid="error"]').textContent()).toMatch(/^Could not load the article: .+/u);
    // The failed request itself is the one console error expected here.
    expect(problems.filter((p) => !/Failed to load resource.*404/u.test(p))).toEqual([]);
    await page.goto(`${base}/no/such/page`);
    await page.waitForSelector('[data-testid="not-found"]');
    await page.close();
  });

  it('is keyboard navigable: the skip link moves focus to the content', async () => {
    const { page, problems } = await open('/quotes');
    await page.waitForSelector('[data-testid="quotes-table"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip-link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#main:focus');
    const headers = await page.locator('[data-testid="quotes-table"] thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope')));
    expect(headers.every((s) => s === 'col')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a 390 px wide screen without horizontal page scrolling', async () => {
    const overview = await api<Overview>('overview');
    const article = overview.inconsistent[0]?.articleId ?? '';
    for (const [route, name] of [
      ['/', 'overview-390'],
      ['/quotes', 'quotes-390'],
      [`/articles/${article}`, 'article-390'],
      ['/stances', 'stances-390'],
      ['/stats', 'stats-390'],
    ] as const) {
      const { page, problems } = await open(route, 390);
      await page.waitForSelector('[data-testid="page-title"]');
      await settled(page);
      if (name === 'overview-390') await page.waitForSelector('[data-testid="chart-months-plot"] svg');
      const width = await page.locator('html').evaluate((html) => ({ scroll: html.scrollWidth, client: html.clientWidth }));
      expect(width.scroll, `${route} at 390 px`).toBeLessThanOrEqual(width.client);
      await shoot(page, name);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 180_000);
});
