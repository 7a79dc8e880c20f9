/**
 * The filter form of a list view. Its fields mirror query parameters; applying
 * it writes them to the URL (and goes back to the first page).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Overview } from '../../../src/server/api-types.js';
import { apiUrl, useApi } from '../api.js';
import { href, navigate, type Location } from '../router.js';

export interface Field {
  name: string;
  label: string;
  kind: 'search' | 'text' | 'date' | 'select';
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: string;
}

const DATE_PATTERN = '\\d{4}(-\\d{2}(-\\d{2})?)?';

/** The filters shared by the list views: full text, outlet, date range. */
export function useGlobalFields(): Field[] {
  const overview = useApi<Overview>(apiUrl('overview'));
  const outlets = overview.data?.outlets ?? [];
  return [
    { name: 'q', label: 'Search article text', kind: 'search', placeholder: 'e.g. "hunter groups" NOT council', hint: 'Full-text: words, "phrases", OR, NOT' },
    { name: 'outlet', label: 'Outlet', kind: 'select', options: [{ value: '', label: 'All outlets' }, ...outlets.map((o) => ({ value: o, label: o }))] },
    { name: 'from', label: 'From', kind: 'date', placeholder: 'YYYY-MM' },
    { name: 'to', label: 'To', kind: 'date', placeholder: 'YYYY-MM-DD' },
  ];
}

export function FilterForm({ location, fields, testid = 'filters' }: { location: Location; fields: readonly Field[]; testid?: string }): JSX.Element {
  const read = (): Record<string, string> => Object.fromEntries(fields.map((f) => [f.name, location.query.get(f.name) ?? '']));
  const [values, setValues] = useState(read);
  const signature = fields.map((f) => `${f.name}=${location.query.get(f.name) ?? ''}`).join('&');
  // The URL changed (back button, a link): show its filters.
  useEffect(() => setValues(read()), [signature]);

  const apply = (event: Event): void => {
    event.preventDefault();
    const params: Record<string, string | null> = Object.fromEntries(location.query.entries());
    for (const field of fields) params[field.name] = (values[field.name] ?? '').trim();
    params.offset = null;
    navigate(href(location.path, params));
  };
  const clear = (): void => {
    const params: Record<string, string | null> = Object.fromEntries(location.query.entries());
    for (const field of fields) params[field.name] = null;
    params.offset = null;
    navigate(href(location.path, params));
  };
  const active = fields.some((f) => (location.query.get(f.name) ?? '') !== '');

  return (
    <form class="filters" role="search" onSubmit={apply} data-testid={testid}>
      {fields.map((field) => {
        const id = `filter-${field.name}`;
        const value = values[field.name] ?? '';
        const set = (e: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement>): void => {
          const next = e.currentTarget.value;
          setValues((v) => ({ ...v, [field.name]: next }));
        };
        return (
          <div class={`field field-${field.kind}`} key={field.name}>
            <label for={id}>{field.label}</label>
            {field.kind === 'select' ? (
              <select id={id} name={field.name} value={value} onChange={set} data-testid={id}>
                {(field.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
                {value !== '' && !(field.options ?? []).some((o) => o.value === value) ? <option value={value}>{value}</option> : null}
              </select>
            ) : (
              <input
                id={id}
                name={field.name}
                type={field.kind === 'search' ? 'search' : 'text'}
                value={value}
                onInput={set}
                placeholder={field.placeholder}
                inputMode={field.kind === 'date' ? 'numeric' : undefined}
                pattern={field.kind === 'date' ? DATE_PATTERN : undefined}
                title={field.kind === 'date' ? 'YYYY, YYYY-MM or YYYY-MM-DD' : undefined}
                aria-describedby={field.hint === undefined ? undefined : `${id}-hint`}
                data-testid={id}
              />
            )}
            {field.hint !== undefined ? (
              <small id={`${id}-hint`} class="hint">
                {field.hint}
              </small>
            ) : null}
          </div>
        );
      })}
      <div class="field field-actions">
        <button type="submit" class="primary" data-testid="apply-filters">
          Apply filters
        </button>
        {active ? (
          <button type="button" onClick={clear} data-testid="clear-filters">
            Clear
          </button>
        ) : null}
      </div>
    </form>
  );
}
