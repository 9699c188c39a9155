// Limits on what one POST /mcp may hold: JSON nested too deep (either form) and JSON-RPC batches over
// MCP_MAX_BATCH are refused with a 400 naming the problem, and nothing in them runs.
import { useHttpHarness } from '../../test/fixtures/http-harness';

const h = useHttpHarness();

/** `{"a":{"a":…{"a":"x"}}}` nested `depth` objects deep, as JSON text (JSON.stringify would overflow). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const deepArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** What an MCP client sends with a JSON-RPC POST. */
const MCP_ACCEPT = { accept: 'application/json, text/event-stream' };

const call = (id: number, args: unknown = {}) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'echo_account', arguments: args },
});

/**
 * Expects 400 with a JSON-RPC Invalid Request (`id: null`, code -32600) whose message is `message` (a string or
 * a matcher) and whose hint names `hintPart`, and that nothing reached the vault.
 */
function expectInvalidRequest(
  answer: { status: number; body: unknown },
  message: unknown,
  hintPart: string,
): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({
    jsonrpc: '2.0',
    id: null,
    error: { code: -32600, message, data: { hint: expect.stringContaining(hintPart) } },
  });
  expect(h.vault.requests).toHaveLength(0);
}

describe('nesting depth', () => {
  it.each([40, 5_000, 100_000])(
    'refuses plain-form params nested %i deep with 400 invalid_input naming the field',
    async (depth) => {
      const answer = await h.plain(h.server, `{"method":"echo_account","params":{"note":${nested(depth)}}}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({
        code: 'invalid_input',
        message: expect.stringMatching(/^params\.note\.a\.a\.a\.a….* nested deeper than 32 levels$/),
        hint: expect.stringContaining('at most 32 levels'),
      });
      expect(h.vault.requests).toHaveLength(0);
    },
  );

  it('refuses a JSON-RPC message nested too deep with a JSON-RPC Invalid Request naming the field', async () => {
    const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo_account","arguments":{"note":${deepArray(200_000)}}}}`;
    const answer = await h.plain(h.server, body, MCP_ACCEPT);
    expectInvalidRequest(
      answer,
      expect.stringMatching(/^Invalid Request: params\.arguments\.note\[0\]\[0\]\[0\]… is nested/),
      'at most 32 levels',
    );
  });

  it('accepts a body nested exactly 32 levels (the arguments are then checked as usual)', async () => {
    // body (1) → params (2) → note (3) → 29 more objects = 32 levels.
    const answer = await h.plain(h.server, `{"method":"echo_account","params":{"note":${nested(29)}}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^Invalid arguments for echo_account: note:/);
  });
});

describe('MCP_MAX_BATCH', () => {
  it('refuses a batch of 11 with a JSON-RPC error and runs none of it', async () => {
    const batch = Array.from({ length: 11 }, (_, index) => call(index + 1));
    const answer = await h.plain(h.server, batch, MCP_ACCEPT);
    expectInvalidRequest(
      answer,
      'Invalid Request: a batch holds at most 10 messages (got 11); none was run',
      'MCP_MAX_BATCH',
    );
  });

  it('runs a batch of 10, and follows MCP_MAX_BATCH when it is set', async () => {
    const batch = Array.from({ length: 10 }, (_, index) => call(index + 1));
    const ten = await h.plain(h.server, batch, MCP_ACCEPT);
    expect(ten.status).toBe(200);
    expect(ten.body).toHaveLength(10);
    const strict = await h.startServer({ MCP_MAX_BATCH: '2' });
    const three = await h.plain(strict, [call(1), call(2), call(3)], MCP_ACCEPT);
    expect(three.status).toBe(400);
    expect((three.body as unknown as { error: { message: string } }).error.message).toMatch(
      /at most 2 messages/,
    );
  });
});
