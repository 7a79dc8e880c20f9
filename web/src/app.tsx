/** The frame of every view: skip link, header with navigation, the routed page. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from './components/ui.js';
import { GLOBAL_FILTERS, href, navigate, queryObject, useLocation, type Location } from './router.js';
import { OverviewPage } from './pages/overview.js';
import { ArticlesPage } from './pages/articles.js';
import { ArticlePage } from './pages/article.js';
import { QuotesPage } from './pages/quotes.js';
import { ActorsPage } from './pages/actors.js';
import { ActorPage } from './pages/actor.js';
import { StancesPage } from './pages/stances.js';
import { StatsPage } from './pages/stats.js';
import { SearchPage } from './pages/search.js';
import { KwicPage } from './pages/kwic.js';
import { DEDUPE, DedupeSwitch } from './dedupe.js';

const NAV: { path: string; label: string; filters: boolean }[] = [
  { path: '/', label: 'Overview', filters: false },
  { path: '/articles', label: 'Articles', filters: true },
  { path: '/quotes', label: 'Quotes', filters: true },
  { path: '/actors', label: 'Actors', filters: false },
  { path: '/stances', label: 'Stances', filters: false },
  { path: '/stats', label: 'Statistics', filters: true },
  { path: '/search', label: 'Search', filters: true },
  { path: '/kwic', label: 'Concordance', filters: false },
];

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function route(location: Location): { section: string; page: JSX.Element } {
  let path = location.path;
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const [, first = '', second, ...rest] = path.split('/');
  const id = second === undefined || rest.length > 0 ? null : decode(second);
  switch (first) {
    case '':
      return { section: '/', page: <OverviewPage /> };
    case 'articles':
      if (second === undefined) return { section: '/articles', page: <ArticlesPage location={location} /> };
      if (id !== null) return { section: '/articles', page: <ArticlePage key={id} id={id} location={location} /> };
      break;
    case 'quotes':
      if (second === undefined) return { section: '/quotes', page: <QuotesPage location={location} /> };
      break;
    case 'actors':
      if (second === undefined) return { section: '/actors', page: <ActorsPage location={location} /> };
      if (id !== null) return { section: '/actors', page: <ActorPage key={id} actorKey={id} /> };
      break;
    case 'stances':
      if (second === undefined) return { section: '/stances', page: <StancesPage location={location} /> };
      break;
    case 'stats':
      if (second === undefined) return { section: '/stats', page: <StatsPage location={location} /> };
      break;
    case 'search':
      if (second === undefined) return { section: '/search', page: <SearchPage location={location} /> };
      break;
    case 'kwic':
      if (second === undefined) return { section: '/kwic', page: <KwicPage location={location} /> };
      break;
  }
  return { section: '', page: <NotFound path={location.path} /> };
}

/** The query box of every page: it leads to the search results, keeping the outlet and date filters in view. */
function SiteSearch({ location }: { location: Location }): JSX.Element {
  const current = location.path === '/search' ? (location.query.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  const submit = (event: Event): void => {
    event.preventDefault();
    const q = value.trim();
    if (q === '') return;
    navigate(href('/search', { ...queryObject(location.query, ['outlet', 'from', 'to']), q }));
  };
  return (
    <form class="site-search" role="search" aria-label="Search the articles" onSubmit={submit} data-testid="site-search">
      <label for="site-search-q" class="visually-hidden">
        Search the articles
      </label>
      <input id="site-search-q" type="search" name="q" value={value} onInput={(e) => setValue(e.currentTarget.value)} placeholder="Search the articles" data-testid="site-search-input" />
      <button type="submit">Search</button>
    </form>
  );
}

function NotFound({ path }: { path: string }): JSX.Element {
  return (
    <section data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link href="/">Go to the overview</Link>.
      </p>
    </section>
  );
}

export function App(): JSX.Element {
  const location = useLocation();
  const { section, page } = route(location);
  const carried = queryObject(location.query, GLOBAL_FILTERS);
  const deduped = queryObject(location.query, [DEDUPE]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <Link href="/" class="brand" aria-label="verbatim, overview">
          verbatim
        </Link>
        <nav aria-label="Main" class="main-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <Link
                  href={href(item.path, item.filters ? { ...carried, ...deduped } : deduped)}
                  aria-current={section === item.path ? 'page' : undefined}
                  data-testid={`nav-${item.path === '/' ? 'overview' : item.path.slice(1)}`}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SiteSearch location={location} />
        <DedupeSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
