/**
 * The article reader's highlights (web/src/highlight.ts): the text cut at
 * every span boundary, nested spans nested, overlapping ones split, every
 * highlight holding exactly the text its offsets give.
 */
import { describe, expect, it } from 'vitest';
import { buildNodes, nodeText, type Annotation, type HighlightKind, type MarkNode, type Node } from '../../web/src/highlight.js';

const a = (kind: HighlightKind, id: string, start: number, end: number, part = 0): Annotation => ({ kind, id, start, end, part, label: `${kind} ${id}` });

/** Every mark in document order, with its text. */
function marks(nodes: readonly Node[]): { mark: MarkNode; text: string }[] {
  const out: { mark: MarkNode; text: string }[] = [];
  for (const node of nodes) {
    if (node.type === 'text') continue;
    out.push({ mark: node, text: nodeText(node.children) });
    out.push(...marks(node.children));
  }
  return out;
}

/** A compact picture of the tree: `[kind:id text]`. */
function shape(nodes: readonly Node[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : `[${n.annotation.kind}:${n.annotation.id} ${shape(n.children)}]`)).join('');
}

describe('highlights built from offsets', () => {
  const text = 'Mr Pike said: "We may consider it, if it helps."';

  it('leaves text without annotations as one text node', () => {
    expect(buildNodes(text, 0, text.length, [])).toEqual([{ type: 'text', text }]);
  });

  it('nests spans inside spans', () => {
    const nodes = buildNodes(text, 0, text.length, [a('quote', 'q1', 15, 47), a('speaker', 'q1', 0, 7), a('cue', 'q1', 8, 12), a('statement', 't1', 15, 47)]);
    expect(shape(nodes)).toBe('[speaker:q1 Mr Pike] [cue:q1 said]: "[statement:t1 [quote:q1 We may consider it, if it helps.]]"');
  });

  it('splits spans that overlap without nesting, keeping kind and id on each part', () => {
    const nodes = buildNodes('abcdefghij', 0, 10, [a('statement', 't1', 0, 6), a('statistic', 'f1', 4, 9)]);
    expect(shape(nodes)).toBe('[statement:t1 abcd[statistic:f1 ef]][statistic:f1 ghi]j');
    const f1 = marks(nodes).filter((m) => m.mark.annotation.id === 'f1');
    expect(f1.map((m) => m.text).join('')).toBe('efghi');
    expect(f1.map((m) => m.mark.first)).toEqual([true, false]);
  });

  it('clips spans to the paragraph asked for', () => {
    const nodes = buildNodes('one two three', 4, 13, [a('quote', 'q1', 0, 7)]);
    expect(shape(nodes)).toBe('[quote:q1 two] three');
  });

  it('gives every annotation exactly its text, whatever the overlaps (random spans)', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const kinds: HighlightKind[] = ['quote', 'cue', 'speaker', 'statistic', 'statement', 'boilerplate', 'term'];
    const sample = 'The force said it had no plans to work with such groups, and 61 per cent (45 of 90) agreed.';
    for (let round = 0; round < 300; round++) {
      const list: Annotation[] = [];
      for (let i = 0; i < 1 + random(7); i++) {
        const start = random(sample.length);
        const end = start + 1 + random(sample.length - start);
        list.push(a(kinds[random(kinds.length)] ?? 'quote', `x${i}`, start, end));
      }
      const from = random(20);
      const to = sample.length - random(20);
      const nodes = buildNodes(sample, from, to, list);
      expect(nodeText(nodes)).toBe(sample.slice(from, to));
      const all = marks(nodes);
      for (const annotation of list) {
        const pieces = all.filter((m) => m.mark.annotation.id === annotation.id);
        const start = Math.max(from, annotation.start);
        const end = Math.min(to, annotation.end);
        expect(pieces.map((p) => p.text).join('')).toBe(end > start ? sample.slice(start, end) : '');
        expect(pieces.filter((p) => p.mark.first).length).toBe(end > start ? 1 : 0);
        // No annotation inside itself.
        for (const piece of pieces) expect(marks(piece.mark.children).some((m) => m.mark.annotation.id === annotation.id)).toBe(false);
      }
    }
  });
});
