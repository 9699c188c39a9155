// Workflow 1 (daily insights): every call checked against the servers' own tools, every chain run on sample answers.
import { MCP_TARGETS, mcpUrl } from '../scripts/n8n/platforms';
import { loadSchema } from '../scripts/nocodb/schema';
import { loadPresentServers } from './stack/mcp-servers';
import {
  evaluate,
  httpBody,
  loadWorkflowFile,
  node,
  nodesOfType,
  runCode,
  sourceOf,
  targets,
  type Item,
} from './stack/n8n-runtime';
import { composeMcpServices } from './stack/targets';

const workflow = loadWorkflowFile('1-daily-insights.json');
const schema = loadSchema();
const servers = loadPresentServers();
const composeServices = composeMcpServices();
const columnsOf = (table: string): string[] => [
  'Id',
  ...schema.tables.find((t) => t.title === table)!.columns.map((c) => c.name),
];

/** Plausible answers of each read tool, by platform (Instagram's are checked against its real output schema). */
const SAMPLE_ANSWERS: Record<string, { insights: Record<string, unknown>; posts: Record<string, unknown> }> =
  {
    instagram: {
      insights: {
        account_id: '17841400000001',
        reach: 8921,
        views: 12543,
        accounts_engaged: 321,
        total_interactions: 410,
        period: 'day',
        data: [],
      },
      posts: {
        account_id: '17841400000001',
        media: [
          {
            id: '18000000000000001',
            caption: 'Hello',
            media_type: 'IMAGE',
            permalink: 'https://www.instagram.com/p/abc/',
            timestamp: '2025-05-01T09:30:00+0000',
            like_count: 12,
            comments_count: 3,
          },
        ],
        count: 1,
        next_cursor: null,
      },
    },
    threads: {
      insights: {
        account_id: '7001',
        views: 900,
        likes: 40,
        replies: 5,
        reposts: 2,
        quotes: 1,
        followers_count: 77,
      },
      posts: {
        account_id: '7001',
        posts: [
          {
            id: '9001',
            text: 'hi',
            permalink: 'https://www.threads.net/@a/post/x',
            timestamp: '2025-05-01T10:00:00+0000',
            views: 50,
            likes: 4,
          },
        ],
      },
    },
    x: {
      insights: {
        id: '2244994945',
        username: 'a',
        public_metrics: { followers_count: 1200, following_count: 10, tweet_count: 99, like_count: 5 },
      },
      posts: {
        account_id: '2244994945',
        posts: [
          {
            id: '1850000000000000001',
            text: 'hi',
            created_at: '2025-05-01T10:00:00.000Z',
            public_metrics: { like_count: 7, retweet_count: 2, reply_count: 1, impression_count: 300 },
          },
        ],
      },
    },
    linkedin: {
      insights: { id: 'urn:li:person:abc', name: 'A', followers_count: 10 },
      posts: {
        account_id: 'urn:li:person:abc',
        posts: [
          {
            id: 'urn:li:share:1',
            text: 'hi',
            url: 'https://www.linkedin.com/feed/update/urn:li:share:1/',
            published_at: 1714557600000,
          },
        ],
      },
    },
    mastodon: {
      insights: { id: '109', username: 'a', followers_count: 55 },
      posts: {
        account_id: '109',
        posts: [
          {
            id: '110',
            content: '<p>Hi &amp; bye<br>there</p>',
            url: 'https://mastodon.social/@a/110',
            created_at: '2025-05-01T10:00:00.000Z',
            favourites_count: 3,
            reblogs_count: 1,
            replies_count: 0,
          },
        ],
      },
    },
  };

describe('workflow 1: daily insights', () => {
  const requests = nodesOfType(workflow, 'n8n-nodes-base.httpRequest');

  it('calls every MCP server of the compose file, for account numbers and for recent posts', () => {
    expect(requests.map((n) => n.parameters.url).sort()).toEqual(
      MCP_TARGETS.flatMap((t) => [mcpUrl(t), mcpUrl(t)]).sort(),
    );
    for (const request of requests) {
      expect(composeServices.has(String(request.parameters.url))).toBe(true);
      expect(request.parameters).toMatchObject({
        method: 'POST',
        sendBody: true,
        specifyBody: 'json',
        genericAuthType: 'httpBearerAuth',
      });
      expect(request.onError).toBe('continueRegularOutput');
    }
  });

  it('sends only tools the server exposes, with params its input schema accepts (servers in this checkout)', () => {
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) {
      const url = mcpUrl(MCP_TARGETS.find((t) => t.platform === server.platform)!);
      const calls = requests.filter((n) => n.parameters.url === url).map((n) => httpBody(n, {}));
      expect(calls).toHaveLength(2);
      for (const { method, params } of calls) {
        const tool = server.tools.get(method);
        expect({ server: server.packageDir, method, exposed: !!tool }).toEqual({
          server: server.packageDir,
          method,
          exposed: true,
        });
        expect({ method, result: tool!.validate(params) }).toEqual({ method, result: { success: true } });
      }
    }
  });

  it("checks the Instagram sample answers against mcp-instagram's output schemas", () => {
    const instagram = servers.find((s) => s.platform === 'instagram')!;
    instagram.tools
      .get('get_account_insights')!
      .definition.outputSchema.parse(SAMPLE_ANSWERS.instagram!.insights);
    instagram.tools.get('get_recent_media')!.definition.outputSchema.parse(SAMPLE_ANSWERS.instagram!.posts);
  });

  it.each(
    MCP_TARGETS.flatMap((t) => (['insights', 'posts'] as const).map((kind) => [t.platform, kind] as const)),
  )(
    '%s %s: answer → rows with only table columns → find stored → update the stored, create the rest',
    (platform, kind) => {
      const target = MCP_TARGETS.find((t) => t.platform === platform)!;
      const request = requests.find(
        (n) => n.parameters.url === mcpUrl(target) && httpBody(n, {}).method === target[kind].tool,
      )!;
      const [rowsName] = targets(workflow, request.name);
      const rows = runCode(String(node(workflow, rowsName!).parameters.jsCode), [
        { json: SAMPLE_ANSWERS[platform]![kind] },
      ]);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const key of Object.keys(row.json)) expect(columnsOf(kind)).toContain(key);
        expect(row.json.platform).toBe(platform);
        expect(typeof row.json.row_key).toBe('string');
        expect(() => JSON.parse(String(row.json.metrics))).not.toThrow();
      }
      // A failed call (not connected, reconnect_required, …) makes no row.
      expect(
        runCode(String(node(workflow, rowsName!).parameters.jsCode), [
          { json: { error: { code: 'not_found' } } },
        ]),
      ).toEqual([]);

      const [findName] = targets(workflow, rowsName!);
      const find = node(workflow, findName!);
      expect(find.parameters).toMatchObject({
        operation: 'getAll',
        table: `__NOCODB_TABLE_${kind}__`,
        returnAll: true,
      });
      expect(find).toMatchObject({ executeOnce: true, alwaysOutputData: true });
      const where = String(
        evaluate((find.parameters.options as { where: string }).where, rows[0]!.json, rows),
      );
      expect(where).toBe(rows.map((r) => `(row_key,eq,${String(r.json.row_key)})`).join('~or'));

      const stored: Item[] = [{ json: { Id: 41, row_key: rows[0]!.json.row_key } }];
      const [pairName] = targets(workflow, findName!);
      const paired = runCode(String(node(workflow, pairName!).parameters.jsCode), stored, {
        [rowsName!]: rows,
      });
      expect(paired[0]!.json.Id).toBe(41);
      expect(paired.slice(1).every((item) => item.json.Id === undefined)).toBe(true);

      const [ifName] = targets(workflow, pairName!);
      const [update] = targets(workflow, ifName!, 0);
      const [create] = targets(workflow, ifName!, 1);
      expect(node(workflow, update!).parameters).toMatchObject({
        operation: 'update',
        dataToSend: 'autoMapInputData',
        table: `__NOCODB_TABLE_${kind}__`,
      });
      expect(node(workflow, create!).parameters).toMatchObject({
        operation: 'create',
        dataToSend: 'autoMapInputData',
        table: `__NOCODB_TABLE_${kind}__`,
      });
      expect(sourceOf(workflow, request.name)).toBe('Every day at 09:00');
    },
  );

  it('maps posts fields and numbers: X public_metrics, Mastodon HTML, LinkedIn epoch milliseconds', () => {
    const rowsFor = (platform: string) => {
      const target = MCP_TARGETS.find((t) => t.platform === platform)!;
      const request = requests.find(
        (n) => n.parameters.url === mcpUrl(target) && httpBody(n, {}).method === target.posts.tool,
      )!;
      return runCode(String(node(workflow, targets(workflow, request.name)[0]!).parameters.jsCode), [
        { json: SAMPLE_ANSWERS[platform]!.posts },
      ]);
    };
    expect(rowsFor('x')[0]!.json).toMatchObject({
      row_key: 'x:1850000000000000001',
      likes: 7,
      shares: 2,
      comments: 1,
      views: 300,
    });
    expect(rowsFor('mastodon')[0]!.json).toMatchObject({
      text: 'Hi & bye\nthere',
      likes: 3,
      shares: 1,
      permalink: 'https://mastodon.social/@a/110',
    });
    expect(rowsFor('linkedin')[0]!.json.published_at).toBe('2024-05-01T10:00:00.000Z');
    expect(rowsFor('instagram')[0]!.json).toMatchObject({
      published_at: '2025-05-01T09:30:00.000Z',
      likes: 12,
      comments: 3,
    });
  });
});
