// Just enough of n8n to check the shipped workflows: load them, find nodes, run Code nodes and {{ }} expressions.
import fs from 'node:fs';
import path from 'node:path';
import type { N8nNode, N8nWorkflow } from '../../scripts/n8n/nodes';
import { ROOT } from './compose';

export const WORKFLOW_DIR = path.join(ROOT, 'n8n', 'workflows');

/** An n8n item. */
export interface Item {
  json: Record<string, unknown>;
  pairedItem?: { item: number };
}

export function loadWorkflowFile(file: string): N8nWorkflow {
  return JSON.parse(fs.readFileSync(path.join(WORKFLOW_DIR, file), 'utf8')) as N8nWorkflow;
}

export function node(workflow: N8nWorkflow, name: string): N8nNode {
  const found = workflow.nodes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${workflow.name} has no node "${name}"`);
  return found;
}

export const nodesOfType = (workflow: N8nWorkflow, type: string): N8nNode[] =>
  workflow.nodes.filter((candidate) => candidate.type === type);

/** The nodes `from` feeds on output `output` of connection type `type`. */
export function targets(workflow: N8nWorkflow, from: string, output = 0, type = 'main'): string[] {
  return (workflow.connections[from]?.[type]?.[output] ?? []).map((connection) => connection.node);
}

/** The node whose only `main` input is `to` (throws unless exactly one). */
export function sourceOf(workflow: N8nWorkflow, to: string): string {
  const sources = Object.entries(workflow.connections)
    .filter(([, byType]) => (byType.main ?? []).some((outputs) => outputs.some((c) => c.node === to)))
    .map(([from]) => from);
  if (sources.length !== 1) throw new Error(`${to} has ${sources.length} main inputs`);
  return sources[0]!;
}

/**
 * Runs a Code node's JavaScript as n8n does in "Run Once for All Items" mode: `$input.all()` is `input`,
 * `$('Node').all()` the recorded output of an earlier node. Returns the items it returns.
 */
export function runCode(jsCode: string, input: Item[], earlier: Record<string, Item[]> = {}): Item[] {
  const $input = { all: () => input, first: () => input[0] };
  const $ = (name: string) => {
    if (!(name in earlier)) throw new Error(`$('${name}') refers to a node that has not run`);
    return { all: () => earlier[name]! };
  };
  const result = new Function('$input', '$', jsCode)($input, $) as unknown;
  if (!Array.isArray(result) || !result.every((item) => item && typeof item === 'object' && 'json' in item)) {
    throw new Error('a Code node must return an array of {json} items');
  }
  return result as Item[];
}

/** Evaluates an n8n parameter: a literal, or `={{ expression }}` with `$json` and `$input` in scope. */
export function evaluate(
  parameter: unknown,
  json: Record<string, unknown>,
  input: Item[] = [{ json }],
): unknown {
  if (typeof parameter !== 'string' || !parameter.startsWith('=')) return parameter;
  const match = /^=\{\{([\s\S]*)\}\}$/.exec(parameter);
  if (!match) throw new Error(`not a whole-string expression: ${parameter}`);
  return new Function('$json', '$input', `return (${match[1]});`)(json, { all: () => input });
}

/** The JSON body an HTTP Request node sends for one item (specifyBody json). */
export function httpBody(
  httpNode: N8nNode,
  json: Record<string, unknown>,
): { method: string; params: unknown } {
  const body = evaluate(httpNode.parameters.jsonBody, json);
  return JSON.parse(String(body)) as { method: string; params: unknown };
}
