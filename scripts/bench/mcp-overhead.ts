// Measurement 2: what MCP adds to a platform call. get_account through mcp-instagram over the official SDK client
// (Streamable HTTP) and in the seed's plain form, vs the very Graph request the server makes, sent straight to the
// simulator; one call at a time, the three interleaved, from the load worker's process.
import type { BenchAccount } from './fixtures';
import { interleavedLatency } from './load';
import type { LatencyTarget } from './load-worker';
import type { BenchOptions } from './options';
import type { BenchStack } from './stack';
import { round, type LatencyStats } from './stats';

export interface McpOverheadResult {
  durationS: number;
  /** The Graph request get_account makes, without its token (as recorded by the simulator). */
  graphRequest: string;
  direct: LatencyStats & { errors: number };
  sdk: LatencyStats & { errors: number };
  plain: LatencyStats & { errors: number };
  /** Added latency over the direct call, ms. */
  added: { sdk: { p50Ms: number; p99Ms: number }; plain: { p50Ms: number; p99Ms: number } };
}

interface RecordedGraphRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  tokenSource?: 'header' | 'query' | 'body';
}

/** Calls get_account once and reads back from the simulator the exact Graph request it caused. */
async function graphRequestOfGetAccount(stack: BenchStack, mcpUrl: string, account: BenchAccount) {
  await fetch(`${stack.simUrl}/_sim/requests`, { method: 'DELETE' });
  const answer = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'get_account', params: { account_id: account.accountId } }),
  });
  if (!answer.ok) throw new Error(`get_account answered ${answer.status}: ${await answer.text()}`);
  const { requests } = (await (await fetch(`${stack.simUrl}/_sim/requests?platform=instagram`)).json()) as {
    requests: RecordedGraphRequest[];
  };
  if (requests.length !== 1)
    throw new Error(`get_account made ${requests.length} Graph requests, expected 1`);
  return requests[0]!;
}

/** Interleaves direct Graph calls, SDK get_account and plain-form get_account for `options.mcpDurationS`. */
export async function measureMcpOverhead(
  stack: BenchStack,
  account: BenchAccount,
  options: BenchOptions,
): Promise<McpOverheadResult> {
  const server = stack.mcp.find((candidate) => candidate.entry.platform === 'instagram');
  if (!server) throw new Error('mcp-instagram is not running');
  const mcpUrl = `${server.url}/mcp`;
  const graph = await graphRequestOfGetAccount(stack, mcpUrl, account);
  const query = new URLSearchParams(graph.query);
  const headers: Record<string, string> = {};
  if (graph.tokenSource === 'header') headers.authorization = `Bearer ${account.accessToken}`;
  const args = { account_id: account.accountId };
  const targets: LatencyTarget[] = [
    { name: 'direct', type: 'http', method: 'GET', url: `${stack.simUrl}${graph.path}?${query}`, headers },
    { name: 'sdk', type: 'mcp-sdk', mcpUrl, tool: 'get_account', args },
    {
      name: 'plain',
      type: 'http',
      method: 'POST',
      url: mcpUrl,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'get_account', params: args }),
    },
  ];
  const result = await interleavedLatency({ targets, durationS: options.mcpDurationS, warmupRounds: 100 });
  const { direct, sdk, plain } = result as Record<'direct' | 'sdk' | 'plain', McpOverheadResult['direct']>;
  query.delete('access_token');
  const added = (stats: LatencyStats) => ({
    p50Ms: round(stats.p50Ms - direct.p50Ms),
    p99Ms: round(stats.p99Ms - direct.p99Ms),
  });
  return {
    durationS: options.mcpDurationS,
    graphRequest: `${graph.method} ${graph.path}?${query}`,
    direct,
    sdk,
    plain,
    added: { sdk: added(sdk), plain: added(plain) },
  };
}
