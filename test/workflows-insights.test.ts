// Workflow 1 (daily insights): accounts from the vault, every call checked against the servers' own tools, the
// Code nodes run on answers that pass the servers' own output schemas, and a failed call fails the run.
import { ACCOUNTS_NODE, ASK_NODE, CALLS_NODE, FAIL_NODE } from '../scripts/n8n/workflows/daily-insights';
import { CREDENTIALS } from '../scripts/n8n/nodes';
import { VAULT_CREDENTIALS_URL } from '../scripts/n8n/platforms';
import { loadSchema } from '../scripts/nocodb/schema';
import { environmentOf, loadCompose, readEnvExample } from './stack/compose';
import { loadPresentServers } from './stack/mcp-servers';
import { evaluate, httpBody, loadWorkflowFile, node, runCode, targets, type Item } from './stack/n8n-runtime';
import { composeMcpServices } from './stack/targets';

const workflow = loadWorkflowFile('1-daily-insights.json');
const schema = loadSchema();
const servers = loadPresentServers();
const columnsOf = (table: string): string[] => [
  'Id',
  ...schema.tables.find((t) => t.title === table)!.columns.map((c) => c.name),
];
const jsOf = (name: string): string => String(node(workflow, name).parameters.jsCode);

/** What the vault's metadata list answers: two Instagram accounts, a revoked X account, Mastodon user@instance. */
const VAULT_LIST = {
  credentials: [
    { platform: 'instagram', account_id: '17841400000000001', status: 'active' },
    { platform: 'instagram', account_id: '17841400000000002', status: 'active' },
    { platform: 'threads', account_id: '7001', status: 'active' },
    { platform: 'x', account_id: '2244994945', status: 'active' },
    { platform: 'x', account_id: '2244994946', status: 'revoked' },
    { platform: 'linkedin', account_id: 'abcMember', status: 'active' },
    { platform: 'mastodon', account_id: 'alice@mastodon.social', status: 'active' },
  ],
};

const core = (accountId: string, id: string, metrics: Record<string, number>) => ({
  id,
  url: `https://example.com/${id}`,
  created_at: '2025-05-01T09:30:00.000Z',
  text: 'hi',
  account_id: accountId,
  metrics,
});

/** Answers of each read tool, by platform and kind; each is checked against its server's output schema. */
function answerFor(call: Record<string, unknown>): Record<string, unknown> {
  const accountId = String(call.account_id);
  const posts = (extra: Record<string, unknown>, metrics: Record<string, number>) => ({
    account_id: accountId,
    posts: [{ ...core(accountId, `${call.platform}-post-1`, metrics), ...extra }],
    count: 1,
  });
  const answers: Record<string, Record<string, Record<string, unknown>>> = {
    instagram: {
      insights: {
        account_id: accountId,
        reach: 8921,
        views: 12543,
        accounts_engaged: 321,
        period: 'day',
        data: [],
      },
      posts: {
        ...posts(
          {
            media_type: 'IMAGE',
            media_product_type: 'FEED',
            media_url: null,
            thumbnail_url: null,
            shortcode: null,
          },
          { likes: 12, comments: 3 },
        ),
        next_cursor: null,
      },
    },
    threads: {
      insights: {
        account_id: accountId,
        views: 900,
        likes: 40,
        replies: 5,
        reposts: 2,
        quotes: 1,
        followers_count: 77,
      },
      posts: {
        ...posts(
          { media_type: 'TEXT_POST', media_url: null, shortcode: null, username: 'a', is_quote_post: false },
          {},
        ),
        next_cursor: null,
      },
    },
    x: {
      insights: {
        id: accountId,
        account_id: accountId,
        username: 'a',
        name: 'A',
        followers_count: 1200,
        following_count: 10,
        tweet_count: 99,
        listed_count: 1,
        token_expires_at: null,
      },
      posts: {
        ...posts(
          { public_metrics: { like_count: 7, retweet_count: 2, reply_count: 1, quote_count: 0 } },
          { likes: 7, shares: 2, comments: 1, quotes: 0 },
        ),
        next_cursor: null,
      },
    },
    linkedin: {
      insights: {
        person_urn: 'urn:li:person:abcMember',
        sub: 'abcMember',
        account_id: accountId,
        scopes: [],
        token_expires_at: null,
        not_available: 'x',
      },
      posts: {
        ...posts({ visibility: 'PUBLIC', lifecycle_state: 'PUBLISHED' }, { likes: 4, comments: 1 }),
        author_urn: 'urn:li:person:abcMember',
        next_start: null,
        not_available: 'x',
      },
    },
    mastodon: {
      insights: {
        id: '109',
        account_id: accountId,
        username: 'alice',
        handle: '@alice@mastodon.social',
        followers_count: 55,
        instance_url: 'https://mastodon.social',
        max_characters: 500,
        max_media_attachments: 4,
        token_expires_at: null,
      },
      posts: {
        ...posts(
          {
            spoiler_text: '',
            visibility: 'public',
            language: null,
            in_reply_to_id: null,
            is_reblog: false,
            media: [],
          },
          { likes: 3, comments: 0, shares: 1 },
        ),
        instance_account_id: '109',
        instance_url: 'https://mastodon.social',
        next_max_id: null,
      },
    },
  };
  return answers[String(call.platform)]![String(call.kind)]!;
}

const calls = runCode(jsOf(CALLS_NODE), [{ json: VAULT_LIST }]);
const answers: Item[] = calls.map((call, index) => ({
  json: answerFor(call.json),
  pairedItem: { item: index },
}));
const earlier = { [CALLS_NODE]: calls };

describe('workflow 1: daily insights', () => {
  it("lists the connected accounts from the vault's internal listener with the metadata-only n8n identity", () => {
    const accounts = node(workflow, ACCOUNTS_NODE);
    expect(accounts.parameters).toMatchObject({ method: 'GET', url: VAULT_CREDENTIALS_URL });
    expect(accounts.credentials).toEqual({
      httpBearerAuth: { id: CREDENTIALS.vault.id, name: CREDENTIALS.vault.name },
    });
    const compose = loadCompose(
      new Proxy(readEnvExample().values, {
        get: (target, key) => Reflect.get(target, key) || 'x'.repeat(32),
      }),
    );
    const url = new URL(VAULT_CREDENTIALS_URL);
    expect(environmentOf(compose.services[url.hostname]!).VAULT_INTERNAL_PORT).toBe(url.port);
    expect(environmentOf(compose.services.vault!).VAULT_SERVICE_TOKENS).toMatch(
      /(^|,)n8n:\*:[^,]+:metadata(,|$)/,
    );
    expect(targets(workflow, 'Every day at 09:00')).toEqual([ACCOUNTS_NODE]);
    expect(targets(workflow, ACCOUNTS_NODE)).toEqual([CALLS_NODE]);
  });

  it('plans two calls per connected account, each with its account_id, and none for a revoked one', () => {
    expect(calls.map((c) => [c.json.platform, c.json.account_id, c.json.method])).toEqual([
      ['instagram', '17841400000000001', 'get_account_insights'],
      ['instagram', '17841400000000001', 'get_recent_media'],
      ['instagram', '17841400000000002', 'get_account_insights'],
      ['instagram', '17841400000000002', 'get_recent_media'],
      ['threads', '7001', 'get_account_insights'],
      ['threads', '7001', 'get_recent_posts'],
      ['x', '2244994945', 'get_account'],
      ['x', '2244994945', 'get_recent_posts'],
      ['linkedin', 'abcMember', 'get_account'],
      ['linkedin', 'abcMember', 'get_recent_posts'],
      ['mastodon', 'alice@mastodon.social', 'get_account'],
      ['mastodon', 'alice@mastodon.social', 'get_recent_posts'],
    ]);
    for (const call of calls) expect(call.json.params).toMatchObject({ account_id: call.json.account_id });
  });

  it('sends each call to a compose MCP service, as a tool it exposes with params its input schema accepts', () => {
    const ask = node(workflow, ASK_NODE);
    expect(ask.parameters).toMatchObject({
      method: 'POST',
      sendBody: true,
      genericAuthType: 'httpBearerAuth',
    });
    // Error answers come through as their {error} body (and a network failure as {error}), to be recorded.
    expect(ask.onError).toBe('continueRegularOutput');
    const services = composeMcpServices();
    expect(servers.length).toBeGreaterThan(0);
    for (const call of calls) {
      const url = String(evaluate(ask.parameters.url, call.json));
      expect(services.has(url)).toBe(true);
      const { method, params } = httpBody(ask, call.json);
      const server = servers.find((s) => s.platform === call.json.platform);
      if (!server) continue;
      const tool = server.tools.get(method);
      expect({ method, exposed: !!tool }).toEqual({ method, exposed: true });
      expect({ method, result: tool!.validate(params) }).toEqual({ method, result: { success: true } });
    }
  });

  it("uses answers every server's own output schema accepts", () => {
    for (const [index, call] of calls.entries()) {
      const server = servers.find((s) => s.platform === call.json.platform);
      if (!server) continue;
      server.tools.get(String(call.json.method))!.definition.outputSchema.parse(answers[index]!.json);
    }
  });

  it.each(['insights', 'posts'] as const)(
    '%s: answers → rows of table columns keyed by the vault’s account id → lookups → pair → update or create',
    (table) => {
      const [rowsName] = targets(workflow, ASK_NODE).filter((name) => name.startsWith(`${table}:`));
      const rows = runCode(jsOf(rowsName!), answers, earlier);
      // One row per account (insights) or per post (posts): LinkedIn's posts included.
      expect(rows.map((r) => `${r.json.platform} ${r.json.account_id}`)).toEqual(
        calls.filter((c) => c.json.kind === table).map((c) => `${c.json.platform} ${c.json.account_id}`),
      );
      for (const row of rows) {
        for (const key of Object.keys(row.json)) expect(columnsOf(table)).toContain(key);
        expect(String(row.json.row_key).startsWith(`${row.json.platform}:${row.json.account_id}:`)).toBe(
          true,
        );
        expect(() => JSON.parse(String(row.json.metrics))).not.toThrow();
      }

      const [lookupsName] = targets(workflow, rowsName!);
      const lookups = runCode(jsOf(lookupsName!), rows);
      expect(lookups).toEqual([
        { json: { where: rows.map((r) => `(row_key,eq,${String(r.json.row_key)})`).join('~or') } },
      ]);
      const [findName] = targets(workflow, lookupsName!);
      const find = node(workflow, findName!);
      expect(find.parameters).toMatchObject({ operation: 'getAll', table: `__NOCODB_TABLE_${table}__` });
      expect(find.executeOnce).toBeUndefined();
      expect(find.alwaysOutputData).toBe(true);
      expect(evaluate((find.parameters.options as { where: string }).where, lookups[0]!.json)).toBe(
        lookups[0]!.json.where,
      );

      const [pairName] = targets(workflow, findName!);
      const stored: Item[] = [{ json: { Id: 41, row_key: rows[0]!.json.row_key } }];
      const paired = runCode(jsOf(pairName!), stored, { [rowsName!]: rows });
      expect(paired.map((item) => item.json.Id)).toEqual([41, ...rows.slice(1).map(() => undefined)]);
      const [ifName] = targets(workflow, pairName!);
      expect(node(workflow, targets(workflow, ifName!, 0)[0]!).parameters).toMatchObject({
        operation: 'update',
        table: `__NOCODB_TABLE_${table}__`,
      });
      expect(node(workflow, targets(workflow, ifName!, 1)[0]!).parameters).toMatchObject({
        operation: 'create',
        table: `__NOCODB_TABLE_${table}__`,
      });
    },
  );

  it('maps the common core of every platform’s posts to the same columns', () => {
    const [postsName] = targets(workflow, ASK_NODE).filter((name) => name.startsWith('posts:'));
    const rows = runCode(jsOf(postsName!), answers, earlier);
    const byPlatform = Object.fromEntries(rows.map((row) => [row.json.platform, row.json]));
    expect(byPlatform.linkedin).toMatchObject({
      row_key: 'linkedin:abcMember:linkedin-post-1',
      post_id: 'linkedin-post-1',
      permalink: 'https://example.com/linkedin-post-1',
      published_at: '2025-05-01T09:30:00.000Z',
      likes: 4,
      comments: 1,
    });
    expect(byPlatform.mastodon).toMatchObject({ account_id: 'alice@mastodon.social', likes: 3, shares: 1 });
    expect(byPlatform.instagram).toMatchObject({ media_type: 'IMAGE', likes: 12, comments: 3 });
    expect(byPlatform.threads).toMatchObject({ likes: null, text: 'hi' });
    expect(byPlatform.x).toMatchObject({ likes: 7, shares: 2, comments: 1, views: null });
  });

  it('stores what worked, then fails the execution naming every failed call', () => {
    const failedAnswers = answers.map((item, index) =>
      index === 2 || index === 11
        ? { ...item, json: { error: { code: 'reconnect_required', message: 'Reconnect the account' } } }
        : item,
    );
    const [insightsName, postsName, failName] = targets(workflow, ASK_NODE);
    expect(runCode(jsOf(insightsName!), failedAnswers, earlier)).toHaveLength(5);
    expect(runCode(jsOf(postsName!), failedAnswers, earlier)).toHaveLength(5);
    expect(failName).toBe(FAIL_NODE);
    expect(runCode(jsOf(FAIL_NODE), answers, earlier)).toEqual([]);
    expect(() => runCode(jsOf(FAIL_NODE), failedAnswers, earlier)).toThrow(
      '2 of 12 calls failed (the others were stored): ' +
        'instagram 17841400000000002 get_account_insights: reconnect_required: Reconnect the account; ' +
        'mastodon alice@mastodon.social get_recent_posts: reconnect_required: Reconnect the account',
    );
  });

  it('runs the failure check last: below both upserts on the canvas, which is n8n’s branch order (v1)', () => {
    expect(workflow.settings.executionOrder).toBe('v1');
    const [insights, posts, fail] = targets(workflow, ASK_NODE).map(
      (name) => node(workflow, name).position[1],
    );
    expect(insights).toBeLessThan(posts!);
    expect(posts).toBeLessThan(fail!);
  });
});
