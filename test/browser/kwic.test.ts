/**
 * The concordance page in a real browser: Debian's Chromium (never a
 * downloaded one) driven by playwright-core against the real server, over a
 * database analysed from the example corpus. The web app is built into this
 * test's own folder, so it never races the dashboard tests' build.
 * Screenshots go to `.tmp/screenshots/`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KwicPage, SearchPage } from '../../src/server/api-types.js';
import { MISSING_CHROMIUM, ROOT, SHOTS, startDashboard, type Dashboard } from '../helpers/browser.js';
import { parseCsv } from '../helpers/csv.js';



let dashboard: Dashboard | null = null;
let context: BrowserContext | null = null;
let base = '';

function browser(): BrowserContext {
  if (MISSING_CHROMIUM !== null) throw new Error(MISSING_CHROMIUM);
  if (context === null) throw new Error('the browser did not start (see the error of beforeAll)');
  return context;
}

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${base}/api/${route}`);
  if (!response.ok) throw new Error(`GET /api/${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  if (MISSING_CHROMIUM !== null) return;
  mkdirSync(SHOTS, { recursive: true });
  dashboard = await startDashboard('verbatim-kwic-', (workDir) => {
    const webRoot = path.join(workDir, 'dist');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn', '--outDir', webRoot, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
    return webRoot;
  });
  ({ context, base } = dashboard);
}, 240_000);

afterAll(async () => {
  await dashboard?.close();
});

describe('concordance in Chromium', () => {
  it('finds a pattern typed on /kwic, shows its rows with the keyword centred, exports them, and the query box leads to search results', async () => {
    const page = await browser().newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/iu.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${base}/kwic`);
    await page.waitForSelector('[data-testid="page-title"]');
    expect(await page.locator('[data-testid="nav-kwic"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-testid="empty"]').textContent()).toContain('Type words');

    // Type a pattern, sort by the words before it.
    await page.fill('[data-testid="filter-pattern"]', 'paedophile hunter*');
    await page.selectOption('[data-testid="filter-sort"]', 'left');
    await page.click('[data-testid="apply-filters"]');
    await page.waitForURL(/pattern=paedophile\+hunter\*/u);
    await page.waitForSelector('[data-testid="kwic-row"]');
    await page.waitForSelector('.loading', { state: 'detached' });
    expect(new URL(page.url()).searchParams.get('sort')).toBe('left');

    const expected = await api<KwicPage>(`kwic?${new URLSearchParams({ pattern: 'paedophile hunter*', sort: 'left', limit: '100' }).toString()}`);
    expect(expected.total).toBeGreaterThan(5);
    const shown = await page.locator('[data-testid="kwic-row"]').evaluateAll((rows) =>
      rows.map((r) => ({
        article: r.getAttribute('data-article'),
        start: Number(r.getAttribute('data-start')),
        left: r.querySelector('[data-col="left"]')?.textContent ?? '',
        keyword: r.querySelector('[data-col="keyword"]')?.textContent ?? '',
        right: r.querySelector('[data-col="right"]')?.textContent ?? '',
      })),
    );
    const oneLine = (text: string): string => text.replace(/\s+/gu, ' ');
    expect(shown).toEqual(expected.rows.map((r) => ({ article: r.articleId, start: r.start, left: oneLine(r.left), keyword: oneLine(r.keyword), right: oneLine(r.right) })));
    for (const row of shown) expect(row.keyword).toMatch(/^paedophile\W+hunter/iu);
    expect(await page.locator('[data-testid="total"]').textContent()).toContain(`of ${expected.total} occurrences`);

    // The keyword column is centred, the words before it right-aligned against it.
    const alignOf = async (col: string): Promise<unknown> => await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="kwic-row"] [data-col="${col}"]')).textAlign`);
    const align = { left: await alignOf('left'), keyword: await alignOf('keyword') };
    expect(align).toEqual({ left: 'right', keyword: 'center' });
    await page.screenshot({ path: path.join(SHOTS, 'kwic.png'), fullPage: true });

    // The CSV holds exactly the rows shown, the contexts as in the text.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const [header, ...records] = parseCsv(readFileSync(await download.path(), 'utf8'));
    const col = (name: string): number => header?.indexOf(name) ?? -1;
    expect(records.map((r) => ({ article: r[col('article')], start: Number(r[col('start')]), keyword: r[col('keyword')], left: r[col('left')], right: r[col('right')] }))).toEqual(
      expected.rows.map((r) => ({ article: r.articleId, start: r.start, keyword: r.keyword, left: r.left, right: r.right })),
    );

    // A row leads to its article.
    const first = expected.rows[0];
    await page.locator('[data-testid="kwic-row"] [data-col="article"] a').first().click();
    await page.waitForSelector('[data-testid="article-text"]');
    expect(new URL(page.url()).pathname).toBe(`/articles/${first?.articleId ?? ''}`);

    // The query box in the header reaches the search results, matches marked as text.
    await page.fill('[data-testid="site-search-input"]', '"hunter groups" NOT council');
    await page.press('[data-testid="site-search-input"]', 'Enter');
    await page.waitForURL(/\/search\?q=/u);
    await page.waitForSelector('[data-testid="search-result"]');
    await page.waitForSelector('.loading', { state: 'detached' });
    const results = await api<SearchPage>(`search?${new URLSearchParams({ q: '"hunter groups" NOT council', limit: '25' }).toString()}`);
    expect(await page.locator('[data-testid="search-result"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-article')))).toEqual(results.rows.map((r) => r.id));
    const marks = await page.locator('[data-testid="snippet"] mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase().replace(/\W+/gu, ' ')).toBe('hunter groups');
    expect(await page.locator('[data-testid="snippet"] mark *').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'search.png'), fullPage: true });

    // A query that cannot be read says why, in words.
    await page.fill('[data-testid="site-search-input"]', '"hunter groups');
    await page.press('[data-testid="site-search-input"]', 'Enter');
    await page.waitForSelector('[data-testid="error"]');
    expect(await page.locator('[data-testid="error"]').textContent()).toContain('is never closed');

    // On a narrow screen the concordance scrolls in its own region, never the page.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${base}/kwic?pattern=hunter+groups&sort=right`);
    await page.waitForSelector('[data-testid="kwic-row"]');
    const width = await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
    expect((width as { scroll: number }).scroll).toBeLessThanOrEqual((width as { client: number }).client);
    await page.screenshot({ path: path.join(SHOTS, 'kwic-390.png'), fullPage: true });
    // The failed request itself is the one console error expected here.
    expect(problems.filter((p) => !/Failed to load resource.*400/u.test(p))).toEqual([]);
    await page.close();
  }, 120_000);
});
