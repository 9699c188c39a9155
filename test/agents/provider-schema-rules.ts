// What OpenAI (also strict mode), Gemini and Anthropic accept as a tool's name and input schema, as a checker for tests.
//
// Sources (each rule below names the one it follows):
// - OpenAI function calling: https://platform.openai.com/docs/guides/function-calling (name: a-z, A-Z, 0-9,
//   underscores and dashes, at most 64) and Structured Outputs, "Supported schemas":
//   https://platform.openai.com/docs/guides/structured-outputs#supported-schemas (root an object, not anyOf;
//   `additionalProperties: false` on every object; every property required, optional ones as a union with
//   null; string formats limited to date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid).
//   The keywords strict mode refuses are the list openai-node enforces (src/lib/transform.ts,
//   JSON_SCHEMA_UNSUPPORTED_SCHEMA_KEYWORDS, plus min/maxProperties).
// - Gemini function declarations: https://ai.google.dev/api/caching#FunctionDeclaration and #Schema: "a select
//   subset of an OpenAPI 3.0 schema object"; `type` is required; `format` for strings only `enum` and
//   `date-time`; no oneOf, allOf, not or $ref. (Newer models take anyOf, but LangChain.js and others then send
//   the field with no `type`: issue 17, item 10.)
// - Anthropic tool use: https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
//   (`name` matches ^[a-zA-Z0-9_-]{1,64}$; `input_schema` a JSON Schema object whose root is `type: "object"`).

/** The part of JSON Schema these tools publish. */
export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
  additionalProperties?: unknown;
  [keyword: string]: unknown;
}

/** Gemini Schema fields (ai.google.dev #Schema) a property may carry. */
const GEMINI_KEYWORDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);

/** Keywords OpenAI strict mode refuses (openai-node transform.ts). */
const OPENAI_STRICT_UNSUPPORTED = [
  'allOf',
  'contains',
  'contentSchema',
  'dependentSchemas',
  'dependencies',
  'else',
  'if',
  'not',
  'patternProperties',
  'prefixItems',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
  'uniqueItems',
  'minProperties',
  'maxProperties',
];

/** String formats OpenAI strict mode knows; Gemini knows only date-time among them, so that is the one allowed. */
const ALLOWED_STRING_FORMATS = new Set(['date-time']);

/** Unions: Gemini's subset has none of them (anyOf only on newer models, and adapters then drop `type`). */
const UNION_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'not', '$ref', '$defs', 'definitions'];

/** The name every provider accepts: OpenAI/Anthropic ^[a-zA-Z0-9_-]{1,64}$, Gemini starts with a letter or _. */
const PORTABLE_TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

/** Problems of one tool name, empty when every provider takes it. */
export function toolNameProblems(name: string): string[] {
  return PORTABLE_TOOL_NAME.test(name)
    ? []
    : [`${name}: not ^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$ (OpenAI, Anthropic, Gemini)`];
}

function nodeProblems(node: JsonSchemaNode, path: string, isRoot: boolean): string[] {
  const problems: string[] = [];
  if (node.type === undefined) problems.push(`${path}: no type (Gemini requires one)`);
  if (Array.isArray(node.type)) problems.push(`${path}: type is a list (Gemini takes one type)`);
  for (const keyword of UNION_KEYWORDS) {
    if (keyword in node) problems.push(`${path}: ${keyword} (not in Gemini's schema subset)`);
  }
  if (typeof node.format === 'string' && !ALLOWED_STRING_FORMATS.has(node.format)) {
    problems.push(`${path}: format "${node.format}" (Gemini: enum/date-time only; OpenAI strict: no uri)`);
  }
  for (const keyword of Object.keys(node)) {
    // additionalProperties: false is what OpenAI's and Anthropic's strict modes require on objects; Gemini's
    // parametersJsonSchema takes it, and its adapters drop it for `parameters`.
    if (keyword === 'additionalProperties' && node.type === 'object') continue;
    if (!GEMINI_KEYWORDS.has(keyword) && !UNION_KEYWORDS.includes(keyword)) {
      problems.push(
        `${path}: keyword ${keyword} (not in Gemini's schema subset)${isRoot ? ' at the root' : ''}`,
      );
    }
  }
  if (node.enum && node.type !== 'string')
    problems.push(`${path}: enum on a ${String(node.type)} (Gemini: strings)`);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    problems.push(...nodeProblems(child, `${path}.${key}`, false));
  }
  if (node.items) problems.push(...nodeProblems(node.items, `${path}[]`, false));
  return problems;
}

/**
 * The usual optional→nullable rewrite that OpenAI strict mode needs (OpenAI Agents SDK, openai-node helpers,
 * LangChain and the Vercel AI SDK do it): every property becomes required, optional ones `[type, "null"]`
 * (and `null` joins their enum). Returns a copy.
 */
export function toOpenAiStrict(node: JsonSchemaNode): JsonSchemaNode {
  const copy: JsonSchemaNode = { ...node };
  if (node.items) copy.items = toOpenAiStrict(node.items);
  if (node.properties) {
    const required = new Set(node.required ?? []);
    copy.properties = {};
    for (const [key, child] of Object.entries(node.properties)) {
      const strictChild = toOpenAiStrict(child);
      if (!required.has(key) && typeof strictChild.type === 'string') {
        strictChild.type = [strictChild.type, 'null'];
        if (strictChild.enum) strictChild.enum = [...strictChild.enum, null];
      }
      copy.properties[key] = strictChild;
    }
    copy.required = Object.keys(node.properties);
  }
  return copy;
}

function openAiStrictProblems(node: JsonSchemaNode, path: string): string[] {
  const problems: string[] = [];
  for (const keyword of OPENAI_STRICT_UNSUPPORTED) {
    if (keyword in node) problems.push(`${path}: ${keyword} (OpenAI strict mode refuses it)`);
  }
  if (node.type === 'object' || node.properties) {
    if (node.additionalProperties !== false) {
      problems.push(`${path}: additionalProperties is not false (OpenAI strict mode)`);
    }
    const keys = Object.keys(node.properties ?? {});
    if (keys.some((key) => !(node.required ?? []).includes(key))) {
      problems.push(`${path}: not every property is required after the rewrite (OpenAI strict mode)`);
    }
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    problems.push(...openAiStrictProblems(child, `${path}.${key}`));
  }
  if (node.items) problems.push(...openAiStrictProblems(node.items, `${path}[]`));
  return problems;
}

/**
 * Everything OpenAI function calling (also strict, after toOpenAiStrict), Gemini function declarations and
 * Anthropic tool use would refuse in one tool's input schema; empty when all three take it as it is.
 */
export function inputSchemaProblems(toolName: string, schema: JsonSchemaNode): string[] {
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push(`${toolName}: root type is not "object" (Anthropic, OpenAI)`);
  if ('anyOf' in schema || 'oneOf' in schema)
    problems.push(`${toolName}: a union at the root (OpenAI strict)`);
  problems.push(...nodeProblems(schema, toolName, true));
  problems.push(...openAiStrictProblems(toOpenAiStrict(schema), `${toolName} (strict)`));
  return problems;
}
