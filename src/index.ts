// The library's public surface. Only re-exports: every name is defined in its stage's folder.
export type * from './model/document.js';
export { articleId, createDocument, hashText, normaliseForHash, type RawArticle } from './model/create-document.js';
export { assertInvariants, checkInvariants } from './model/check-invariants.js';

export { DEFAULT_MAX_BYTES, type ColumnOverrides, type IngestItem, type IngestOptions } from './ingest/types.js';
export { listInputs, readInputs, SUPPORTED_EXTENSIONS } from './ingest/read-inputs.js';
export { readTxt } from './ingest/read-txt.js';
export { readHtml } from './ingest/read-html.js';
export { readJsonl } from './ingest/read-jsonl.js';
export { readCsv } from './ingest/read-csv.js';
export { decodeBytes } from './ingest/decode-bytes.js';
export { parseDate } from './ingest/parse-date.js';

export { findBoilerplate, splitParagraphs, splitSentences, TEXT_STAGES } from './text/index.js';
export { findIndirect, findQuoteMarks, linkCues, linkHeadline, QUOTE_STAGES } from './quotes/index.js';
export { ACTOR_STAGES, findActors } from './actors/index.js';
export {
  agreementReport,
  checkPropositions,
  cohensKappa,
  compilePropositions,
  congruenceGexf,
  congruenceGraphml,
  effectiveStatements,
  findStatements,
  krippendorffAlpha,
  loadPropositions,
  loadStances,
  positions,
  PropositionsError,
  STANCE_STAGES,
  twoModeGexf,
  twoModeGraphml,
  type CodingTable,
  type CompiledProposition,
  type EffectiveStatement,
  type LoadedProposition,
  type Position,
  type PositionValue,
  type Proposition,
  type Coding,
  type Stances,
  type Window,
} from './stances/index.js';
export { analyseDocument, STAGES, type Stage, type StageContext } from './pipeline.js';
export { analyzeCorpus, type AnalyzeOptions, type AnalyzeProgress, type AnalyzeSummary } from './analyze/analyze-corpus.js';

export { openSqliteStore } from './store/sqlite-store.js';
export { StoreError } from './store/store.js';
export type * from './store/store.js';

export { evaluateQuotes, type EvalReport, type EvaluateOptions } from './eval/eval-quotes.js';

export { EXTRACTOR_VERSION, VERSION } from './version.js';
