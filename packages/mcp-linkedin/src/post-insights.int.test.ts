// get_post_insights through memberCreatorPostAnalytics: the strict simulator's finder, one request per metric,
// the restricted permission, and posts that are not the member's.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorOf, resultOf } from '@socialvault/testkit';
import { SCOPES, startLinkedInStack, SUB, type LinkedInStack } from '../test/fixtures';

const ANALYTICS_SUB = 'e2eAnalytics1';

let stack: LinkedInStack;
let client: Client;
let postUrn: string;

beforeAll(async () => {
  stack = await startLinkedInStack('mcpli_insights');
  await stack.connectMember({
    sub: ANALYTICS_SUB,
    name: 'Grace Hopper',
    scopes: [...SCOPES, 'r_member_postAnalytics'],
  });
  client = await stack.connect();
  const published = resultOf(
    await client.callTool({
      name: 'publish_post',
      arguments: { text: 'Numbers, please', account_id: ANALYTICS_SUB },
    }),
  );
  postUrn = published.post_urn as string;
});
afterAll(() => stack?.close());

it('reads every metric of a member post as a number, one TOTAL query per metric with the URN encoded', async () => {
  await stack.resetSim();
  const insights = resultOf(
    await client.callTool({
      name: 'get_post_insights',
      arguments: { post_urn: postUrn, account_id: ANALYTICS_SUB },
    }),
  );
  expect(insights).toEqual({
    post_urn: postUrn,
    account_id: ANALYTICS_SUB,
    impressions: expect.any(Number),
    members_reached: expect.any(Number),
    reshares: expect.any(Number),
    reactions: expect.any(Number),
    comments: expect.any(Number),
  });
  expect(insights.impressions).toBeGreaterThan(insights.members_reached as number);
  const requests = await stack.requests('linkedin');
  expect(requests.map((request) => request.query?.queryType).sort()).toEqual([
    'COMMENT',
    'IMPRESSION',
    'MEMBERS_REACHED',
    'REACTION',
    'RESHARE',
  ]);
  for (const request of requests) {
    expect(request).toMatchObject({
      method: 'GET',
      path: '/linkedin/rest/memberCreatorPostAnalytics',
      query: { q: 'entity', entity: `(share:${postUrn})`, aggregation: 'TOTAL' },
      status: 200,
    });
  }
});

it('reads only the metrics asked for (comma-separated from the plain form too) and refuses unknown names', async () => {
  const plain = await stack.plain({
    method: 'get_post_insights',
    params: { post_urn: postUrn, account_id: ANALYTICS_SUB, metrics: 'impressions,comments' },
  });
  expect(plain.status).toBe(200);
  expect(Object.keys(plain.body).sort()).toEqual(['account_id', 'comments', 'impressions', 'post_urn']);
  const unknown = errorOf(
    await client.callTool({
      name: 'get_post_insights',
      arguments: { post_urn: postUrn, account_id: ANALYTICS_SUB, metrics: ['views'] },
    }),
  );
  expect(unknown).toMatchObject({ code: 'invalid_input', hint: expect.stringContaining('impressions') });
});

it('says the permission is partner-only when the token lacks r_member_postAnalytics, and not_found for foreign posts', async () => {
  const denied = errorOf(
    await client.callTool({ name: 'get_post_insights', arguments: { post_urn: postUrn, account_id: SUB } }),
  );
  expect(denied).toMatchObject({
    code: 'platform_error',
    hint: expect.stringContaining('r_member_postAnalytics'),
  });
  const foreign = errorOf(
    await client.callTool({
      name: 'get_post_insights',
      arguments: { post_urn: 'urn:li:share:7300000000000009999', account_id: ANALYTICS_SUB },
    }),
  );
  expect(foreign.code).toBe('not_found');
  expect(stack.leakedSecrets()).toEqual([]);
});
