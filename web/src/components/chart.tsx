/**
 * A chart drawn with Observable Plot, loaded on first use so the first view
 * stays small. Every chart offers the data it plots as CSV.
 *
 * Plot puts a <style> element in each chart; the Content Security Policy
 * forbids inline style elements, so they are taken out before the chart
 * enters the page and their rules live in styles.css (`.vb-plot`).
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadCsv, type Column } from '../csv.js';

export type PlotModule = typeof import('@observablehq/plot');

let plotModule: Promise<PlotModule> | null = null;
const loadPlot = (): Promise<PlotModule> => (plotModule ??= import('@observablehq/plot'));

/** The class Plot gives its charts; styles.css carries the rules Plot would have put inline. */
export const PLOT_CLASS = 'vb-plot';

export interface ChartProps<T> {
  title: string;
  /** What the chart shows, for screen readers. */
  description: string;
  /** Exactly the data plotted: the CSV download gives these rows. */
  data: readonly T[];
  columns: readonly Column<T>[];
  filename: string;
  /** Draw the chart at this width. */
  render: (plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;
  testid: string;
  legend?: ComponentChildren;
}

export function Chart<T>({ title, description, data, columns, filename, render, testid, legend }: ChartProps<T>): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const node = host.current;
    if (node === null) return;
    setWidth(node.clientWidth);
    const observer = new ResizeObserver(() => setWidth((w) => (Math.abs(w - node.clientWidth) > 8 ? node.clientWidth : w)));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const node = host.current;
    if (node === null || width === 0) return;
    let cancelled = false;
    loadPlot().then(
      (plot) => {
        if (cancelled) return;
        try {
          const chart = render(plot, Math.max(280, width));
          for (const style of chart.querySelectorAll('style')) style.remove();
          chart.setAttribute('role', 'img');
          chart.setAttribute('aria-label', description);
          node.replaceChildren(chart);
          setError(null);
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
        }
      },
      () => {
        if (!cancelled) setError('the charting code could not be loaded');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [width, data, render, description]);

  return (
    <figure class="chart" data-testid={testid}>
      <figcaption>{title}</figcaption>
      <div class="chart-host" ref={host} data-testid={`${testid}-plot`} />
      {error !== null ? (
        <p class="error" role="alert">
          The chart could not be drawn: {error}
        </p>
      ) : null}
      {legend}
      <div class="chart-actions">
        <button type="button" onClick={() => downloadCsv(filename, columns, data)} data-testid={`${testid}-csv`}>
          Download data (CSV)
        </button>
      </div>
    </figure>
  );
}
