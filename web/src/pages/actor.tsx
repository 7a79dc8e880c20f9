/** `/actors/:key`: one person or organisation across the corpus. */
import type { JSX } from 'preact';
import type { ActorView, Overview } from '../../../src/server/api-types.js';
import type { Seen } from '../../../src/actors/identities.js';
import type { EffectiveStatement } from '../../../src/stances/positions.js';
import type { Position } from '../../../src/stances/types.js';
import { apiUrl, useApi } from '../api.js';
import { Empty, Link, PageTitle, PositionBadge, Status } from '../components/ui.js';
import { actorPath, articlePath, formatDate, formatNumber, plural } from '../format.js';
import { href } from '../router.js';
import { useDedupe } from '../dedupe.js';

export function ActorPage({ actorKey }: { actorKey: string }): JSX.Element {
  const { data, error, loading } = useApi<ActorView>(apiUrl(`actors/${encodeURIComponent(actorKey)}`, useDedupe()));
  const overview = useApi<Overview>(apiUrl('overview'));
  const propositionText = new Map((overview.data?.propositions ?? []).map((p) => [p.id, p.text]));

  if (data === undefined) {
    return (
      <section class="page">
        <PageTitle>Actor</PageTitle>
        <Status loading={loading} error={error} what="this actor" />
      </section>
    );
  }
  const { identity, quotes, positions, statements, articles } = data;
  const facts: { kind: string; seen: Seen }[] = [
    ...identity.titles.map((seen) => ({ kind: 'title', seen })),
    ...identity.roles.map((seen) => ({ kind: 'role', seen })),
    ...identity.organisations.map((seen) => ({ kind: 'organisation', seen })),
  ];
  const allTime = positions.filter((p) => p.window === 'all');

  return (
    <section class="page" data-testid="actor">
      <p class="breadcrumb">
        <Link href="/actors">Actors</Link> / <span class="muted">{identity.key}</span>
      </p>
      <PageTitle>{identity.name}</PageTitle>
      <p class="meta">
        {identity.type} · {plural(identity.articles, 'article')} · {plural(identity.mentions, 'mention')} · {plural(identity.quotes, 'quote')} · {formatDate(identity.first)} to {formatDate(identity.last)}
      </p>
      {identity.note !== undefined ? <p class="note">{identity.note}</p> : null}

      <section aria-labelledby="actor-facts">
        <h2 id="actor-facts">Titles, roles and organisations</h2>
        {facts.length === 0 ? (
          <Empty>The articles give no titles, roles or organisations.</Empty>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Titles, roles and organisations">
            <table data-testid="actor-facts">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">As given</th>
                  <th scope="col" class="num">
                    Articles
                  </th>
                  <th scope="col">First</th>
                  <th scope="col">Last</th>
                </tr>
              </thead>
              <tbody>
                {facts.map(({ kind, seen }) => (
                  <tr key={`${kind}:${seen.value}`}>
                    <td>{kind}</td>
                    <th scope="row">{seen.value}</th>
                    <td class="num">{formatNumber(seen.articles)}</td>
                    <td class="nowrap">{formatDate(seen.first)}</td>
                    <td class="nowrap">{formatDate(seen.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="actor-positions" data-testid="actor-positions">
        <h2 id="actor-positions">Positions</h2>
        {allTime.length === 0 ? <Empty>No statements on the tracked propositions.</Empty> : null}
        {allTime.map((p) => (
          <PositionBlock
            key={p.proposition}
            position={p}
            text={propositionText.get(p.proposition) ?? p.proposition}
            statements={statements.filter((s) => s.proposition === p.proposition)}
            actorKey={identity.key}
          />
        ))}
      </section>

      <section aria-labelledby="actor-quotes">
        <h2 id="actor-quotes">Quotes ({quotes.length})</h2>
        {quotes.length === 0 ? (
          <Empty>No quotes attributed.</Empty>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Quotes">
            <table data-testid="actor-quotes">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Quote</th>
                  <th scope="col">Article</th>
                  <th scope="col">Date</th>
                </tr>
              </thead>
              <tbody>
                {quotes.map((q) => (
                  <tr key={`${q.articleId}:${q.id}`}>
                    <td>
                      <span class={`badge kind-${q.kind}`}>{q.kind}</span>
                    </td>
                    <td class="quote-cell">{q.content}</td>
                    <td>
                      <Link href={articlePath(q.articleId, q.id)}>{q.title ?? q.articleId}</Link>
                    </td>
                    <td class="nowrap">{formatDate(q.published)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="actor-articles">
        <h2 id="actor-articles">Articles ({articles.length})</h2>
        <ul class="plain">
          {articles.map((a) => (
            <li key={a.id}>
              <Link href={articlePath(a.id)}>{a.title ?? a.id}</Link> <span class="muted">· {a.outlet ?? 'unknown outlet'} · {formatDate(a.published)}</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

/** How a position was reached, in words. */
export function positionCounts(p: Position): string {
  const own = `${p.support} for, ${p.oppose} against, ${p.neutral} neutral`;
  const via = p.viaSupport + p.viaOppose + p.viaNeutral;
  return via === 0 ? own : `${own}; through its people ${p.viaSupport} for, ${p.viaOppose} against, ${p.viaNeutral} neutral`;
}

function PositionBlock({ position, text, statements, actorKey }: { position: Position; text: string; statements: EffectiveStatement[]; actorKey: string }): JSX.Element {
  return (
    <div class="position-block" data-testid={`position-${position.proposition}`}>
      <h3>
        <Link href={href('/stances', { proposition: position.proposition, actor: actorKey })}>{text}</Link>
      </h3>
      <p>
        <PositionBadge value={position.position} qualified={position.qualified} /> <span class="muted">{positionCounts(position)}</span>
      </p>
      <StatementList statements={statements} actorKey={actorKey} />
    </div>
  );
}

/** Evidence statements; those made by someone else for this actor (a force's officers) say who. */
export function StatementList({ statements, actorKey }: { statements: readonly EffectiveStatement[]; actorKey: string }): JSX.Element {
  if (statements.length === 0) return <Empty>No evidence statements.</Empty>;
  return (
    <ul class="statements">
      {statements.map((s) => (
        <li key={`${s.articleId}:${s.id}`} class="statement">
          <p>
            <PositionBadge value={s.polarity} /> <q>{s.text ?? '(statement added by a coder)'}</q>
          </p>
          <p class="meta">
            {s.actor !== null && s.actor.key !== actorKey ? (
              <>
                by <Link href={actorPath(s.actor.key)}>{s.actor.name}</Link> ·{' '}
              </>
            ) : null}
            {s.modality} · <Link href={articlePath(s.articleId, s.id.startsWith('t') ? s.id : undefined)}>in the article</Link> · {s.outlet ?? 'unknown outlet'} · {formatDate(s.published)}
            {s.coder !== null ? ` · coded by ${s.coder}${s.machine !== null && s.machine !== s.polarity ? ` (machine: ${s.machine})` : ''}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
