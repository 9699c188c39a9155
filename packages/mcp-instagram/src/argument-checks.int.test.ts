// Bad arguments are refused with invalid_input before any Graph call, over MCP and in the plain form.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningMcpHttpServer } from '@socialvault/mcp-kit';
import { errorOf, startInstagramStack, type InstagramStack } from '../test/fixtures';

let stack: InstagramStack;
let client: Client;
/** mcp-instagram with ALLOW_INSECURE_URLS off, as in production. */
let strict: RunningMcpHttpServer;
let strictClient: Client;
let image: string;

beforeAll(async () => {
  stack = await startInstagramStack('mcpig_args');
  client = await stack.connect();
  strict = await stack.startServer({ ALLOW_INSECURE_URLS: 'false' });
  strictClient = await stack.connect(strict);
  image = `${stack.sim.url}/_sim/media/sample.jpg`;
});
beforeEach(() => stack.resetSim());
afterEach(async () => {
  // The point of every case here: Graph never saw a request.
  expect(await stack.requests('instagram')).toEqual([]);
});
afterAll(() => stack?.close());

async function refused(name: string, args: Record<string, unknown>, using = client) {
  const error = errorOf(await using.callTool({ name, arguments: args }));
  expect(error.code).toBe('invalid_input');
  return error;
}

describe('captions', () => {
  it('refuses an empty caption', async () => {
    const error = await refused('publish_post', { image_url: image, caption: '' });
    expect(error.message).toBe('Invalid arguments for publish_post: caption: must not be empty');
    expect(error.hint).toMatch(/^caption: Post caption, 1-2200 characters/);
  });

  it('refuses a caption over 2,200 characters, counting emoji once', async () => {
    const error = await refused('publish_post', { image_url: image, caption: '📸'.repeat(2201) });
    expect(error.message).toContain('caption: must be at most 2200 characters (got 2201)');
  });

  it("refuses more than 30 hashtags (Instagram's limit), in the plain form with 400", async () => {
    const caption = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    const answer = await stack.plain({
      method: 'publish_carousel',
      params: { image_urls: [image, image], caption },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: 'caption has 31 hashtags; Instagram allows 30',
    });
  });
});

describe('media URLs', () => {
  it('refuses an http:// image URL unless ALLOW_INSECURE_URLS=true', async () => {
    const error = await refused('publish_post', { image_url: image, caption: 'Hi' }, strictClient);
    expect(error.message).toBe('Invalid arguments for publish_post: image_url: must be an https:// URL');
    expect(error.hint).toMatch(/^image_url: Public https URL of a JPEG/);
    const reel = await refused(
      'publish_reel',
      { video_url: 'ftp://example.com/a.mp4', caption: 'Hi' },
      strictClient,
    );
    expect(reel.message).toContain('video_url: must be an https:// URL');
  });

  it('refuses a carousel of one image or of eleven', async () => {
    const one = await refused('publish_carousel', { image_urls: [image], caption: 'Hi' });
    expect(one.message).toContain('image_urls: Too small');
    const eleven = await refused('publish_carousel', { image_urls: Array(11).fill(image), caption: 'Hi' });
    expect(eleven.message).toContain('image_urls: Too big');
  });

  it('refuses an idempotency_key shorter than 8 characters or with spaces', async () => {
    const short = await refused('publish_post', {
      image_url: image,
      caption: 'Hi',
      idempotency_key: 'row-1',
    });
    expect(short.message).toContain('idempotency_key: Too small');
    const spaced = await refused('publish_reel', {
      video_url: image,
      caption: 'Hi',
      idempotency_key: 'row 12345',
    });
    expect(spaced.message).toContain('idempotency_key: must be printable ASCII without spaces');
  });
});

describe('metrics and ranges', () => {
  it('refuses an unknown metric, listing the current ones', async () => {
    const error = await refused('get_account_insights', { metrics: ['reach', 'engagement_rate'] });
    expect(error.message).toBe('Unknown Instagram account metric: "engagement_rate"');
    expect(error.hint).toMatch(/^Current account metrics: reach, views, likes/);
  });

  it('refuses deprecated impressions on accounts and plays on media, naming views', async () => {
    const account = await refused('get_account_insights', { metrics: 'impressions' });
    expect(account.hint).toContain('impressions → views');
    expect(account.hint).toContain('Ask for metrics ["views"] instead');
    const media = await refused('get_media_insights', {
      media_id: '18000000000000001',
      metrics: ['plays', 'reach'],
    });
    expect(media.hint).toContain('plays → views');
    expect(media.hint).toContain('Ask for metrics ["views","reach"] instead');
  });

  it('refuses an unparseable date, a period Graph does not total over, and a range over 30 days', async () => {
    const date = await refused('get_account_insights', { since: 'last tuesday' });
    expect(date.message).toContain('since: must be an ISO-8601 date');
    const period = await refused('get_account_insights', { period: 'lifetime' });
    expect(period.message).toContain('period:');
    const range = await refused('get_account_insights', { since: '2025-01-01', until: '2025-03-01' });
    expect(range.message).toBe('Instagram insights ranges are at most 30 days');
  });

  it('refuses a media id that is not numeric', async () => {
    const error = await refused('get_media_insights', { media_id: '../17841400000000001' });
    expect(error.message).toContain('media_id: must be a numeric Instagram media id');
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
