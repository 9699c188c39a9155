// JavaScript of the workflows' Code nodes (n8n runs it with $input and $('Node') in scope, once for all items).
// Kept as plain ES2020 text so the workflow files hold exactly this; test/workflows.test.ts runs it.
import type { Platform } from '@socialvault/vault-api';

/** Shared helpers: numeric leaves of a result (`public_metrics.like_count`), and the first of several names. */
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
}
function isoOrNull(value) {
  if (value === undefined || value === null || value === '') return null;
  const ms = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : Date.parse(String(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}`;

/**
 * Result of an insights call → one `insights` row keyed `<platform>:<account_id>:<date>`; failed calls are
 * skipped. For a `get_account` answer (`profileOnly`) only the follower count gets a column (its other
 * counts, e.g. X's like_count, describe the account's own activity), everything stays in `metrics`.
 */
export const insightsRowsCode = (
  platform: Platform,
  profileOnly: boolean,
): string => `// ${platform}: the tool's answer -> one insights row (upsert key row_key = platform:account_id:date).
// A failed call ({error}) is skipped: e.g. not_found when no ${platform} account is connected to the vault.
const PLATFORM = '${platform}';
const PROFILE_ONLY = ${profileOnly};
${HELPERS}
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
for (const item of $input.all()) {
  const result = item.json || {};
  if (result.error) continue;
  const accountId = String(result.account_id ?? result.id ?? '');
  if (!accountId) continue;
  const metrics = numericLeaves(result, '', {});
  const row = {
    row_key: PLATFORM + ':' + accountId + ':' + date,
    date,
    platform: PLATFORM,
    account_id: accountId,
    period: typeof result.period === 'string' ? result.period : null,
    metrics: JSON.stringify(metrics),
    fetched_at: now.toISOString(),
  };
  for (const [column, names] of Object.entries(COLUMNS)) {
    row[column] = PROFILE_ONLY && column !== 'followers' ? null : firstMetric(metrics, names);
  }
  rows.push({ json: row });
}
return rows;`;

/** Result of a recent-posts call → one `posts` row per post keyed `<platform>:<post_id>`. */
export const postsRowsCode = (
  platform: Platform,
): string => `// ${platform}: the tool's list of recent posts -> one posts row each (upsert key row_key = platform:post_id).
// A failed call ({error}) is skipped: e.g. not_found when no ${platform} account is connected to the vault.
const PLATFORM = '${platform}';
${HELPERS}
function postList(result) {
  for (const key of ['media', 'posts', 'statuses', 'items', 'data']) if (Array.isArray(result[key])) return result[key];
  return [];
}
function firstText(post, names) {
  for (const name of names) if (typeof post[name] === 'string' && post[name] !== '') return post[name];
  return null;
}
// Mastodon statuses are HTML; keep the words and line breaks.
function plainText(text) {
  if (text === null) return null;
  return text
    .replace(/<br\\s*\\/?>/gi, '\\n')
    .replace(/<\\/p>\\s*<p[^>]*>/gi, '\\n\\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .trim();
}
const fetchedAt = new Date().toISOString();
const rows = [];
for (const item of $input.all()) {
  const result = item.json || {};
  if (result.error) continue;
  const accountId = result.account_id === undefined ? null : String(result.account_id);
  for (const post of postList(result)) {
    if (!post || post.id === undefined || post.id === null) continue;
    const metrics = numericLeaves(post, '', {});
    rows.push({
      json: {
        row_key: PLATFORM + ':' + post.id,
        platform: PLATFORM,
        account_id: accountId,
        post_id: String(post.id),
        permalink: firstText(post, ['permalink', 'url', 'uri']),
        text: plainText(firstText(post, ['caption', 'text', 'content', 'status', 'commentary'])),
        media_type: firstText(post, ['media_type', 'media_product_type', 'type']),
        published_at: isoOrNull(post.timestamp ?? post.created_at ?? post.published_at ?? post.publishedAt),
        likes: firstMetric(metrics, ['like_count', 'likes', 'favourites_count', 'likes_count']),
        comments: firstMetric(metrics, ['comments_count', 'comments', 'reply_count', 'replies_count', 'replies']),
        shares: firstMetric(metrics, ['shares', 'retweet_count', 'repost_count', 'reposts', 'reblogs_count']),
        saves: firstMetric(metrics, ['saved', 'saves', 'bookmark_count']),
        views: firstMetric(metrics, ['views', 'impression_count', 'view_count', 'impressions']),
        reach: firstMetric(metrics, ['reach']),
        metrics: JSON.stringify(metrics),
        fetched_at: fetchedAt,
      },
    });
  }
}
return rows;`;

/** The NocoDB `where` that finds the records already stored for the incoming rows. */
export const FIND_EXISTING_WHERE =
  "={{ $input.all().map((item) => '(row_key,eq,' + item.json.row_key + ')').join('~or') }}";

/** Gives each row the Id of its stored record (same row_key), so it is updated instead of created again. */
export const pairWithExistingCode = (
  rowsNode: string,
): string => `// Rows whose row_key is already stored get that record's Id (-> update); the others have none (-> create).
const stored = new Map();
for (const item of $input.all()) {
  if (item.json.Id !== undefined && item.json.row_key) stored.set(item.json.row_key, item.json.Id);
}
return $(${JSON.stringify(rowsNode)}).all().map((item) => {
  const row = { ...item.json };
  if (stored.has(row.row_key)) row.Id = stored.get(row.row_key);
  return { json: row };
});`;
