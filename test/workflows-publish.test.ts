// Workflow 2 (publish from the calendar) run step by step: claim, calls checked against the servers' schemas, outcome.
import { IDEMPOTENCY_KEY_PLATFORMS, MCP_TARGETS, mcpUrl } from '../scripts/n8n/platforms';
import { claimDueRowsCode } from '../scripts/n8n/publish-code';
import { FAIL_NODE, OUTCOME_NODE } from '../scripts/n8n/workflows/publish-calendar';
import { loadSchema } from '../scripts/nocodb/schema';
import { loadPresentServers } from './stack/mcp-servers';
import { evaluate, httpBody, loadWorkflowFile, node, runCode, targets, type Item } from './stack/n8n-runtime';
import { composeMcpServices } from './stack/targets';

const workflow = loadWorkflowFile('2-publish-calendar.json');
const servers = loadPresentServers();
const composeServices = composeMcpServices();
const calendarColumns = [
  'Id',
  ...loadSchema()
    .tables.find((t) => t.title === 'content_calendar')!
    .columns.map((c) => c.name),
];
const code = (name: string): string => String(node(workflow, name).parameters.jsCode);
/** The field of each server's publish_post answer that holds the post's public address. */
const LINK_FIELD: Record<string, string> = {
  instagram: 'permalink',
  threads: 'permalink',
  x: 'url',
  linkedin: 'post_url',
  mastodon: 'url',
};

const past = '2025-05-01 09:00:00+00:00';
const future = new Date(Date.now() + 86_400_000).toISOString();
const media = 'https://cdn.example.com/a.jpg';
/** Calendar rows as the NocoDB node returns them (MultiSelect as comma-separated text). */
const ROWS: Item[] = [
  {
    json: {
      Id: 1,
      text: 'Everywhere',
      media_url: media,
      platforms: 'instagram,threads,x,linkedin,mastodon',
      publish_at: past,
      status: 'scheduled',
    },
  },
  {
    json: { Id: 2, text: 'Later', media_url: null, platforms: 'x', publish_at: future, status: 'scheduled' },
  },
  {
    json: {
      Id: 3,
      text: 'No image',
      media_url: null,
      platforms: 'instagram',
      publish_at: past,
      status: 'scheduled',
    },
  },
  {
    json: {
      Id: 4,
      text: 'Text only',
      media_url: null,
      platforms: ['x', 'tiktok', 'mastodon'],
      publish_at: past,
      status: 'scheduled',
    },
  },
  { json: { Id: 5, text: 'Nowhere', media_url: null, platforms: '', publish_at: past, status: 'scheduled' } },
];

const claims = runCode(code('Claim due rows'), ROWS);
const calls = runCode(code('One call per platform'), [], { 'Claim due rows': claims });

describe('workflow 2: publish from the content calendar', () => {
  it('reads the scheduled rows of content_calendar every 5 minutes', () => {
    expect(targets(workflow, 'Every 5 minutes')).toEqual(['Scheduled rows']);
    expect(node(workflow, 'Scheduled rows').parameters).toMatchObject({
      operation: 'getAll',
      table: '__NOCODB_TABLE_content_calendar__',
      returnAll: true,
      options: { where: '(status,eq,scheduled)' },
    });
  });

  it('claims the due rows before any call: publishing, or failed with the reason when nothing can be published', () => {
    const byId = Object.fromEntries(claims.map((c) => [c.json.Id, c.json]));
    expect(Object.keys(byId).map(Number)).toEqual([1, 3, 4, 5]);
    expect(byId[1]).toMatchObject({ status: 'publishing', error: null });
    expect(byId[3]).toMatchObject({
      status: 'failed',
      error: 'instagram: invalid_input: Instagram needs media_url (a public https JPEG)',
    });
    expect(byId[4]).toMatchObject({
      status: 'publishing',
      _errors: [expect.stringMatching(/^tiktok: invalid_input: unknown platform/)],
    });
    expect(byId[5]).toMatchObject({ status: 'failed', error: 'invalid_input: choose at least one platform' });
    const mark = node(workflow, 'Mark publishing');
    expect(targets(workflow, 'Claim due rows')).toEqual(['Mark publishing']);
    expect(mark.parameters).toMatchObject({
      operation: 'update',
      dataToSend: 'autoMapInputData',
      table: '__NOCODB_TABLE_content_calendar__',
    });
    const ignored = String(mark.parameters.inputsToIgnore).split(',');
    for (const claim of claims) {
      for (const key of Object.keys(claim.json).filter((k) => !ignored.includes(k)))
        expect(calendarColumns).toContain(key);
    }
  });

  it('posts each call to a compose MCP service in the plain form', () => {
    expect(calls.map((c) => `${String(c.json.row_id)}:${String(c.json.platform)}`)).toEqual([
      '1:instagram',
      '1:threads',
      '1:x',
      '1:linkedin',
      '1:mastodon',
      '4:x',
      '4:mastodon',
    ]);
    const request = node(workflow, 'publish_post');
    expect(targets(workflow, 'One call per platform')).toEqual(['publish_post']);
    for (const call of calls) {
      const url = String(evaluate(request.parameters.url, call.json));
      const target = MCP_TARGETS.find((t) => t.platform === call.json.platform)!;
      expect(url).toBe(mcpUrl(target));
      expect(composeServices.has(url)).toBe(true);
      const body = httpBody(request, call.json);
      expect(body.method).toBe('publish_post');
      const key = (body.params as { idempotency_key?: string }).idempotency_key;
      if (IDEMPOTENCY_KEY_PLATFORMS.includes(target.platform)) {
        expect(key).toBe(`content_calendar-${String(call.json.row_id)}-${target.platform}`);
      } else {
        expect(key).toBeUndefined();
      }
    }
  });

  it("sends publish_post params each server's own input schema accepts (servers in this checkout)", () => {
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) {
      const tool = server.tools.get('publish_post');
      expect({ server: server.packageDir, publish_post: !!tool }).toEqual({
        server: server.packageDir,
        publish_post: true,
      });
      const ownCalls = calls.filter((c) => c.json.platform === server.platform);
      expect(ownCalls.length).toBeGreaterThan(0);
      for (const call of ownCalls) {
        expect({
          server: server.packageDir,
          params: call.json.params,
          result: tool!.validate(call.json.params),
        }).toEqual({
          server: server.packageDir,
          params: call.json.params,
          result: { success: true },
        });
      }
    }
  });

  it('uses content_calendar-<row Id>-<platform> as idempotency_key for the platforms listed as taking it', () => {
    const withKeys = runCode(claimDueRowsCode(['x', 'mastodon']), ROWS).flatMap(
      (c) => c.json._calls as Record<string, unknown>[],
    );
    const keys = withKeys.map((call) => (call.params as { idempotency_key?: string }).idempotency_key);
    expect(keys).toEqual([
      undefined,
      undefined,
      'content_calendar-1-x',
      undefined,
      'content_calendar-1-mastodon',
      'content_calendar-4-x',
      'content_calendar-4-mastodon',
    ]);
  });

  it('sends idempotency_key exactly to the servers whose publish_post takes it (update IDEMPOTENCY_KEY_PLATFORMS when one changes)', () => {
    for (const server of servers) {
      const takesKey = server.tools.get('publish_post')!.inputKeys.includes('idempotency_key');
      const sendsKey = IDEMPOTENCY_KEY_PLATFORMS.includes(server.platform as never);
      expect({ server: server.packageDir, takesKey, sendsKey }).toEqual({
        server: server.packageDir,
        takesKey,
        sendsKey: takesKey,
      });
    }
  });

  it("finds each platform's post address in its publish_post answer (LinkedIn: post_url)", () => {
    for (const server of servers) {
      const shape = server.tools.get('publish_post')!.definition.outputSchema.shape;
      expect({ server: server.packageDir, has: LINK_FIELD[server.platform]! in shape }).toEqual({
        server: server.packageDir,
        has: true,
      });
    }
  });

  it('records per row: published when every platform worked, partial, or failed, one line per platform', () => {
    const answers: Item[] = calls.map((call, index) => {
      const platform = String(call.json.platform);
      if (platform === 'x' && call.json.row_id === 1) {
        return {
          json: {
            error: { code: 'rate_limited', message: 'Too many posts', hint: 'wait', retry_after_s: 60 },
          },
          pairedItem: { item: index },
        };
      }
      return {
        json: { [LINK_FIELD[platform]!]: `https://${platform}.example/p/${String(call.json.row_id)}` },
        pairedItem: { item: index },
      };
    });
    const summarize = targets(workflow, 'publish_post')[0]!;
    const outcome = runCode(code(summarize), answers, {
      'Claim due rows': claims,
      'One call per platform': calls,
    });
    const byId = Object.fromEntries(outcome.map((o) => [o.json.Id, o.json]));
    expect(byId[1]).toMatchObject({ status: 'partial', error: 'x: rate_limited: Too many posts' });
    expect(String(byId[1]!.permalink).split('\n')).toEqual([
      'instagram: https://instagram.example/p/1',
      'threads: https://threads.example/p/1',
      'linkedin: https://linkedin.example/p/1',
      'mastodon: https://mastodon.example/p/1',
    ]);
    expect(byId[4]).toMatchObject({
      status: 'partial',
      permalink: 'x: https://x.example/p/4\nmastodon: https://mastodon.example/p/4',
    });
    expect(byId[3]).toBeUndefined();
    for (const row of outcome)
      for (const key of Object.keys(row.json)) expect(calendarColumns).toContain(key);
    const [record] = targets(workflow, summarize);
    expect(node(workflow, record!).parameters).toMatchObject({
      operation: 'update',
      table: '__NOCODB_TABLE_content_calendar__',
    });

    const allFailed = runCode(
      code(summarize),
      answers.map((a) => ({ ...a, json: { error: 'connect ECONNREFUSED' } })),
      {
        'Claim due rows': claims,
        'One call per platform': calls,
      },
    );
    expect(allFailed.find((o) => o.json.Id === 1)!.json).toMatchObject({
      status: 'failed',
      permalink: null,
      published_at: null,
    });
  });

  it('fails the execution after recording when a row did not publish everywhere', () => {
    const [record] = targets(workflow, OUTCOME_NODE);
    expect(targets(workflow, record!)).toEqual([FAIL_NODE]);
    const outcome = (status: string, error: string | null): Item[] => [
      { json: { Id: 1, status: 'published', permalink: 'x: https://x.example/p/1', error: null } },
      { json: { Id: 2, status, permalink: null, error } },
    ];
    expect(runCode(code(FAIL_NODE), [], { [OUTCOME_NODE]: outcome('published', null) })).toEqual([]);
    expect(() =>
      runCode(code(FAIL_NODE), [], { [OUTCOME_NODE]: outcome('failed', 'x: rate_limited: Too many posts') }),
    ).toThrow('content_calendar row 2 failed: x: rate_limited: Too many posts');
  });
});
