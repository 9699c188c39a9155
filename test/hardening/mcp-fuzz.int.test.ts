// Property-based fuzzing of all five MCP servers through the plain form (fast-check, fixed seed printed on
// failure): bodies and every tool's arguments, generated from the tools' own JSON Schemas and mixed with
// hostile values (JSON nested up to 2,000 deep among them). Never a 500 or an unmapped 5xx, never a stack
// trace, internal path or secret, and a refused call sends nothing that writes to the platform. Then the
// media URLs each publishing tool must refuse when private addresses are not allowed: refused before
// anything is uploaded or published.
import fc from 'fast-check';
import type { PlatformSim } from '@socialvault/platform-sim';
import type { RunningMcpHttpServer } from '@socialvault/mcp-kit';
import { IG_USER_ID, startInstagramStack } from '@socialvault/mcp-instagram/test/fixtures';
import { startLinkedInStack, SUB } from '@socialvault/mcp-linkedin/test/fixtures';
import { ALICE, BOB, startMastodonStack } from '@socialvault/mcp-mastodon/test/fixtures';
import { startThreadsStack, THREADS_USER_ID } from '@socialvault/mcp-threads/test/fixtures';
import { startXStack, X_USER_ID } from '@socialvault/mcp-x/test/fixtures';

jest.setTimeout(180_000);

const SEED = 20_251_111;
const RUNS = 1000;
const REPO_ROOT = process.cwd();

/** What the five stacks share for this test. */
interface Stack {
  sim: PlatformSim;
  server: RunningMcpHttpServer;
  plain(
    body: unknown,
    server?: RunningMcpHttpServer,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  startServer(env?: Record<string, string>): Promise<RunningMcpHttpServer>;
  close(): Promise<void>;
}
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  format?: string;
}
interface ToolListing {
  name: string;
  inputSchema: JsonSchema;
}

/** Each server, how to start its stack, its connected account ids, and the platform request that publishes. */
const SERVERS: Array<[string, (prefix: string) => Promise<Stack>, string[], RegExp]> = [
  ['instagram', (prefix) => startInstagramStack(prefix) as Promise<Stack>, [IG_USER_ID], /\/media_publish$/],
  ['threads', startThreadsStack, [THREADS_USER_ID], /\/threads_publish$/],
  ['x', startXStack, [X_USER_ID], /\/2\/tweets$/],
  ['linkedin', startLinkedInStack, [SUB], /\/rest\/posts$/],
  ['mastodon', startMastodonStack, [ALICE, BOB], /\/api\/v1\/statuses$/],
];
/** The account ids of the server under test (account_id values the generator uses). */
let connectedAccounts: string[] = [];

// ── values ─────────────────────────────────────────────────────────────────────────────────────────────
const nastyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 15 }),
  fc.string({ minLength: 2_000, maxLength: 4_000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\n',
    '1\r\n2',
    '\u202e1789',
    '17\u202889',
    '${jndi:ldap://x}',
    "'; DROP TABLE credentials; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '\uFEFF',
    '\uD800',
    'NaN',
    '-1',
    '0',
    '1e309',
    'true',
    'null',
    '17841400000000001',
    'https://',
    'file:///etc/passwd',
    'ftp://127.0.0.1/a.jpg',
    'javascript:alert(1)',
    'http://localhost:1/a.jpg',
  ),
);
/** JSON nested 30 to 2,000 levels (arrays or objects), around and far past the servers' limit of 32. */
const deep: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 30, max: 2_000 }), fc.boolean(), nastyString)
  .map(([depth, asArray, leaf]) => {
    let value: unknown = leaf;
    for (let level = 0; level < depth; level += 1)
      value = asArray ? [value] : { [leaf.slice(0, 8) || 'a']: value };
    return value;
  });
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  deep,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 5 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Only loopback media (the simulator): the servers run with MEDIA_ALLOW_PRIVATE_URLS here. */
const mediaUrl = (sim: PlatformSim) =>
  fc.constantFrom(
    sim.sampleImageUrl,
    sim.sampleVideoUrl,
    `${sim.url}/_sim/media/missing.jpg`,
    `${sim.url}/health`,
  );

/** A value the schema accepts (roughly), so calls also get past validation and reach the platform. */
function fromSchema(schema: JsonSchema, name: string, sim: PlatformSim, depth = 0): fc.Arbitrary<unknown> {
  if (name === 'account_id') return fc.constantFrom(...connectedAccounts);
  if (schema.anyOf?.length)
    return fc.oneof(...schema.anyOf.map((inner) => fromSchema(inner, name, sim, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (/url/.test(name) && (type === 'string' || type === 'array')) {
    return type === 'array' ? fc.array(mediaUrl(sim), { minLength: 1, maxLength: 2 }) : mediaUrl(sim);
  }
  switch (type) {
    case 'string':
      return /time|since|until/.test(name)
        ? fc.constantFrom('2026-01-01T00:00:00Z', '2025-12-01', String(Math.floor(Date.now() / 1000)))
        : fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? 1, max: Math.min(schema.maximum ?? 100, 100) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 2 || !schema.items
        ? fc.constant([])
        : fc.array(fromSchema(schema.items, name, sim, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 3, 3),
          });
    case 'object':
      return fc.constant({});
    default:
      return hostile;
  }
}

/** Arguments for one tool: each property absent, schema-like or hostile; sometimes an unknown one. */
function toolArguments(tool: ToolListing, sim: PlatformSim): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(tool.inputSchema.properties ?? {});
  const fields = properties.map(([name, schema]) =>
    fc
      .oneof(
        { weight: 2, arbitrary: fc.constant<unknown>(undefined) },
        { weight: 5, arbitrary: fromSchema(schema, name, sim) },
        { weight: 2, arbitrary: hostile },
      )
      .map((value) => [name, value] as const),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.option(fc.tuple(nastyString, hostile), { freq: 8 }))
    .map(([pairs, extra]) => {
      const args: Record<string, unknown> = {};
      for (const [name, value] of pairs) if (value !== undefined) args[name] = value;
      if (extra) args[extra[0] || 'unknown'] = extra[1];
      return args;
    });
}

/** A whole plain-form body: mostly a tool call, sometimes a malformed envelope. */
function plainBody(tools: ToolListing[], sim: PlatformSim): fc.Arbitrary<unknown> {
  const calls = tools.map((tool) =>
    toolArguments(tool, sim).map((params) => ({ method: tool.name, params })),
  );
  return fc.oneof(
    { weight: 12, arbitrary: fc.oneof(...calls) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.oneof(...calls).map((call) => ({
          method: 'tools/call',
          params: { name: call.method, arguments: call.params },
        })),
        fc.record({ method: nastyString, params: hostile }),
        fc.record({ method: fc.constantFrom(...tools.map((tool) => tool.name)), params: deep }),
        fc.record({ method: fc.constantFrom(...tools.map((tool) => tool.name)), params: hostile }),
        fc.constantFrom(
          {},
          { method: null },
          { params: {} },
          { method: 'tools/list', params: [] },
          { method: ['x'] },
        ),
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((value) => typeof value === 'object' && value !== null && !('jsonrpc' in value)),
      ),
    },
  );
}

/** Platform requests since the log was last cleared that publish something. */
const publishes = (sim: PlatformSim, publishPath: RegExp) =>
  sim.state.requests.filter((request) => request.method === 'POST' && publishPath.test(request.path)).length;
/** Platform requests since the log was last cleared that write anything (uploads, containers, posts). */
const writes = (sim: PlatformSim) => sim.state.requests.filter((request) => request.method !== 'GET');

function wireProblem(status: number, body: Record<string, unknown>, text: string): string | undefined {
  if (status === 500) return `a 500: ${text.slice(0, 300)}`;
  if (status >= 500) {
    const code = (body.error as { code?: string } | undefined)?.code;
    if (!(status === 502 && code === 'platform_error') && !(status === 503 && code === 'vault_unavailable')) {
      return `an unmapped ${status}: ${text.slice(0, 300)}`;
    }
  }
  if (status >= 400) {
    const error = body.error as Record<string, unknown> | undefined;
    // An array body is a JSON-RPC batch: the MCP transport answers it with a JSON-RPC error.
    const jsonRpc =
      body.jsonrpc === '2.0' && typeof error?.code === 'number' && typeof error.message === 'string';
    if (jsonRpc) return undefined;
    if (
      typeof error?.code !== 'string' ||
      typeof error.message !== 'string' ||
      typeof error.hint !== 'string'
    ) {
      return `an error without {code, message, hint}: ${text.slice(0, 300)}`;
    }
  }
  if (text.includes(REPO_ROOT) || /node_modules|\n\s+at |\.ts:\d+/.test(text))
    return `internals in ${text.slice(0, 300)}`;
  return undefined;
}

describe.each(SERVERS)('mcp-%s', (platform, start, accounts, publishPath) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await start(`fuzz_${platform}`);
    connectedAccounts = accounts;
  });
  afterAll(async () => {
    // close() fails the file when a tracked secret (tokens, service token, broker key) crossed a wire or a log.
    await stack?.close();
  });

  it(`fuzzes the plain form and every tool's arguments (${RUNS} cases, seed ${SEED})`, async () => {
    const listing = await stack.plain({ method: 'tools/list' });
    const tools = listing.body.tools as ToolListing[];
    expect(tools.length).toBeGreaterThanOrEqual(3);
    const seen = { statuses: new Map<number, number>(), tools: new Set<string>(), server5xx: [] as string[] };
    await fc.assert(
      fc.asyncProperty(plainBody(tools, stack.sim), async (body) => {
        stack.sim.state.log.clear();
        const answer = await stack.plain(body);
        const text = JSON.stringify(answer.body);
        seen.statuses.set(answer.status, (seen.statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 200) seen.tools.add((body as { method: string }).method);
        const problem = wireProblem(answer.status, answer.body, text);
        if (problem) throw new Error(problem);
        if (answer.status >= 500)
          seen.server5xx.push(`${JSON.stringify(body).slice(0, 200)} → ${text.slice(0, 200)}`);
        const code = (answer.body.error as { code?: string } | undefined)?.code;
        // A refused call publishes nothing. (When the platform itself finds the media unusable, it has
        // seen an upload or a container first; nothing goes live.)
        if (answer.status >= 400 && publishes(stack.sim, publishPath) > 0) {
          throw new Error(`a refused call (${answer.status} ${code}) published`);
        }
        // Refused by the server's own argument checks: not one platform write.
        const ownCheck = code === 'invalid_input' && !/could not be processed|ERROR|rejected/i.test(text);
        if (ownCheck && writes(stack.sim).length > 0) {
          const paths = writes(stack.sim).map((request) => `${request.method} ${request.path}`);
          throw new Error(
            `a call refused as invalid_input wrote to the platform (${paths.join(', ')}): ${text}`,
          );
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(seen.statuses.get(400)).toBeGreaterThan(100);
    // Valid calls get through too: at least one tool answered 200.
    expect(seen.tools.size).toBeGreaterThan(0);
    // A platform refusal of well-formed input is a mapped 502; there should be few.
    expect(seen.server5xx.length).toBeLessThan(RUNS / 10);
  });

  it('refuses media URLs on private addresses before anything is uploaded or published', async () => {
    const guarded = await stack.startServer({ MEDIA_ALLOW_PRIVATE_URLS: 'false' });
    const tools = ((await stack.plain({ method: 'tools/list' }, guarded)).body.tools as ToolListing[]).filter(
      (tool) => /^publish_/.test(tool.name),
    );
    expect(tools.length).toBeGreaterThan(0);
    const port = new URL(stack.sim.url).port;
    const hostileUrls = [
      stack.sim.sampleImageUrl,
      `http://localhost:${port}/_sim/media/sample.jpg`,
      `http://[::1]:${port}/_sim/media/sample.jpg`,
      `http://2130706433:${port}/_sim/media/sample.jpg`,
      `http://127.1:${port}/_sim/media/sample.jpg`,
      `http://[::ffff:127.0.0.1]:${port}/_sim/media/sample.jpg`,
    ];
    let refused = 0;
    for (const tool of tools) {
      const properties = tool.inputSchema.properties ?? {};
      const urlFields = Object.keys(properties).filter((name) => /url/.test(name));
      const textField = Object.keys(properties).find((name) => /^(text|caption|status)$/.test(name));
      for (const field of urlFields) {
        for (const url of hostileUrls) {
          const isArray = (properties[field]!.type ?? '') === 'array';
          const params: Record<string, unknown> = { [field]: isArray ? [url] : url };
          if (textField) params[textField] = 'hardening check';
          if (tool.name === 'publish_carousel') params[field] = [url, url];
          if (accounts.length > 1) params.account_id = accounts[0];
          stack.sim.state.log.clear();
          const answer = await stack.plain({ method: tool.name, params }, guarded);
          const error = answer.body.error as { code?: string; message?: string } | undefined;
          expect({ tool: tool.name, url, status: answer.status, code: error?.code }).toEqual({
            tool: tool.name,
            url,
            status: 400,
            code: 'invalid_input',
          });
          expect(error?.message).toMatch(/private or loopback|http\(s\) URL/);
          expect(writes(stack.sim)).toEqual([]);
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
