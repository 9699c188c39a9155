// Reading MCP tool results in tests: the structured result of a success, the {code,message,hint} of an error.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { recentPostOutput, recentPostsOutput } from '@socialvault/mcp-kit';
import type { WireError } from './stack';

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

/** The structured result of a successful tool call; fails the test on an error result, and checks the JSON text matches. */
export function resultOf(result: ToolResult): Record<string, unknown> {
  const call = result as CallToolResult;
  if (call.isError) throw new Error(`tool failed: ${JSON.stringify(call.content)}`);
  const [first] = call.content as Array<{ type: string; text: string }>;
  expect(JSON.parse(first!.text)).toEqual(call.structuredContent);
  return call.structuredContent as Record<string, unknown>;
}

/** The `{code, message, hint, retry_after_s?}` of an isError tool result (fails the test otherwise). */
export function errorOf(result: ToolResult): WireError {
  const call = result as CallToolResult;
  expect(call.isError).toBe(true);
  const [first] = call.content as Array<{ type: string; text: string }>;
  return JSON.parse(first!.text) as WireError;
}

const RecentPostsCore = recentPostsOutput(recentPostOutput({}), {});

/**
 * Checks a `get_recent_*` result against the common core every platform shares (SPEC "MCP servers"): the
 * result and each post carry `accountId` (the vault's account id), each post `id`, `url`, `created_at`,
 * `text` and `metrics`. Returns the posts with their platform fields, for further assertions.
 */
export function expectRecentPostsCore(
  result: Record<string, unknown>,
  accountId: string,
): Array<Record<string, unknown>> {
  const core = RecentPostsCore.parse(result);
  expect(core.account_id).toBe(accountId);
  expect(core.count).toBe(core.posts.length);
  for (const post of core.posts) {
    expect(post.account_id).toBe(accountId);
    if (post.created_at !== null) expect(new Date(post.created_at).toISOString()).toBe(post.created_at);
  }
  return result.posts as Array<Record<string, unknown>>;
}
