// JavaScript of the publish-from-calendar workflow's Code nodes: claim due rows, one call per platform, results.
import { IDEMPOTENCY_KEY_PLATFORMS, MCP_TARGETS, mcpUrl } from './platforms';

/** At most this many calendar rows are published per run (the schedule runs again a few minutes later). */
export const MAX_ROWS_PER_RUN = 20;

/**
 * Picks the scheduled rows whose publish_at has passed and plans their calls. Its items are the NocoDB
 * update that claims each row (status publishing, or failed when nothing can be published), plus the plan
 * in `_calls` / `_errors`, which the update node ignores.
 */
export const claimDueRowsCode = (
  idempotencyKeyPlatforms: readonly string[] = IDEMPOTENCY_KEY_PLATFORMS,
): string => {
  const servers = Object.fromEntries(MCP_TARGETS.map((target) => [target.platform, mcpUrl(target)]));
  return `// Claims the due rows (status scheduled, publish_at passed; at most ${MAX_ROWS_PER_RUN} per run): marking them publishing
// before any call means an overlapping or repeated run never publishes a row twice.
const MCP_SERVERS = ${JSON.stringify(servers, null, 2)};
// Servers whose publish_post takes idempotency_key (a retried row then returns the earlier post).
const IDEMPOTENCY_KEY_PLATFORMS = ${JSON.stringify(idempotencyKeyPlatforms)};
function publishParams(platform, text, mediaUrl) {
  switch (platform) {
    case 'instagram':
      if (!mediaUrl) return { error: 'invalid_input: Instagram needs media_url (a public https JPEG)' };
      return { image_url: mediaUrl, caption: text };
    case 'threads':
      return mediaUrl ? { text, image_url: mediaUrl } : { text };
    case 'x':
      return mediaUrl ? { text, media_urls: [mediaUrl] } : { text };
    case 'linkedin':
      return mediaUrl ? { text, image_url: mediaUrl } : { text };
    case 'mastodon':
      return mediaUrl ? { status: text, media_urls: [mediaUrl] } : { status: text };
    default:
      return { error: 'invalid_input: unknown platform (use ' + Object.keys(MCP_SERVERS).join(', ') + ')' };
  }
}
function platformsOf(value) {
  const list = Array.isArray(value) ? value : String(value ?? '').split(',');
  return [...new Set(list.map((p) => String(p).trim().toLowerCase()).filter(Boolean))];
}
const now = Date.now();
const due = $input
  .all()
  .map((item) => item.json)
  .filter((row) => row.Id !== undefined && row.status === 'scheduled')
  .filter((row) => {
    const at = Date.parse(String(row.publish_at ?? '').replace(' ', 'T'));
    return Number.isFinite(at) && at <= now;
  })
  .slice(0, ${MAX_ROWS_PER_RUN});
return due.map((row) => {
  const calls = [];
  const errors = [];
  const platforms = platformsOf(row.platforms);
  if (platforms.length === 0) errors.push('invalid_input: choose at least one platform');
  for (const platform of platforms) {
    const params = publishParams(platform, typeof row.text === 'string' ? row.text : '', row.media_url || undefined);
    if (params.error) {
      errors.push(platform + ': ' + params.error);
      continue;
    }
    if (IDEMPOTENCY_KEY_PLATFORMS.includes(platform)) params.idempotency_key = 'content_calendar-' + row.Id + '-' + platform;
    calls.push({ row_id: row.Id, platform, mcp_url: MCP_SERVERS[platform], method: 'publish_post', params });
  }
  const claim = calls.length
    ? { Id: row.Id, status: 'publishing', error: null }
    : { Id: row.Id, status: 'failed', error: errors.join('\\n') };
  return { json: { ...claim, _calls: calls, _errors: errors } };
});`;
};

/** One item per planned call (the HTTP Request node posts each to its server). */
export const buildCallsCode = (
  claimNode: string,
): string => `// One item per (row, platform) call planned by ${claimNode}.
return $(${JSON.stringify(claimNode)})
  .all()
  .flatMap((item) => item.json._calls || [])
  .map((call) => ({ json: call }));`;

/** The HTTP Request body of a planned call: the seed's plain form. */
export const PUBLISH_BODY = '={{ JSON.stringify({ method: $json.method, params: $json.params }) }}';

/** Folds the call results back into one NocoDB update per row: permalinks, errors and the final status. */
export const summarizeResultsCode = (
  claimNode: string,
  callsNode: string,
): string => `// Each row's outcome: published (every platform ok), partial, or failed; one line per platform in permalink / error.
function describe(error) {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') return [error.code, error.message].filter(Boolean).join(': ') || 'failed';
  return 'failed';
}
const calls = $(${JSON.stringify(callsNode)}).all();
const rows = new Map();
for (const claim of $(${JSON.stringify(claimNode)}).all()) {
  if ((claim.json._calls || []).length === 0) continue;
  rows.set(String(claim.json.Id), { Id: claim.json.Id, ok: [], failed: [...(claim.json._errors || [])] });
}
$input.all().forEach((item, index) => {
  const paired = item.pairedItem && typeof item.pairedItem.item === 'number' ? item.pairedItem.item : index;
  const call = calls[paired] && calls[paired].json;
  const row = call && rows.get(String(call.row_id));
  if (!row) return;
  const answer = item.json || {};
  if (answer.error) {
    row.failed.push(call.platform + ': ' + describe(answer.error));
    return;
  }
  // The post's public address: permalink (Instagram, Threads), url (X, Mastodon), post_url (LinkedIn).
  const link = answer.permalink || answer.url || answer.post_url || answer.post_id || answer.post_urn || answer.id || answer.media_id || 'published';
  row.ok.push(call.platform + ': ' + link);
});
const finishedAt = new Date().toISOString();
return [...rows.values()].map((row) => ({
  json: {
    Id: row.Id,
    status: row.failed.length === 0 ? 'published' : row.ok.length > 0 ? 'partial' : 'failed',
    permalink: row.ok.length ? row.ok.join('\\n') : null,
    error: row.failed.length ? row.failed.join('\\n') : null,
    published_at: row.ok.length ? finishedAt : null,
  },
}));`;

/**
 * Fails the execution once every outcome is recorded when a row did not publish on every platform, so the run
 * shows as failed in n8n's list (the rows already say which platform failed and why).
 */
export const failWhenAPlatformFailedCode = (
  outcomeNode: string,
): string => `// A row that ended partial or failed fails the run, after its outcome was recorded in NocoDB.
const failed = $(${JSON.stringify(outcomeNode)})
  .all()
  .map((item) => item.json)
  .filter((row) => row.status !== 'published');
if (failed.length > 0) {
  // One line: n8n shows a Code node's error message up to its first line break.
  const lines = failed.map((row) => 'content_calendar row ' + row.Id + ' ' + row.status + ': ' + String(row.error).split('\\n').join('; '));
  throw new Error(lines.join('; '));
}
return [];`;
