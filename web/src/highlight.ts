/**
 * Highlights built from offsets. The text is cut at the union of every span's
 * boundaries; each piece is wrapped in the annotations covering it, outermost
 * first (earlier start, then longer span). Spans that nest become nested
 * elements; spans that overlap without nesting are split where they cross,
 * each part carrying the same kind and id. The text itself is only ever text.
 */

export type HighlightKind = 'quote' | 'term' | 'cue' | 'speaker' | 'statistic' | 'statement' | 'boilerplate';

export interface Annotation {
  kind: HighlightKind;
  /** The item's id in the document (`q3`, `f1`, `t2`, `b1`). */
  id: string;
  start: number;
  end: number;
  /** For a quote with several content spans: which one (0, 1, ...). */
  part: number;
  /** A short description, shown as a tooltip. */
  label: string;
}

/** Outer kinds first when two annotations cover the very same span. */
const KIND_ORDER: Record<HighlightKind, number> = { boilerplate: 0, statement: 1, quote: 2, term: 3, statistic: 4, speaker: 5, cue: 6 };

export interface TextNode {
  type: 'text';
  text: string;
}

export interface MarkNode {
  type: 'mark';
  annotation: Annotation;
  /** True for the first element of the annotation: it gets the element id that panel links jump to. */
  first: boolean;
  children: Node[];
}

export type Node = TextNode | MarkNode;

const order = (a: Annotation, b: Annotation): number => a.start - b.start || b.end - a.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id) || a.part - b.part;

/** The nodes for `text.slice(start, end)` with the annotations that fall in it (others are ignored; spans are clipped to the range). */
export function buildNodes(text: string, start: number, end: number, annotations: readonly Annotation[]): Node[] {
  const inside = annotations
    .map((a) => ({ ...a, start: Math.max(a.start, start), end: Math.min(a.end, end) }))
    .filter((a) => a.end > a.start)
    .sort(order);
  const cuts = new Set<number>([start, end]);
  for (const a of inside) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((x, y) => x - y);

  const root: Node[] = [];
  // The open elements, outermost first, with the annotation each stands for.
  const stack: { annotation: Annotation; node: MarkNode }[] = [];
  const seen = new Set<Annotation>();
  const container = (): Node[] => stack.at(-1)?.node.children ?? root;

  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    const covering = inside.filter((a) => a.start <= from && a.end >= to);
    // Keep the open elements that still cover this piece, in order, as far as they agree.
    let keep = 0;
    while (keep < stack.length && keep < covering.length && stack[keep]?.annotation === covering[keep]) keep++;
    stack.length = keep;
    for (const annotation of covering.slice(keep)) {
      const node: MarkNode = { type: 'mark', annotation, first: !seen.has(annotation), children: [] };
      seen.add(annotation);
      container().push(node);
      stack.push({ annotation, node });
    }
    container().push({ type: 'text', text: text.slice(from, to) });
  }
  return root;
}

/** The text under a node, for checks. */
export function nodeText(nodes: readonly Node[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : nodeText(n.children))).join('');
}
