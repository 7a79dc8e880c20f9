/**
 * Quote-stage test helpers: a Document run through the text stages and the
 * given quote stages (invariants checked), and its quotes as plain text.
 */
import { assertInvariants } from '../../src/model/check-invariants.js';
import type { Document, Quote, Span } from '../../src/model/document.js';
import type { Stage } from '../../src/pipeline.js';
import { TEXT_STAGES } from '../../src/text/index.js';
import { textDocument } from './text-document.js';

export function runQuoteStages(text: string, stages: readonly Stage[], options: { headline?: boolean } = {}): Document {
  const doc = textDocument(text, options);
  for (const stage of [...TEXT_STAGES, ...stages]) stage(doc, {});
  assertInvariants(doc);
  return doc;
}

export interface ShownQuote {
  kind: Quote['kind'];
  rule: string;
  content: string[];
  cue: string | null;
  speaker: string | null;
}

function slice(doc: Document, span: Span | null): string | null {
  return span === null ? null : doc.text.slice(span.start, span.end);
}

/** Each quote with its spans replaced by the words they cover. */
export function showQuotes(doc: Document): ShownQuote[] {
  return doc.quotes.map((q) => ({
    kind: q.kind,
    rule: q.rule,
    content: q.content.map((s) => doc.text.slice(s.start, s.end)),
    cue: slice(doc, q.cue),
    speaker: slice(doc, q.speaker),
  }));
}
