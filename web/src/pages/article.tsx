/**
 * `/articles/:id`: one article's text with everything found in it
 * highlighted from its offsets, and a panel listing each item. `?item=q3`
 * opens the article at one item.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleView } from '../../../src/server/api-types.js';
import type { Actor, Document, Quote, Statement, Statistic } from '../../../src/model/document.js';
import { apiUrl, useApi } from '../api.js';
import { Link, PageTitle, PositionBadge, Status, VerdictBadge } from '../components/ui.js';
import { actorPath, formatDate, plural, safeUrl, shorten } from '../format.js';
import { buildNodes, type Annotation, type HighlightKind, type Node } from '../highlight.js';
import { href, updateQuery, type Location } from '../router.js';

const LAYERS: { kind: HighlightKind; label: string }[] = [
  { kind: 'quote', label: 'Quotes' },
  { kind: 'cue', label: 'Cues' },
  { kind: 'speaker', label: 'Speakers' },
  { kind: 'statistic', label: 'Figures' },
  { kind: 'statement', label: 'Statements' },
  { kind: 'term', label: 'Terms' },
  { kind: 'boilerplate', label: 'Site furniture' },
];

/** The element a panel item jumps to. */
const anchorId = (kind: HighlightKind, id: string): string => `hl-${kind}-${id}`;

/** An item (`q3`, `f1`, `t2`, `b1`) and where its highlight is. */
interface Target {
  kind: HighlightKind;
  id: string;
}

function annotations(doc: Document): Annotation[] {
  const out: Annotation[] = [];
  for (const q of doc.quotes) {
    const kind: HighlightKind = q.kind === 'term' ? 'term' : 'quote';
    q.content.forEach((span, part) => out.push({ kind, id: q.id, start: span.start, end: span.end, part, label: `${q.kind === 'term' ? 'Term' : `Quote (${q.kind})`} ${q.id}` }));
    if (q.cue !== null) out.push({ kind: 'cue', id: q.id, start: q.cue.start, end: q.cue.end, part: 0, label: `Cue of ${q.id}` });
    if (q.speaker !== null) out.push({ kind: 'speaker', id: q.id, start: q.speaker.start, end: q.speaker.end, part: 0, label: `Speaker of ${q.id}` });
  }
  for (const f of doc.statistics) out.push({ kind: 'statistic', id: f.id, start: f.start, end: f.end, part: 0, label: `Figure ${f.id} (${f.kind}, ${f.check.verdict})` });
  for (const t of doc.statements) out.push({ kind: 'statement', id: t.id, start: t.start, end: t.end, part: 0, label: `Statement ${t.id} (${t.polarity})` });
  doc.boilerplate.forEach((b, i) => out.push({ kind: 'boilerplate', id: `b${i + 1}`, start: b.start, end: b.end, part: 0, label: `Site furniture (${b.kind})` }));
  return out;
}

function targetOf(doc: Document, item: string | null): Target | null {
  if (item === null) return null;
  const q = doc.quotes.find((x) => x.id === item);
  if (q !== undefined) return { kind: q.kind === 'term' ? 'term' : 'quote', id: q.id };
  if (doc.statistics.some((x) => x.id === item)) return { kind: 'statistic', id: item };
  if (doc.statements.some((x) => x.id === item)) return { kind: 'statement', id: item };
  if (/^b\d+$/u.test(item)) return { kind: 'boilerplate', id: item };
  return null;
}

/** Scroll the side panel (when it scrolls on its own) so the item shows. */
function revealItem(id: string): void {
  const item = document.getElementById(`item-${id}`);
  const panel = item?.closest<HTMLElement>('.panel');
  if (item === null || item === undefined || panel === null || panel === undefined || panel.scrollHeight <= panel.clientHeight) return;
  const top = item.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  if (top < panel.scrollTop || top > panel.scrollTop + panel.clientHeight - 60) panel.scrollTop = Math.max(0, top - 60);
}

export function ArticlePage({ id, location }: { id: string; location: Location }): JSX.Element {
  const { data, error, loading } = useApi<ArticleView>(apiUrl(`articles/${encodeURIComponent(id)}`));
  const doc = data?.document;
  const item = location.query.get('item');
  const active = doc === undefined ? null : targetOf(doc, item);
  const [hidden, setHidden] = useState<ReadonlySet<HighlightKind>>(new Set());
  const jumped = useRef<string | null>(null);

  // Opened at an item (a shared link, or a click in the panel): bring its highlight into view and focus it.
  useEffect(() => {
    if (active === null || jumped.current === `${active.kind}:${active.id}`) return;
    jumped.current = `${active.kind}:${active.id}`;
    const element = document.getElementById(anchorId(active.kind, active.id));
    if (element === null) return;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    revealItem(active.id);
  }, [active?.kind, active?.id, doc]);

  const select = (target: Target, fromText = false): void => {
    if (fromText) {
      // Clicked in the text: it is in view already; show its item in the panel.
      jumped.current = `${target.kind}:${target.id}`;
      updateQuery({ item: target.id }, { replace: true });
      revealItem(target.id);
      return;
    }
    jumped.current = null;
    // The hidden layer would hide what was asked for: show it.
    if (hidden.has(target.kind)) setHidden((h) => new Set([...h].filter((k) => k !== target.kind)));
    updateQuery({ item: target.id }, { replace: true });
    if (item === target.id) {
      const element = document.getElementById(anchorId(target.kind, target.id));
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
    }
  };

  if (doc === undefined || data === undefined) {
    return (
      <section class="page">
        <PageTitle>Article</PageTitle>
        <Status loading={loading} error={error} what="the article" />
      </section>
    );
  }

  const url = safeUrl(doc.meta.url);
  return (
    <section class="page article-page" data-testid="article">
      <p class="breadcrumb">
        <Link href="/articles">Articles</Link> / <span class="muted">{doc.id}</span>
      </p>
      <PageTitle>{doc.meta.title ?? 'Untitled article'}</PageTitle>
      <p class="meta" data-testid="article-meta">
        {doc.meta.outlet ?? 'Unknown outlet'} · {formatDate(doc.meta.published)}
        {doc.meta.byline !== null ? ` · ${doc.meta.byline}` : ''} · <span class="muted">{doc.meta.source.file}</span>
        {url !== null ? (
          <>
            {' · '}
            <a href={url} rel="noopener noreferrer nofollow" target="_blank">
              original page
            </a>
          </>
        ) : null}
      </p>
      <p class="meta">
        {plural(doc.quotes.filter((q) => q.kind !== 'term').length, 'quote')} · {plural(doc.statistics.length, 'figure')} · {plural(doc.statements.length, 'statement')} · {plural(doc.actors.length, 'actor')} ·{' '}
        <Link href={href('/quotes', { article: doc.id })}>quotes in the quotes table</Link>
      </p>
      <Status loading={loading} error={error} what="the article" />
      <fieldset class="layers" data-testid="layers">
        <legend>Highlight</legend>
        {LAYERS.map((layer) => (
          <label key={layer.kind} class={`layer-toggle layer-${layer.kind}`}>
            <input
              type="checkbox"
              checked={!hidden.has(layer.kind)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setHidden((h) => {
                  const next = new Set(h);
                  if (on) next.delete(layer.kind);
                  else next.add(layer.kind);
                  return next;
                });
              }}
              data-testid={`layer-${layer.kind}`}
            />{' '}
            <span class={`swatch hl hl-${layer.kind}`}>{layer.label}</span>
          </label>
        ))}
      </fieldset>
      <div class="reader">
        <ArticleText doc={doc} hidden={hidden} active={active} onSelect={select} />
        <ItemPanel doc={doc} actorKeys={data.actorKeys} active={active} onSelect={select} />
      </div>
    </section>
  );
}

function ArticleText({ doc, hidden, active, onSelect }: { doc: Document; hidden: ReadonlySet<HighlightKind>; active: Target | null; onSelect: (t: Target, fromText: boolean) => void }): JSX.Element {
  const all = useMemo(() => annotations(doc), [doc]);
  const paragraphs = useMemo(() => blocks(doc).map((p) => ({ paragraph: p, nodes: buildNodes(doc.text, p.start, p.end, all) })), [doc, all]);
  const classes = ['article-text', ...[...hidden].map((k) => `hide-${k}`)].join(' ');

  // A click on a highlight selects its item (the innermost one clicked).
  const onClick = (event: MouseEvent): void => {
    const mark = (event.target as Element | null)?.closest<HTMLElement>('[data-kind]');
    if (mark === null || mark === undefined) return;
    const kind = mark.dataset.kind as HighlightKind | undefined;
    const id = mark.dataset.id;
    if (kind === undefined || id === undefined) return;
    const itemKind: HighlightKind = kind === 'cue' || kind === 'speaker' ? (doc.quotes.find((q) => q.id === id)?.kind === 'term' ? 'term' : 'quote') : kind;
    onSelect({ kind: itemKind, id }, true);
  };

  return (
    <article class={classes} aria-label="Article text" data-testid="article-text" onClick={onClick}>
      {paragraphs.map(({ paragraph, nodes }) => {
        return (
          <p key={paragraph.id} class={`para${paragraph.boilerplate ? ' para-boilerplate' : ''}${paragraph.headline ? ' para-headline' : ''}`} data-paragraph={paragraph.id}>
            <Nodes nodes={nodes} active={active} />
          </p>
        );
      })}
    </article>
  );
}

interface Block {
  id: string;
  start: number;
  end: number;
  boilerplate: boolean;
  headline: boolean;
}

/** The paragraphs, plus the headline and any other text outside them, in text order: every character with content is shown. */
export function blocks(doc: Document): Block[] {
  const headline = doc.headline;
  const within = (p: { start: number; end: number }): boolean => headline !== null && p.start <= headline.start && headline.end <= p.end;
  const out: Block[] = doc.paragraphs.map((p) => ({ id: p.id, start: p.start, end: p.end, boilerplate: p.boilerplate, headline: within(p) }));
  out.sort((a, b) => a.start - b.start);
  const gaps: Block[] = [];
  let at = 0;
  for (const block of [...out, { id: '', start: doc.text.length, end: doc.text.length, boilerplate: false, headline: false }]) {
    if (block.start > at && doc.text.slice(at, block.start).trim() !== '') {
      // Trim the blank lines around the gap's text so offsets still hold.
      const slice = doc.text.slice(at, block.start);
      const start = at + (slice.length - slice.trimStart().length);
      const end = block.start - (slice.length - slice.trimEnd().length);
      gaps.push({ id: `g${start}`, start, end, boilerplate: false, headline: headline !== null && headline.start >= start && headline.end <= end });
    }
    at = Math.max(at, block.end);
  }
  return [...out, ...gaps].sort((a, b) => a.start - b.start);
}

function isActive(annotation: Annotation, active: Target | null): boolean {
  if (active === null || annotation.id !== active.id) return false;
  return annotation.kind === active.kind || ((active.kind === 'quote' || active.kind === 'term') && (annotation.kind === 'cue' || annotation.kind === 'speaker'));
}

const MARK_KINDS = new Set<HighlightKind>(['quote', 'term', 'statistic', 'statement']);

function Nodes({ nodes, active }: { nodes: readonly Node[]; active: Target | null }): JSX.Element {
  return (
    <>
      {nodes.map((node, i) => {
        if (node.type === 'text') return node.text;
        const a = node.annotation;
        const Tag = MARK_KINDS.has(a.kind) ? 'mark' : 'span';
        // The first element of an annotation (for quotes, of its first content span) is where panel items jump to.
        const anchor = node.first && a.part === 0 ? anchorId(a.kind, a.id) : undefined;
        return (
          <Tag
            key={i}
            id={anchor}
            tabIndex={anchor === undefined ? undefined : -1}
            class={`hl hl-${a.kind}${isActive(a, active) ? ' active' : ''}`}
            data-kind={a.kind}
            data-id={a.id}
            data-part={String(a.part)}
            title={a.label}
          >
            <Nodes nodes={node.children} active={active} />
          </Tag>
        );
      })}
    </>
  );
}

function ItemPanel({ doc, actorKeys, active, onSelect }: { doc: Document; actorKeys: Record<string, string>; active: Target | null; onSelect: (t: Target) => void }): JSX.Element {
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  const quotes = doc.quotes.filter((q) => q.kind !== 'term');
  const terms = doc.quotes.filter((q) => q.kind === 'term');
  const isOn = (kind: HighlightKind, id: string): boolean => active?.kind === kind && active.id === id;
  const jump = (kind: HighlightKind, id: string, label: JSX.Element | string): JSX.Element => (
    <button type="button" class="jump" aria-pressed={isOn(kind, id)} onClick={() => onSelect({ kind, id })} data-testid={`jump-${id}`}>
      {label}
    </button>
  );
  return (
    <aside class="panel" aria-label="Items found in the article" data-testid="item-panel">
      <section aria-labelledby="panel-quotes">
        <h2 id="panel-quotes">Quotes ({quotes.length})</h2>
        {quotes.length === 0 ? <p class="empty">No quotes in this article.</p> : null}
        <ol class="items">
          {quotes.map((q) => (
            <li key={q.id} id={`item-${q.id}`} class={`item${isOn('quote', q.id) ? ' active' : ''}`} data-testid={`item-${q.id}`}>
              {jump('quote', q.id, <QuoteLabel doc={doc} quote={q} />)}
              <p class="meta">
                <SpeakerLine doc={doc} quote={q} actor={q.actor === null ? undefined : actors.get(q.actor)} actorKeys={actorKeys} />
              </p>
              <p class="meta">
                {q.cue !== null ? (
                  <>
                    cue <q>{doc.text.slice(q.cue.start, q.cue.end)}</q> ·{' '}
                  </>
                ) : null}
                rule <code>{q.rule}</code> · confidence {q.confidence.toFixed(2)}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="panel-figures">
        <h2 id="panel-figures">Figures ({doc.statistics.length})</h2>
        {doc.statistics.length === 0 ? <p class="empty">No figures in this article.</p> : null}
        <ol class="items">
          {[...doc.statistics]
            .sort((a, b) => Number(b.check.verdict === 'inconsistent') - Number(a.check.verdict === 'inconsistent') || a.start - b.start)
            .map((f) => (
              <li key={f.id} id={`item-${f.id}`} class={`item${isOn('statistic', f.id) ? ' active' : ''}`} data-testid={`item-${f.id}`}>
                {jump(
                  'statistic',
                  f.id,
                  <>
                    <span class="item-id">{f.id}</span> <q>{doc.text.slice(f.start, f.end)}</q>
                  </>,
                )}
                <p class="meta">
                  <VerdictBadge verdict={f.check.verdict} /> {f.kind}
                  {figureDetails(f)}
                </p>
                <p class="computation">{f.check.computation}</p>
                <p class="meta">
                  rule <code>{f.rule}</code> · check <code>{f.check.rule}</code>
                </p>
              </li>
            ))}
        </ol>
      </section>

      <section aria-labelledby="panel-statements">
        <h2 id="panel-statements">Statements ({doc.statements.length})</h2>
        {doc.statements.length === 0 ? <p class="empty">No statements on the tracked propositions.</p> : null}
        <ol class="items">
          {doc.statements.map((t) => (
            <li key={t.id} id={`item-${t.id}`} class={`item${isOn('statement', t.id) ? ' active' : ''}`} data-testid={`item-${t.id}`}>
              {jump(
                'statement',
                t.id,
                <>
                  <span class="item-id">{t.id}</span> <q>{shorten(doc.text.slice(t.start, t.end), 140)}</q>
                </>,
              )}
              <StatementDetails statement={t} doc={doc} actor={t.actor === null ? undefined : actors.get(t.actor)} actorKeys={actorKeys} />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="panel-actors">
        <h2 id="panel-actors">Actors ({doc.actors.length})</h2>
        <ul class="items">
          {doc.actors.map((a) => (
            <li key={a.id} class="item" data-testid={`actor-${a.id}`}>
              <ActorName actor={a} actorKeys={actorKeys} /> <span class="muted">{a.type}</span>
              {a.titles.length + a.roles.length + a.organisations.length > 0 ? (
                <p class="meta">{[...a.titles, ...a.roles, ...a.organisations].map((e) => e.value).join(' · ')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {terms.length > 0 ? (
        <details>
          <summary>Terms, labels and scare quotes ({terms.length})</summary>
          <ol class="items">
            {terms.map((q) => (
              <li key={q.id} id={`item-${q.id}`} class={`item${isOn('term', q.id) ? ' active' : ''}`}>
                {jump('term', q.id, <QuoteLabel doc={doc} quote={q} />)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {doc.boilerplate.length > 0 ? (
        <details>
          <summary>Site furniture ({doc.boilerplate.length})</summary>
          <ol class="items">
            {doc.boilerplate.map((b, i) => (
              <li key={`b${i + 1}`} id={`item-b${i + 1}`} class={`item${isOn('boilerplate', `b${i + 1}`) ? ' active' : ''}`}>
                {jump('boilerplate', `b${i + 1}`, <q>{shorten(doc.text.slice(b.start, b.end), 80)}</q>)}
                <p class="meta">
                  {b.kind} · rule <code>{b.rule}</code>
                </p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {doc.messages.length > 0 ? (
        <details>
          <summary>Messages ({doc.messages.length})</summary>
          <ul class="items">
            {doc.messages.map((m, i) => (
              <li key={i} class="item">
                <span class={`badge severity-${m.severity}`}>{m.severity}</span> {m.reason} <code>{m.rule}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </aside>
  );
}

function QuoteLabel({ doc, quote }: { doc: Document; quote: Quote }): JSX.Element {
  const words = quote.content.map((s) => doc.text.slice(s.start, s.end)).join(' … ');
  return (
    <>
      <span class="item-id">{quote.id}</span> <span class={`badge kind-${quote.kind}`}>{quote.kind}</span> <q>{shorten(words, 160)}</q>
    </>
  );
}

function ActorName({ actor, actorKeys }: { actor: Actor; actorKeys: Record<string, string> }): JSX.Element {
  const key = actorKeys[actor.id] ?? actor.key;
  return <Link href={actorPath(key)}>{actor.name}</Link>;
}

function SpeakerLine({ doc, quote, actor, actorKeys }: { doc: Document; quote: Quote; actor: Actor | undefined; actorKeys: Record<string, string> }): JSX.Element {
  const mention = quote.speaker === null ? null : doc.text.slice(quote.speaker.start, quote.speaker.end);
  if (actor === undefined) return <>{mention === null ? 'No speaker found' : <>Speaker <q>{mention}</q> (not resolved to an actor)</>}</>;
  const organisation = actor.type === 'organisation' ? null : actor.organisations[0]?.value;
  return (
    <>
      Speaker <ActorName actor={actor} actorKeys={actorKeys} />
      {organisation !== undefined && organisation !== null ? `, ${organisation}` : ''}
      {mention !== null && mention !== actor.name ? (
        <>
          {' '}
          (as <q>{mention}</q>)
        </>
      ) : null}
    </>
  );
}

function figureDetails(f: Statistic): string {
  const parts: string[] = [];
  if (f.numerator !== null && f.denominator !== null) parts.push(`${f.numerator} of ${f.denominator}`);
  if (f.from !== null || f.to !== null) parts.push(`from ${f.from ?? '?'} to ${f.to ?? '?'}`);
  if (f.value !== null) parts.push(`value ${f.qualifier !== null ? `${f.qualifier} ` : ''}${f.value}${f.unit !== null ? ` ${f.unit}` : ''}`);
  if (f.what !== null) parts.push(`what: ${f.what.value}`);
  if (f.period !== null) parts.push(`period: ${f.period.value}`);
  if (f.place !== null) parts.push(`place: ${f.place.value}`);
  if (f.source !== null) parts.push(`source: ${f.source.value}`);
  if (f.partOf !== null) parts.push(`part of ${f.partOf}`);
  return parts.length === 0 ? '' : ` · ${parts.join(' · ')}`;
}

function StatementDetails({ statement, doc, actor, actorKeys }: { statement: Statement; doc: Document; actor: Actor | undefined; actorKeys: Record<string, string> }): JSX.Element {
  return (
    <>
      <p class="meta">
        <PositionBadge value={statement.polarity} /> {statement.modality} · {actor === undefined ? 'speaker not resolved' : <ActorName actor={actor} actorKeys={actorKeys} />} · on{' '}
        <Link href={href('/stances', { proposition: statement.proposition })}>{statement.proposition}</Link>
        {statement.quote !== null ? ` · in ${statement.quote}` : ' · narrator'}
      </p>
      <p class="meta">
        rule <code>{statement.rule}</code>
      </p>
      {statement.cues.length > 0 ? (
        <ul class="cues">
          {statement.cues.map((c, i) => (
            <li key={i}>
              <q>{doc.text.slice(c.start, c.end)}</q> {c.value !== doc.text.slice(c.start, c.end) ? <span class="muted">{c.value}</span> : null} <code>{c.rule}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
