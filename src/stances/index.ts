/** The stances stage and what reads its output: propositions, statements, positions, codings, agreement, networks. */
export { findStatements, STANCE_RULES, STANCE_STAGES } from './find-statements.js';
export { checkPropositions, loadPropositions, PropositionsError, type LoadedProposition } from './propositions.js';
export { compilePropositions, type CompiledProposition } from './stance-words.js';
export { effectiveStatements, positions, windowOf, type EffectiveStatement, type Window } from './positions.js';
export { codingTable, loadStances, MACHINE_CODER, type Stances } from './load-stances.js';
export { agreementReport, cohensKappa, krippendorffAlpha, type CodingTable } from './agreement.js';
export { congruenceGexf, congruenceGraphml, twoModeGexf, twoModeGraphml } from './network.js';
export type { Coding, Position, PositionValue, Proposition } from './types.js';
