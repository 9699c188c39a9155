// JavaScript of the daily-insights workflow's Code nodes: accounts → calls, answers → rows, failed calls → a failure.
// n8n runs it with $input and $('Node') in scope, once for all items; test/workflows-insights.test.ts runs it.
import { MCP_TARGETS, mcpUrl } from './platforms';

/** Numeric leaves of an answer (`public_metrics.like_count`), and the first metric of several names. */
const HELPERS = `function numericLeaves(value, prefix, out) {
  for (const [key, child] of Object.entries(value || {})) {
    if (typeof child === 'number' && Number.isFinite(child)) out[prefix + key] = child;
    else if (child && typeof child === 'object' && !Array.isArray(child)) numericLeaves(child, prefix + key + '.', out);
  }
  return out;
}
// The first metric (top-level names before nested ones) whose last name part is one of names.
function firstMetric(metrics, names) {
  const keys = Object.keys(metrics).sort((a, b) => a.split('.').length - b.split('.').length);
  for (const name of names) {
    const key = keys.find((k) => k.split('.').pop() === name);
    if (key !== undefined) return metrics[key];
  }
  return null;
}`;

/**
 * The vault's metadata list → one item per (connected account, call): `{platform, account_id, kind, mcp_url,
 * method, params}`, `account_id` always passed so several accounts of one platform never answer `conflict`.
 * Revoked credentials and platforms without a server are left out.
 */
export const accountCallsCode = (): string => {
  const plan = Object.fromEntries(
    MCP_TARGETS.map((target) => [
      target.platform,
      { mcp_url: mcpUrl(target), insights: target.insights, posts: target.posts },
    ]),
  );
  return `// One call per connected account and kind (insights, posts), from the vault's GET /api/credentials.
const PLAN = ${JSON.stringify(plan, null, 2)};
const calls = [];
for (const item of $input.all()) {
  for (const credential of item.json.credentials || []) {
    const target = PLAN[credential.platform];
    if (!target || credential.status === 'revoked' || !credential.account_id) continue;
    for (const kind of ['insights', 'posts']) {
      const call = target[kind];
      calls.push({
        json: {
          platform: credential.platform,
          account_id: String(credential.account_id),
          kind,
          mcp_url: target.mcp_url,
          method: call.tool,
          params: { ...call.params, account_id: String(credential.account_id) },
        },
      });
    }
  }
}
return calls;`;
};

/** The HTTP Request body of a planned call: the seed's plain form. */
export const CALL_BODY = '={{ JSON.stringify({ method: $json.method, params: $json.params }) }}';

/** Pairs each MCP answer (the HTTP node's items, in order) with the call that asked it. */
const pairAnswers = (callsNode: string): string => `const calls = $(${JSON.stringify(callsNode)}).all();
const answers = $input.all().map((item, index) => {
  const paired = item.pairedItem && typeof item.pairedItem.item === 'number' ? item.pairedItem.item : index;
  return { call: (calls[paired] && calls[paired].json) || {}, answer: item.json || {} };
});`;

/**
 * Answers of the insights calls → one `insights` row per account keyed `<platform>:<account_id>:<date>`;
 * failed calls make no row (the last node fails the execution for them). For a `get_account` answer only
 * the follower count gets a column (its other counts describe the account's own activity); everything stays
 * in `metrics`.
 */
export const insightsRowsCode = (
  callsNode: string,
): string => `// The insights answers -> one insights row per account (upsert key row_key = platform:account_id:date).
${HELPERS}
${pairAnswers(callsNode)}
const COLUMNS = {
  reach: ['reach'],
  views: ['views', 'impressions', 'impression_count'],
  likes: ['likes', 'like_count'],
  comments: ['comments', 'comments_count'],
  shares: ['shares'],
  saves: ['saves', 'saved'],
  replies: ['replies'],
  reposts: ['reposts', 'reposts_count', 'retweet_count'],
  quotes: ['quotes', 'quote_count'],
  total_interactions: ['total_interactions'],
  accounts_engaged: ['accounts_engaged'],
  profile_links_taps: ['profile_links_taps'],
  followers: ['followers', 'followers_count', 'follower_count'],
};
const now = new Date();
const date = now.toISOString().slice(0, 10);
const rows = [];
for (const { call, answer } of answers) {
  if (call.kind !== 'insights' || answer.error) continue;
  const profileOnly = call.method === 'get_account';
  const metrics = numericLeaves(answer, '', {});
  const row = {
    row_key: call.platform + ':' + call.account_id + ':' + date,
    date,
    platform: call.platform,
    account_id: call.account_id,
    period: typeof answer.period === 'string' ? answer.period : null,
    metrics: JSON.stringify(metrics),
    fetched_at: now.toISOString(),
  };
  for (const [column, names] of Object.entries(COLUMNS)) {
    row[column] = profileOnly && column !== 'followers' ? null : firstMetric(metrics, names);
  }
  rows.push({ json: row });
}
return rows;`;

/**
 * Answers of the recent-posts calls → one `posts` row per post keyed `<platform>:<account_id>:<post id>`.
 * Every server answers the same core (`posts[]` of id, url, created_at, text, account_id, metrics).
 */
export const postsRowsCode = (
  callsNode: string,
): string => `// The recent-posts answers -> one posts row per post (upsert key row_key = platform:account_id:post_id).
${pairAnswers(callsNode)}
const count = (metrics, name) => (typeof metrics[name] === 'number' ? metrics[name] : null);
const fetchedAt = new Date().toISOString();
const rows = [];
for (const { call, answer } of answers) {
  if (call.kind !== 'posts' || answer.error) continue;
  for (const post of answer.posts || []) {
    if (!post || post.id === undefined || post.id === null) continue;
    const metrics = post.metrics || {};
    rows.push({
      json: {
        row_key: call.platform + ':' + call.account_id + ':' + post.id,
        platform: call.platform,
        account_id: call.account_id,
        post_id: String(post.id),
        permalink: post.url || null,
        text: typeof post.text === 'string' ? post.text : null,
        media_type: typeof post.media_type === 'string' ? post.media_type : null,
        published_at: post.created_at || null,
        likes: count(metrics, 'likes'),
        comments: count(metrics, 'comments'),
        shares: count(metrics, 'shares'),
        saves: count(metrics, 'saves'),
        views: count(metrics, 'views'),
        reach: null,
        metrics: JSON.stringify(metrics),
        fetched_at: fetchedAt,
      },
    });
  }
}
return rows;`;

/**
 * Fails the execution (after the rows of the calls that worked were stored) when any call failed, naming
 * each: platform, account, tool and the server's error code and message. Returns nothing when all worked.
 */
export const failWhenACallFailedCode = (
  callsNode: string,
): string => `// Any failed call (not_found, reconnect_required, rate_limited, the server unreachable, ...) fails the run.
${pairAnswers(callsNode)}
function describe(error) {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') return [error.code, error.message].filter(Boolean).join(': ') || JSON.stringify(error);
  return 'failed';
}
const failures = answers
  .filter(({ answer }) => answer.error)
  .map(({ call, answer }) => call.platform + ' ' + call.account_id + ' ' + call.method + ': ' + describe(answer.error));
if (failures.length > 0) {
  // One line: n8n shows a Code node's error message up to its first line break.
  throw new Error(failures.length + ' of ' + answers.length + ' calls failed (the others were stored): ' + failures.join('; '));
}
return [];`;
