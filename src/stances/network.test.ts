import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { congruenceGexf, congruenceGraphml, twoModeGexf, twoModeGraphml, type NetworkProposition } from './network.js';
import type { Position } from './types.js';

const GRAPHML = 'http://graphml.graphdrawing.org/xmlns';
const GEXF = 'http://gexf.net/1.3';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const POLICE = 'organisation:wessex vale police';
const PIKE = 'person:andrew pike';
const SMITH = 'organisation:smith & sons';
const ODUYA = 'person:maria oduya';
const QUIET = 'person:kit quiet';
const SMITH_NAME = `Smith & Sons <"Hunters"> 'Ltd'`;

const propositions: NetworkProposition[] = [
  { id: 'police-work-with-hunters', text: 'Police should work with\n"paedophile hunter" groups & <share> intelligence' },
  { id: 'hunters-should-stop', text: 'Online hunter groups should stop their stings' },
  { id: 'sting_evidence', text: 'Sting evidence\u0000 should be admissible\uD800' },
];

function row(actorKey: string, actorName: string, proposition: string, fields: Partial<Position>): Position {
  return {
    actorKey,
    actorName,
    actorType: actorKey.slice(0, actorKey.indexOf(':')),
    proposition,
    window: 'all',
    support: 0,
    oppose: 0,
    neutral: 0,
    viaSupport: 0,
    viaOppose: 0,
    viaNeutral: 0,
    position: 'neutral',
    qualified: false,
    ...fields,
  };
}

// police-work-with-hunters: the police support (2 own + 1 via), Pike supports, Smith & Sons are mixed, Oduya is neutral.
// hunters-should-stop: the police support, Pike is mixed (own support, via oppose), Smith & Sons oppose (qualified).
// Kit Quiet has a row without statements; an undeclared proposition gets a statement from the police;
// rows for a single window are left out, along with the actor that has no other rows.
const positions: Position[] = [
  row(POLICE, 'Wessex Vale Police', 'police-work-with-hunters', { support: 2, viaSupport: 1, position: 'support' }),
  row(PIKE, 'Andrew\u0007 Pike', 'police-work-with-hunters', { support: 1, position: 'support' }),
  row(SMITH, SMITH_NAME, 'police-work-with-hunters', { support: 1, oppose: 2, position: 'mixed' }),
  row(ODUYA, 'Maria Oduya', 'police-work-with-hunters', { neutral: 2, position: 'neutral' }),
  row(POLICE, 'Wessex Vale Police', 'hunters-should-stop', { support: 1, position: 'support' }),
  row(PIKE, 'Andrew Pike', 'hunters-should-stop', { support: 1, viaOppose: 1, position: 'mixed' }),
  row(SMITH, SMITH_NAME, 'hunters-should-stop', { oppose: 1, position: 'oppose', qualified: true }),
  row(QUIET, 'Kit Quiet', 'hunters-should-stop', {}),
  row(POLICE, 'Wessex Vale Police', 'undeclared', { viaNeutral: 1, position: 'neutral' }),
  row(POLICE, 'Wessex Vale Police', 'hunters-should-stop', { window: '2024', oppose: 5, position: 'oppose' }),
  row('person:only in 2024', 'Only In 2024', 'hunters-should-stop', { window: '2024', support: 1, position: 'support' }),
];

// Characters XML 1.0 allows (the Char production).
const xmlCharacters = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** What the parser lets through: characters XML 1.0 does not allow, raw or as character references, and a bare `&`. */
function expectXmlCharactersOnly(text: string): void {
  expect(xmlCharacters.test(text), 'only XML 1.0 characters').toBe(true);
  for (const match of text.matchAll(/&([^;&]*);?/g)) {
    const reference = match[1] ?? '';
    expect(match[0].endsWith(';') && /^(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+)$/i.test(reference), `reference ${match[0]}`).toBe(true);
    if (!reference.startsWith('#')) continue;
    const code = reference.startsWith('#x') || reference.startsWith('#X') ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
    expect(xmlCharacters.test(String.fromCodePoint(code)), `reference ${match[0]} is an XML character`).toBe(true);
  }
}

/** Parses with every warning, error and fatal error reported, and fails on any. */
function parse(text: string): Element {
  expectXmlCharactersOnly(text);
  const problems: string[] = [];
  const document = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  expect(text.startsWith(XML_DECLARATION)).toBe(true);
  const root = document.documentElement;
  if (!root) throw new Error('no root element');
  return root;
}

function children(parent: Element, name?: string): Element[] {
  const found: Element[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i);
    if (!node || node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (name === undefined || element.localName === name) found.push(element);
  }
  return found;
}

function only(parent: Element, name: string): Element {
  const found = children(parent, name);
  expect(found, `one <${name}> in <${parent.localName}>`).toHaveLength(1);
  return found[0] as Element;
}

function attribute(element: Element, name: string): string {
  expect(element.hasAttribute(name), `<${element.localName}> has ${name}`).toBe(true);
  return element.getAttribute(name) ?? '';
}

function expectUnique(values: readonly string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

const valueChecks: Record<string, (value: string) => boolean> = {
  string: () => true,
  int: (value) => /^-?\d+$/.test(value),
  integer: (value) => /^-?\d+$/.test(value),
  double: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
  boolean: (value) => value === 'true' || value === 'false',
};

interface ParsedNode {
  id: string;
  label: string;
  values: Map<string, string>;
}

interface ParsedEdge {
  source: string;
  target: string;
  weight: number;
  values: Map<string, string>;
}

interface ParsedGraph {
  nodes: ParsedNode[];
  edges: ParsedEdge[];
}

/** Checks a GraphML file against the structure the schema requires and reads its nodes and edges by attribute name. */
function readGraphml(text: string): ParsedGraph {
  const root = parse(text);
  expect(root.localName).toBe('graphml');
  expect(root.namespaceURI).toBe(GRAPHML);
  expect(attribute(root, 'xsi:schemaLocation')).toBe(`${GRAPHML} ${GRAPHML}/1.0/graphml.xsd`);
  for (const element of root.getElementsByTagName('*')) expect(element.namespaceURI).toBe(GRAPHML);

  // desc?, key*, graph: every key before the graph.
  const order = children(root).map((element) => element.localName);
  expect(order.slice(-1)).toEqual(['graph']);
  expect(order.slice(0, -1).filter((name) => name !== 'desc' && name !== 'key')).toEqual([]);
  expect(order.indexOf('desc')).toBeLessThanOrEqual(0);
  const keys = new Map<string, { for: string; name: string; type: string }>();
  for (const key of children(root, 'key')) {
    const id = attribute(key, 'id');
    expect(keys.has(id), `key ${id} declared once`).toBe(false);
    const declared = { for: attribute(key, 'for'), name: attribute(key, 'attr.name'), type: attribute(key, 'attr.type') };
    expect(['node', 'edge']).toContain(declared.for);
    expect(['string', 'int', 'double', 'boolean']).toContain(declared.type);
    keys.set(id, declared);
  }
  for (const kind of ['node', 'edge']) expectUnique([...keys.values()].filter((key) => key.for === kind).map((key) => key.name));
  expect([...keys.values()]).toContainEqual({ for: 'node', name: 'label', type: 'string' });

  const graph = only(root, 'graph');
  expect(attribute(graph, 'edgedefault')).toBe('undirected');
  expect(children(graph).map((element) => element.localName).filter((name) => name !== 'node' && name !== 'edge')).toEqual([]);
  const values = (element: Element, kind: string): Map<string, string> => {
    const found = new Map<string, string>();
    for (const data of children(element)) {
      expect(data.localName).toBe('data');
      const key = keys.get(attribute(data, 'key'));
      expect(key, `data key ${data.getAttribute('key')} is declared`).toBeDefined();
      if (!key) continue;
      expect(key.for).toBe(kind);
      expect(found.has(key.name), `one value per key`).toBe(false);
      const value = data.textContent ?? '';
      expect(valueChecks[key.type]?.(value), `${key.name} = "${value}" is a ${key.type}`).toBe(true);
      found.set(key.name, value);
    }
    return found;
  };
  const nodes = children(graph, 'node').map((node) => {
    const id = attribute(node, 'id');
    // xs:NMTOKEN, kept to ASCII name characters.
    expect(id).toMatch(/^[\w.:-]+$/);
    const found = values(node, 'node');
    return { id, label: found.get('label') ?? '', values: found };
  });
  expectUnique(nodes.map((node) => node.id));
  const ids = new Set(nodes.map((node) => node.id));
  const edgeElements = children(graph, 'edge');
  expectUnique(edgeElements.map((edge) => attribute(edge, 'id')));
  const edges = edgeElements.map((edge) => {
    const source = attribute(edge, 'source');
    const target = attribute(edge, 'target');
    expect(ids.has(source), `edge source ${source} is a node`).toBe(true);
    expect(ids.has(target), `edge target ${target} is a node`).toBe(true);
    const found = values(edge, 'edge');
    return { source, target, weight: Number(found.get('weight')), values: found };
  });
  return { nodes, edges };
}

/** Checks a GEXF 1.3 file against the structure the schema requires and reads its nodes and edges by attribute title. */
function readGexf(text: string, date: string): ParsedGraph {
  const root = parse(text);
  expect(root.localName).toBe('gexf');
  expect(root.namespaceURI).toBe(GEXF);
  expect(attribute(root, 'version')).toBe('1.3');
  expect(attribute(root, 'xsi:schemaLocation')).toBe(`${GEXF} ${GEXF}/gexf.xsd`);
  for (const element of root.getElementsByTagName('*')) expect(element.namespaceURI).toBe(GEXF);
  expect(children(root).map((element) => element.localName)).toEqual(['meta', 'graph']);

  const meta = only(root, 'meta');
  expect(attribute(meta, 'lastmodifieddate')).toBe(date);
  expect(only(meta, 'creator').textContent).toBe('verbatim');
  expect(only(meta, 'description').textContent).not.toBe('');

  const graph = only(root, 'graph');
  expect(attribute(graph, 'defaultedgetype')).toBe('undirected');
  expect(attribute(graph, 'mode')).toBe('static');
  // attributes*, nodes, edges.
  expect(children(graph).map((element) => element.localName)).toEqual(['attributes', 'attributes', 'nodes', 'edges']);
  const declared = new Map<string, Map<string, { title: string; type: string }>>();
  for (const attributes of children(graph, 'attributes')) {
    const kind = attribute(attributes, 'class');
    expect(['node', 'edge']).toContain(kind);
    expect(declared.has(kind), `attributes for ${kind} declared once`).toBe(false);
    const ofKind = new Map<string, { title: string; type: string }>();
    for (const declaration of children(attributes)) {
      expect(declaration.localName).toBe('attribute');
      const id = attribute(declaration, 'id');
      expect(ofKind.has(id), `attribute ${id} declared once`).toBe(false);
      const type = attribute(declaration, 'type');
      expect(['string', 'integer', 'double', 'boolean']).toContain(type);
      ofKind.set(id, { title: attribute(declaration, 'title'), type });
    }
    expectUnique([...ofKind.values()].map((entry) => entry.title));
    declared.set(kind, ofKind);
  }
  const values = (element: Element, kind: string): Map<string, string> => {
    const found = new Map<string, string>();
    const lists = children(element);
    expect(lists.filter((list) => list.localName !== 'attvalues')).toEqual([]);
    expect(lists.length).toBeLessThanOrEqual(1);
    for (const list of lists) {
      for (const attvalue of children(list)) {
        expect(attvalue.localName).toBe('attvalue');
        const declaration = declared.get(kind)?.get(attribute(attvalue, 'for'));
        expect(declaration, `attvalue for ${attvalue.getAttribute('for')} is declared`).toBeDefined();
        if (!declaration) continue;
        expect(found.has(declaration.title), 'one value per attribute').toBe(false);
        const value = attribute(attvalue, 'value');
        expect(valueChecks[declaration.type]?.(value), `${declaration.title} = "${value}" is a ${declaration.type}`).toBe(true);
        found.set(declaration.title, value);
      }
    }
    return found;
  };

  const nodesElement = only(graph, 'nodes');
  const nodeElements = children(nodesElement);
  expect(nodeElements.every((node) => node.localName === 'node')).toBe(true);
  expect(attribute(nodesElement, 'count')).toBe(String(nodeElements.length));
  const nodes = nodeElements.map((node) => {
    const label = attribute(node, 'label');
    // xsd:token: no line breaks or tabs, no leading, trailing or doubled spaces.
    expect(label).not.toMatch(/[\t\n\r]|^ | $| {2}/);
    return { id: attribute(node, 'id'), label, values: values(node, 'node') };
  });
  expectUnique(nodes.map((node) => node.id));
  const ids = new Set(nodes.map((node) => node.id));

  const edgesElement = only(graph, 'edges');
  const edgeElements = children(edgesElement);
  expect(edgeElements.every((edge) => edge.localName === 'edge')).toBe(true);
  expect(attribute(edgesElement, 'count')).toBe(String(edgeElements.length));
  expectUnique(edgeElements.map((edge) => attribute(edge, 'id')));
  const edges = edgeElements.map((edge) => {
    const source = attribute(edge, 'source');
    const target = attribute(edge, 'target');
    expect(ids.has(source), `edge source ${source} is a node`).toBe(true);
    expect(ids.has(target), `edge target ${target} is a node`).toBe(true);
    const weight = attribute(edge, 'weight');
    expect(valueChecks.double?.(weight)).toBe(true);
    return { source, target, weight: Number(weight), values: values(edge, 'edge') };
  });
  return { nodes, edges };
}

/** Edges as `source -- target: weight`, endpoints named by their `key` attribute, in a stable order. */
function edgeList(graph: ParsedGraph): string[] {
  const keyOf = new Map(graph.nodes.map((node) => [node.id, node.values.get('key') ?? node.id]));
  return graph.edges.map((edge) => `${keyOf.get(edge.source)} -- ${keyOf.get(edge.target)}: ${edge.weight}`).sort();
}

function nodeByKey(graph: ParsedGraph, key: string): ParsedNode {
  const node = graph.nodes.find((candidate) => candidate.values.get('key') === key);
  if (!node) throw new Error(`no node ${key}`);
  return node;
}

function edgeBetween(graph: ParsedGraph, sourceKey: string, targetKey: string): ParsedEdge {
  const source = nodeByKey(graph, sourceKey).id;
  const target = nodeByKey(graph, targetKey).id;
  const edge = graph.edges.find((candidate) => (candidate.source === source && candidate.target === target) || (candidate.source === target && candidate.target === source));
  if (!edge) throw new Error(`no edge ${sourceKey} -- ${targetKey}`);
  return edge;
}

const DATE = '2025-03-14';
const twoModeFiles: [string, () => ParsedGraph][] = [
  ['GraphML', () => readGraphml(twoModeGraphml(positions, propositions))],
  ['GEXF', () => readGexf(twoModeGexf(positions, propositions, { date: DATE }), DATE)],
];
const congruenceFiles: [string, () => ParsedGraph][] = [
  ['GraphML', () => readGraphml(congruenceGraphml(positions, propositions))],
  ['GEXF', () => readGexf(congruenceGexf(positions, propositions, { date: DATE }), DATE)],
];

describe.each(twoModeFiles)('the two-mode network as %s', (_format, read) => {
  it('has a node per actor and per proposition, and an edge per actor and proposition with statements', () => {
    const graph = read();
    // 5 actors (the window-only actor left out), 3 declared propositions and the undeclared one.
    expect(graph.nodes.map((node) => node.values.get('key'))).toEqual([
      SMITH,
      POLICE,
      PIKE,
      QUIET,
      ODUYA,
      'police-work-with-hunters',
      'hunters-should-stop',
      'sting_evidence',
      'undeclared',
    ]);
    expect(nodeByKey(graph, POLICE).values.get('kind')).toBe('actor');
    expect(nodeByKey(graph, POLICE).values.get('actorType')).toBe('organisation');
    expect(nodeByKey(graph, POLICE).label).toBe('Wessex Vale Police');
    expect(nodeByKey(graph, 'sting_evidence').values.get('kind')).toBe('proposition');
    expect(nodeByKey(graph, 'sting_evidence').values.has('actorType')).toBe(false);
    expect(nodeByKey(graph, 'undeclared').label).toBe('undeclared');
    // Kit Quiet's row has no statements: a node without edges; so is the proposition nobody took up.
    expect(edgeList(graph)).toEqual([
      `${SMITH} -- hunters-should-stop: 1`,
      `${SMITH} -- police-work-with-hunters: 3`,
      `${POLICE} -- hunters-should-stop: 1`,
      `${POLICE} -- police-work-with-hunters: 3`,
      `${POLICE} -- undeclared: 1`,
      `${PIKE} -- hunters-should-stop: 2`,
      `${PIKE} -- police-work-with-hunters: 1`,
      `${ODUYA} -- police-work-with-hunters: 2`,
    ].sort());
  });

  it('carries the position and the statement counts, own and via together, on each edge', () => {
    const graph = read();
    const values = (actor: string, proposition: string): Record<string, string> =>
      Object.fromEntries(edgeBetween(graph, actor, proposition).values);
    expect(values(POLICE, 'police-work-with-hunters')).toMatchObject({ position: 'support', agree: '3', disagree: '0', neutral: '0', qualified: 'false' });
    expect(values(SMITH, 'police-work-with-hunters')).toMatchObject({ position: 'mixed', agree: '1', disagree: '2', neutral: '0' });
    expect(values(SMITH, 'hunters-should-stop')).toMatchObject({ position: 'oppose', disagree: '1', qualified: 'true' });
    expect(values(PIKE, 'hunters-should-stop')).toMatchObject({ position: 'mixed', agree: '1', disagree: '1' });
    expect(values(ODUYA, 'police-work-with-hunters')).toMatchObject({ position: 'neutral', agree: '0', disagree: '0', neutral: '2' });
    expect(values(POLICE, 'undeclared')).toMatchObject({ position: 'neutral', neutral: '1' });
  });

  it('keeps names with markup characters and quotes, and drops characters XML cannot hold', () => {
    const graph = read();
    expect(nodeByKey(graph, SMITH).label).toBe(SMITH_NAME);
    expect(nodeByKey(graph, PIKE).label).toBe('Andrew Pike');
    expect(nodeByKey(graph, 'sting_evidence').label).toBe('Sting evidence should be admissible');
    expect(nodeByKey(graph, 'police-work-with-hunters').label).toBe('Police should work with "paedophile hunter" groups & <share> intelligence');
  });
});

describe.each(congruenceFiles)('the congruence network as %s', (_format, read) => {
  it('links actors by the propositions on which they take the same side, a mixed actor on both sides', () => {
    const graph = read();
    // Every actor is a node, the neutral and the silent one as isolates.
    expect(graph.nodes.map((node) => node.values.get('key'))).toEqual([SMITH, POLICE, PIKE, QUIET, ODUYA]);
    expect(nodeByKey(graph, SMITH).label).toBe(SMITH_NAME);
    expect(nodeByKey(graph, PIKE).values.get('actorType')).toBe('person');
    // police-work-with-hunters: police S, Pike S, Smith S+O (mixed) -> police-Pike, police-Smith, Pike-Smith.
    // hunters-should-stop: police S, Pike S+O (mixed), Smith O -> police-Pike (support), Pike-Smith (oppose);
    // police and Smith are on opposite sides there.
    expect(edgeList(graph)).toEqual([`${SMITH} -- ${POLICE}: 1`, `${SMITH} -- ${PIKE}: 2`, `${POLICE} -- ${PIKE}: 2`]);
    expect(edgeBetween(graph, POLICE, PIKE).values.get('propositions')).toBe('police-work-with-hunters hunters-should-stop');
    expect(edgeBetween(graph, SMITH, PIKE).values.get('propositions')).toBe('police-work-with-hunters hunters-should-stop');
    expect(edgeBetween(graph, POLICE, SMITH).values.get('propositions')).toBe('police-work-with-hunters');
  });
});

describe('network files', () => {
  it('write GraphML node ids as name tokens, distinct for distinct keys', () => {
    const graph = readGraphml(twoModeGraphml(positions, propositions));
    expect(nodeByKey(graph, POLICE).id).toBe('a:organisation:wessex_20_vale_20_police');
    expect(nodeByKey(graph, SMITH).id).toBe('a:organisation:smith_20__26__20_sons');
    expect(nodeByKey(graph, 'sting_evidence').id).toBe('p:sting_5f_evidence');
    // `a_b` and `a b` must not meet on one id.
    const clash = readGraphml(twoModeGraphml([row('person:a_b', 'A B', 'x', { support: 1, position: 'support' }), row('person:a b', 'A B', 'x', { support: 1, position: 'support' })], []));
    expect(clash.nodes).toHaveLength(3);
  });

  it('write GEXF node ids as the keys themselves', () => {
    const graph = readGexf(twoModeGexf(positions, propositions, { date: DATE }), DATE);
    expect(nodeByKey(graph, SMITH).id).toBe(`a:${SMITH}`);
    expect(nodeByKey(graph, 'sting_evidence').id).toBe('p:sting_evidence');
  });

  it('sum repeated rows for one actor and proposition into one edge', () => {
    const twice = [
      row(PIKE, 'Andrew Pike', 'hunters-should-stop', { support: 1, position: 'support' }),
      row(PIKE, 'Andrew Pike', 'hunters-should-stop', { oppose: 2, position: 'oppose' }),
    ];
    const graph = readGraphml(twoModeGraphml(twice, propositions));
    expect(graph.edges).toHaveLength(1);
    expect(Object.fromEntries(graph.edges[0]?.values ?? [])).toMatchObject({ position: 'mixed', agree: '1', disagree: '2', weight: '3' });
  });

  it('write empty but well-formed networks', () => {
    expect(readGraphml(twoModeGraphml([], []))).toEqual({ nodes: [], edges: [] });
    expect(readGexf(congruenceGexf([], [], { date: DATE }), DATE)).toEqual({ nodes: [], edges: [] });
  });

  it("date GEXF files today by default and refuse a date that is not YYYY-MM-DD", () => {
    const date = /lastmodifieddate="(\d{4}-\d{2}-\d{2})"/.exec(twoModeGexf(positions, propositions))?.[1];
    expect(date).toBeDefined();
    expect(Math.abs(Date.parse(date ?? '') - Date.now())).toBeLessThan(2 * 24 * 3600 * 1000);
    expect(() => twoModeGexf(positions, propositions, { date: '14/03/2025' })).toThrow(/YYYY-MM-DD/);
  });
});
