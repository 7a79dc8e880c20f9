/**
 * The actor-proposition network as files Gephi (and other network tools) open:
 * GraphML (http://graphml.graphdrawing.org/xmlns) and GEXF 1.3
 * (http://gexf.net/1.3). Two networks are written: the two-mode network of
 * actors and the propositions they took a position on, and the one-mode actor
 * congruence network of Discourse Network Analyzer (actors linked by the
 * propositions on which they take the same side).
 *
 * Only positions over the whole corpus (`window === 'all'`) are used.
 */
import type { Position, PositionValue } from './types.js';

/** A proposition as the network needs it: its id and its words (the node label). */
export interface NetworkProposition {
  id: string;
  text: string;
}

/** Options for the GEXF writers. */
export interface GexfOptions {
  /** The file's `lastmodifieddate`, as YYYY-MM-DD; default today's (local) date. */
  date?: string;
}

/**
 * The two-mode network as GraphML. Nodes: one per actor (id `a:` + actor key,
 * attributes `label` = name, `kind` = `actor`, `actorType`, `key`) and one per
 * proposition (id `p:` + proposition id, `label` = its text, `kind` =
 * `proposition`, `key`): every proposition given, plus any the positions name
 * that is not given (labelled with its id). Every actor in the positions is a
 * node, even one without statements. Edges: one per actor and proposition
 * with at least one statement, attributes `position` (support, oppose, mixed,
 * neutral), `agree`, `disagree`, `neutral` (statements, own and via
 * spokespeople), `qualified` and `weight` = agree + disagree + neutral.
 *
 * GraphML node ids must be XML name tokens, so characters other than ASCII
 * letters, digits, `.`, `:` and `-` are written as `_` + hex code point + `_`
 * (`a:person:andrew_20_pike`); the `key` attribute keeps the key as it is.
 */
export function twoModeGraphml(positions: readonly Position[], propositions: readonly NetworkProposition[]): string {
  return toGraphml(twoModeGraph(collect(positions, propositions)));
}

/** The two-mode network (see `twoModeGraphml`) as GEXF 1.3; node ids are `a:` + actor key and `p:` + proposition id as they are. */
export function twoModeGexf(positions: readonly Position[], propositions: readonly NetworkProposition[], options: GexfOptions = {}): string {
  return toGexf(twoModeGraph(collect(positions, propositions)), options);
}

/**
 * The actor congruence network as GraphML: one node per actor in the positions
 * (attributes `label`, `actorType`, `key`; actors with no tie are kept, as
 * isolates), and an edge between two actors weighted by the number of
 * propositions on which they take the same side, both supporting or both
 * opposing. An actor whose position on a proposition is `mixed` stands on both
 * sides of it, so it is congruent there with supporters and opposers alike
 * (and with another mixed actor), counted once per proposition; a neutral
 * position takes no side. Edge attribute `propositions`: the ids of those
 * propositions, space-separated, in proposition order. Only edges with weight
 * above 0 are written. Node ids are encoded as in `twoModeGraphml`.
 */
export function congruenceGraphml(positions: readonly Position[], propositions: readonly NetworkProposition[]): string {
  return toGraphml(congruenceGraph(collect(positions, propositions)));
}

/** The actor congruence network (see `congruenceGraphml`) as GEXF 1.3; node ids are `a:` + actor key as it is. */
export function congruenceGexf(positions: readonly Position[], propositions: readonly NetworkProposition[], options: GexfOptions = {}): string {
  return toGexf(congruenceGraph(collect(positions, propositions)), options);
}

// ---------------------------------------------------------------------------
// The networks, independent of the file format.

interface Actor {
  key: string;
  name: string;
  type: string;
}

/** An actor's summed statements on one proposition. */
interface Tie {
  actor: Actor;
  proposition: NetworkProposition;
  agree: number;
  disagree: number;
  neutral: number;
  position: PositionValue;
  qualified: boolean;
}

interface Network {
  /** Sorted by key. */
  actors: Actor[];
  /** As given, then any the positions add, in order of first appearance. */
  propositions: NetworkProposition[];
  /** Ties with at least one statement, by actor then proposition. */
  ties: Tie[];
}

type AttributeType = 'string' | 'int' | 'double' | 'boolean';
type Value = string | number | boolean;

interface Attribute {
  name: string;
  type: AttributeType;
}

interface GraphNode {
  id: string;
  label: string;
  values: ReadonlyMap<string, Value>;
}

interface GraphEdge {
  source: string;
  target: string;
  weight: number;
  values: ReadonlyMap<string, Value>;
}

interface Graph {
  description: string;
  nodeAttributes: Attribute[];
  /** Besides the weight, which both formats write in their own way. */
  edgeAttributes: Attribute[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function collect(positions: readonly Position[], given: readonly NetworkProposition[]): Network {
  const rows = positions.filter((row) => row.window === 'all');
  const propositions = new Map<string, NetworkProposition>();
  for (const proposition of given) if (!propositions.has(proposition.id)) propositions.set(proposition.id, proposition);
  for (const row of rows) if (!propositions.has(row.proposition)) propositions.set(row.proposition, { id: row.proposition, text: row.proposition });
  const order = new Map([...propositions.keys()].map((id, index) => [id, index]));

  const actors = new Map<string, Actor>();
  const ties = new Map<string, Tie>();
  for (const row of rows) {
    let actor = actors.get(row.actorKey);
    if (!actor) {
      actor = { key: row.actorKey, name: row.actorName, type: row.actorType };
      actors.set(row.actorKey, actor);
    }
    const proposition = propositions.get(row.proposition) ?? { id: row.proposition, text: row.proposition };
    const agree = row.support + row.viaSupport;
    const disagree = row.oppose + row.viaOppose;
    const neutral = row.neutral + row.viaNeutral;
    const id = `${row.actorKey}\u0000${row.proposition}`;
    const earlier = ties.get(id);
    if (!earlier) {
      ties.set(id, { actor, proposition, agree, disagree, neutral, position: row.position, qualified: row.qualified });
      continue;
    }
    // The same actor and proposition twice: the statements are summed and the position follows from the sums.
    earlier.agree += agree;
    earlier.disagree += disagree;
    earlier.neutral += neutral;
    earlier.position = earlier.agree > 0 && earlier.disagree > 0 ? 'mixed' : earlier.agree > 0 ? 'support' : earlier.disagree > 0 ? 'oppose' : 'neutral';
    earlier.qualified = earlier.qualified && row.qualified;
  }
  const byKey = (a: Actor, b: Actor): number => compare(a.key, b.key);
  const tieList = [...ties.values()]
    .filter((tie) => tie.agree + tie.disagree + tie.neutral > 0)
    .sort((a, b) => byKey(a.actor, b.actor) || (order.get(a.proposition.id) ?? 0) - (order.get(b.proposition.id) ?? 0));
  return { actors: [...actors.values()].sort(byKey), propositions: [...propositions.values()], ties: tieList };
}

function actorId(actor: Actor): string {
  return `a:${actor.key}`;
}

function propositionId(proposition: NetworkProposition): string {
  return `p:${proposition.id}`;
}

function twoModeGraph(network: Network): Graph {
  const nodes: GraphNode[] = [
    ...network.actors.map((actor) => ({
      id: actorId(actor),
      label: actor.name,
      values: new Map<string, Value>([['kind', 'actor'], ['actorType', actor.type], ['key', actor.key]]),
    })),
    ...network.propositions.map((proposition) => ({
      id: propositionId(proposition),
      label: proposition.text,
      values: new Map<string, Value>([['kind', 'proposition'], ['key', proposition.id]]),
    })),
  ];
  const edges = network.ties.map((tie) => ({
    source: actorId(tie.actor),
    target: propositionId(tie.proposition),
    weight: tie.agree + tie.disagree + tie.neutral,
    values: new Map<string, Value>([
      ['position', tie.position],
      ['agree', tie.agree],
      ['disagree', tie.disagree],
      ['neutral', tie.neutral],
      ['qualified', tie.qualified],
    ]),
  }));
  return {
    description:
      'Actors and the propositions they took a position on. Edge weight: supporting, opposing and neutral statements together, ' +
      "the actor's own and those of people speaking for it.",
    nodeAttributes: [
      { name: 'kind', type: 'string' },
      { name: 'actorType', type: 'string' },
      { name: 'key', type: 'string' },
    ],
    edgeAttributes: [
      { name: 'position', type: 'string' },
      { name: 'agree', type: 'int' },
      { name: 'disagree', type: 'int' },
      { name: 'neutral', type: 'int' },
      { name: 'qualified', type: 'boolean' },
    ],
    nodes,
    edges,
  };
}

/** The sides a position takes: a mixed actor stands on both, a neutral one on neither. */
function sides(position: PositionValue): ('support' | 'oppose')[] {
  switch (position) {
    case 'support':
      return ['support'];
    case 'oppose':
      return ['oppose'];
    case 'mixed':
      return ['support', 'oppose'];
    case 'neutral':
      return [];
  }
}

function congruenceGraph(network: Network): Graph {
  const index = new Map(network.actors.map((actor, i) => [actor.key, i]));
  // Actor index pair (lower first) to the ids of the propositions the two agree on, in proposition order.
  const shared = new Map<string, { a: number; b: number; propositions: string[] }>();
  for (const proposition of network.propositions) {
    const taking = network.ties.filter((tie) => tie.proposition.id === proposition.id && sides(tie.position).length > 0);
    taking.forEach((first, i) => {
      for (const second of taking.slice(i + 1)) {
        const firstSides = sides(first.position);
        if (!sides(second.position).some((side) => firstSides.includes(side))) continue;
        const x = index.get(first.actor.key) ?? 0;
        const y = index.get(second.actor.key) ?? 0;
        const [a, b] = x < y ? [x, y] : [y, x];
        const pair = `${a} ${b}`;
        const entry = shared.get(pair) ?? { a, b, propositions: [] };
        entry.propositions.push(proposition.id);
        shared.set(pair, entry);
      }
    });
  }
  const edges = [...shared.values()]
    .sort((x, y) => x.a - y.a || x.b - y.b)
    .flatMap(({ a, b, propositions }) => {
      const source = network.actors[a];
      const target = network.actors[b];
      if (!source || !target) return [];
      return [{ source: actorId(source), target: actorId(target), weight: propositions.length, values: new Map<string, Value>([['propositions', propositions.join(' ')]]) }];
    });
  return {
    description:
      'Actor congruence: two actors are linked by the number of propositions on which they take the same side ' +
      '(both support or both oppose; an actor with a mixed position stands on both sides).',
    nodeAttributes: [
      { name: 'actorType', type: 'string' },
      { name: 'key', type: 'string' },
    ],
    edgeAttributes: [{ name: 'propositions', type: 'string' }],
    nodes: network.actors.map((actor) => ({
      id: actorId(actor),
      label: actor.name,
      values: new Map<string, Value>([['actorType', actor.type], ['key', actor.key]]),
    })),
    edges,
  };
}

// ---------------------------------------------------------------------------
// The two file formats.

const graphmlTypes: Record<AttributeType, string> = { string: 'string', int: 'int', double: 'double', boolean: 'boolean' };
const gexfTypes: Record<AttributeType, string> = { string: 'string', int: 'integer', double: 'double', boolean: 'boolean' };

function toGraphml(graph: Graph): string {
  const nodeKey = (name: string): string => `n-${name}`;
  const edgeKey = (name: string): string => `e-${name}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${xml(graph.description)}</desc>`,
  ];
  const key = (id: string, kind: 'node' | 'edge', attribute: Attribute): string =>
    `  <key id="${id}" for="${kind}" attr.name="${xml(attribute.name)}" attr.type="${graphmlTypes[attribute.type]}"/>`;
  lines.push(key(nodeKey('label'), 'node', { name: 'label', type: 'string' }));
  for (const attribute of graph.nodeAttributes) lines.push(key(nodeKey(attribute.name), 'node', attribute));
  lines.push(key(edgeKey('weight'), 'edge', { name: 'weight', type: 'double' }));
  for (const attribute of graph.edgeAttributes) lines.push(key(edgeKey(attribute.name), 'edge', attribute));
  lines.push('  <graph id="G" edgedefault="undirected">');
  const data = (id: string, value: Value): string => `      <data key="${id}">${xml(String(value))}</data>`;
  for (const node of graph.nodes) {
    lines.push(`    <node id="${xml(nameToken(node.id))}">`, data(nodeKey('label'), label(node.label)));
    for (const attribute of graph.nodeAttributes) {
      const value = node.values.get(attribute.name);
      if (value !== undefined) lines.push(data(nodeKey(attribute.name), value));
    }
    lines.push('    </node>');
  }
  graph.edges.forEach((edge, i) => {
    lines.push(`    <edge id="e${i + 1}" source="${xml(nameToken(edge.source))}" target="${xml(nameToken(edge.target))}">`, data(edgeKey('weight'), edge.weight));
    for (const attribute of graph.edgeAttributes) {
      const value = edge.values.get(attribute.name);
      if (value !== undefined) lines.push(data(edgeKey(attribute.name), value));
    }
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function toGexf(graph: Graph, options: GexfOptions): string {
  const date = options.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`GEXF: the date must be YYYY-MM-DD, not "${date}"`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${date}">`,
    '    <creator>verbatim</creator>',
    `    <description>${xml(graph.description)}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="undirected" mode="static">',
  ];
  const declare = (kind: 'node' | 'edge', attributes: readonly Attribute[]): void => {
    lines.push(`    <attributes class="${kind}">`);
    for (const attribute of attributes) {
      lines.push(`      <attribute id="${xml(attribute.name)}" title="${xml(attribute.name)}" type="${gexfTypes[attribute.type]}"/>`);
    }
    lines.push('    </attributes>');
  };
  declare('node', graph.nodeAttributes);
  declare('edge', graph.edgeAttributes);
  const attvalues = (attributes: readonly Attribute[], values: ReadonlyMap<string, Value>): void => {
    const present = attributes.flatMap((attribute) => {
      const value = values.get(attribute.name);
      return value === undefined ? [] : [`          <attvalue for="${xml(attribute.name)}" value="${xml(String(value))}"/>`];
    });
    if (present.length > 0) lines.push('        <attvalues>', ...present, '        </attvalues>');
  };
  lines.push(`    <nodes count="${graph.nodes.length}">`);
  for (const node of graph.nodes) {
    lines.push(`      <node id="${xml(node.id)}" label="${xml(label(node.label))}">`);
    attvalues(graph.nodeAttributes, node.values);
    lines.push('      </node>');
  }
  lines.push('    </nodes>', `    <edges count="${graph.edges.length}">`);
  graph.edges.forEach((edge, i) => {
    lines.push(`      <edge id="e${i + 1}" source="${xml(edge.source)}" target="${xml(edge.target)}" weight="${edge.weight}">`);
    attvalues(graph.edgeAttributes, edge.values);
    lines.push('      </edge>');
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

// Characters XML 1.0 does not allow anywhere (most C0 controls, lone surrogates, U+FFFE, U+FFFF).
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Text safe in XML content and in quoted attribute values: characters XML cannot hold are dropped, markup and line breaks escaped. */
function xml(text: string): string {
  return text.replace(notXmlCharacter, '').replace(/[&<>"'\t\n\r]/g, (c) => entities[c] ?? '');
}

/** A label on one line: runs of white space become one space (GEXF labels are XML tokens). */
function label(text: string): string {
  return text.replace(notXmlCharacter, '').replace(/\s+/g, ' ').trim();
}

/** An id as an XML name token: anything but ASCII letters, digits, `.`, `:` and `-` becomes `_` + hex code point + `_`. */
function nameToken(id: string): string {
  return id.replace(/[^\w.:-]|_/gu, (c) => `_${(c.codePointAt(0) ?? 0).toString(16)}_`);
}

function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
