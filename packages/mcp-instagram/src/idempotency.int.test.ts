// Publishing you can retry, end to end: concurrent and repeated publishes with one key post once on the simulator.
import { errorOf, IG_USER_ID, resultOf, useInstagramSession } from '../test/fixtures';

const ig = useInstagramSession('mcpig_idem');

const paths = async () =>
  (await ig.stack.requests('instagram')).map((r) => `${r.method} ${r.path.replace('/v25.0', '')}`);
const publishes = async () => (await paths()).filter((line) => line === `POST /${IG_USER_ID}/media_publish`);
const history = async (query: string) => {
  const response = await fetch(`${ig.stack.vault.internalUrl}/api/publications?${query}`, {
    headers: { Authorization: `Bearer ${ig.stack.serviceToken}` },
  });
  const body = await response.text();
  ig.stack.record(body);
  return JSON.parse(body) as { publications: Array<Record<string, unknown>>; next_cursor: string | null };
};

describe('one key, many calls', () => {
  it('20 concurrent publishes with one key, over MCP and the plain form on two servers: one post, 20 identical results', async () => {
    const second = await ig.stack.startServer();
    const secondClient = await ig.stack.connect(second);
    const args = {
      image_url: ig.stack.sim.sampleImageUrl,
      caption: 'Twenty at once #socialvault',
      idempotency_key: 'n8n-row-20-at-once',
    };
    const calls = Array.from({ length: 20 }, async (_, i) => {
      if (i % 4 === 0) {
        const answer = await ig.stack.plain(
          { method: 'publish_post', params: args },
          i % 8 === 0 ? second : ig.stack.server,
        );
        expect(answer.status).toBe(200);
        return answer.body as Record<string, unknown>;
      }
      return resultOf(
        await (i % 2 ? ig.client : secondClient).callTool({ name: 'publish_post', arguments: args }),
      );
    });
    const results = await Promise.all(calls);

    expect(await publishes()).toHaveLength(1);
    expect((await paths()).filter((line) => line === `POST /${IG_USER_ID}/media`)).toHaveLength(1);
    const { deduplicated: _first, ...post } = results.find((result) => result.deduplicated === false)!;
    expect(results.filter((result) => result.deduplicated === false)).toHaveLength(1);
    for (const { deduplicated: _flag, ...result } of results) expect(result).toEqual(post);
    expect(post).toMatchObject({ media_id: expect.any(String), account_id: IG_USER_ID, media_type: 'IMAGE' });

    const [row] = (await history(`idempotency_key=${args.idempotency_key}`)).publications;
    expect(row).toMatchObject({ status: 'published', platform_post_id: post.media_id, attempts: 1 });
  });

  it('answers a reused key with other content as invalid_input (400) naming the conflict, without calling Graph', async () => {
    const key = 'n8n-row-reused-key';
    resultOf(
      await ig.client.callTool({
        name: 'publish_post',
        arguments: { image_url: ig.stack.sim.sampleImageUrl, caption: 'First', idempotency_key: key },
      }),
    );
    await ig.stack.resetSim();
    const answer = await ig.stack.plain({
      method: 'publish_post',
      params: { image_url: ig.stack.sim.sampleImageUrl, caption: 'Second', idempotency_key: key },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(`idempotency_key "${key}" was already used for a different request`),
    });
    const reel = errorOf(
      await ig.client.callTool({
        name: 'publish_reel',
        arguments: { video_url: ig.stack.sim.sampleImageUrl, caption: 'First', idempotency_key: key },
      }),
    );
    expect(reel.code).toBe('invalid_input');
    expect(await paths()).toEqual([]);
  });

  it('catches an identical retry without a key (derived from account and content, 24 h)', async () => {
    const args = { image_url: ig.stack.sim.sampleImageUrl, caption: 'No key, sent twice' };
    const first = resultOf(await ig.client.callTool({ name: 'publish_post', arguments: args }));
    const again = await ig.stack.plain({
      method: 'publish_post',
      params: { caption: args.caption, image_url: ig.stack.sim.sampleImageUrl },
    });
    expect(again.body).toEqual({ ...first, deduplicated: true });
    expect(await publishes()).toHaveLength(1);
  });

  it('never retries a publishing call on 5xx; the failed attempt is recorded and the same key then posts once', async () => {
    const key = 'n8n-row-publish-500';
    const args = {
      image_url: ig.stack.sim.sampleImageUrl,
      caption: 'Server error first',
      idempotency_key: key,
    };
    await ig.stack.injectFault({ kind: 'server_error', times: 3 });
    const failed = await ig.stack.plain({ method: 'publish_post', params: args });
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'platform_error' });
    expect(await paths()).toEqual([`POST /${IG_USER_ID}/media`]);
    expect((await history(`idempotency_key=${key}`)).publications[0]).toMatchObject({
      status: 'failed',
      error_code: 'platform_error',
    });

    await ig.stack.resetSim();
    const retried = await ig.stack.plain({ method: 'publish_post', params: args });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ deduplicated: false });
    expect(await publishes()).toHaveLength(1);
    expect((await history(`idempotency_key=${key}`)).publications[0]).toMatchObject({
      status: 'published',
      attempts: 2,
    });
  });

  it('retries a read that answered 5xx and answers with its later result', async () => {
    await ig.stack.injectFault({ kind: 'server_error', times: 2 });
    const account = resultOf(await ig.client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toMatchObject({ id: IG_USER_ID });
    expect((await ig.stack.requests('instagram')).map((r) => r.status)).toEqual([500, 500, 200]);
  });
});

describe('GET /api/publications', () => {
  it('lists what this server published, newest first, filtered and paginated, never a token', async () => {
    const page1 = await history(`platform=instagram&account_id=${IG_USER_ID}&status=published&limit=2`);
    expect(page1.publications).toHaveLength(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await history(`platform=instagram&status=published&limit=2&cursor=${page1.next_cursor}`);
    const all = [...page1.publications, ...page2.publications];
    const times = all.map((row) => Date.parse(row.created_at as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const row of all) {
      expect(row).toMatchObject({
        platform: 'instagram',
        account_id: IG_USER_ID,
        status: 'published',
        tool: expect.any(String),
      });
      expect(row.result).toMatchObject({ media_id: row.platform_post_id });
    }
    const text = JSON.stringify(all);
    expect(text).not.toContain(ig.stack.accessToken);
    expect(text).not.toContain(ig.stack.serviceToken);
  });
});
