// The simulated memberCreatorPostAnalytics finder is strict: scope, encoded entity of the right kind, query type,
// aggregation, and only the caller's own posts.
import { startPlatformSim, type PlatformSim } from '../server';
import { latestLinkedInVersion } from './versions';

let sim: PlatformSim;
const TOKEN = 'AQVsimanalyticstoken0123456789';
const NO_SCOPE_TOKEN = 'AQVsimanalyticsnoscope01234567';
const SUB = 'analyticsMember';
const headers = { 'LinkedIn-Version': latestLinkedInVersion(), 'X-Restli-Protocol-Version': '2.0.0' };
let shareUrn: string;

async function analytics(query: string, token = TOKEN) {
  const response = await fetch(`${sim.linkedinUrl}/rest/memberCreatorPostAnalytics?${query}`, {
    headers: { ...headers, authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.linkedin.registerMember({
    access_token: TOKEN,
    sub: SUB,
    name: 'Grace Hopper',
    scopes: ['openid', 'w_member_social', 'r_member_postAnalytics'],
  });
  sim.state.linkedin.addToken(NO_SCOPE_TOKEN, SUB, ['openid', 'w_member_social']);
  const created = await fetch(`${sim.linkedinUrl}/rest/posts`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      author: `urn:li:person:${SUB}`,
      commentary: 'Counted',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    }),
  });
  shareUrn = created.headers.get('x-restli-id')!;
});
afterAll(() => sim.close());

const entity = () => `(share:${encodeURIComponent(shareUrn)})`;

it('answers a TOTAL count with the metric type, and DAILY elements with date ranges', async () => {
  const total = await analytics(`q=entity&entity=${entity()}&queryType=IMPRESSION&aggregation=TOTAL`);
  expect(total.status).toBe(200);
  expect(total.body.elements).toEqual([
    {
      count: expect.any(Number),
      metricType: {
        'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1': 'IMPRESSION',
      },
      entity: { share: shareUrn },
    },
  ]);
  const daily = await analytics(`q=entity&entity=${entity()}&queryType=REACTION&aggregation=DAILY`);
  expect((daily.body.elements as Array<Record<string, unknown>>)[0]).toMatchObject({
    dateRange: { start: { year: expect.any(Number) }, end: { day: expect.any(Number) } },
  });
});

it.each([
  ['an unencoded URN', () => `q=entity&entity=(share:${shareUrn})&queryType=IMPRESSION&aggregation=TOTAL`],
  [
    'a URN of another kind',
    () => `q=entity&entity=(ugcPost:${encodeURIComponent(shareUrn)})&queryType=IMPRESSION&aggregation=TOTAL`,
  ],
  ['another finder', () => `q=author&entity=${entity()}&queryType=IMPRESSION&aggregation=TOTAL`],
  ['an unknown query type', () => `q=entity&entity=${entity()}&queryType=VIEWS&aggregation=TOTAL`],
  ['no aggregation', () => `q=entity&entity=${entity()}&queryType=IMPRESSION`],
])('refuses %s with 400', async (_what, query) => {
  expect((await analytics(query())).status).toBe(400);
});

it('refuses a token without r_member_postAnalytics (403) and a post that is not the caller’s (404)', async () => {
  const query = `q=entity&entity=${entity()}&queryType=IMPRESSION&aggregation=TOTAL`;
  expect((await analytics(query, NO_SCOPE_TOKEN)).status).toBe(403);
  const other = encodeURIComponent('urn:li:share:7300000000000009999');
  expect(
    (await analytics(`q=entity&entity=(share:${other})&queryType=COMMENT&aggregation=TOTAL`)).status,
  ).toBe(404);
});
