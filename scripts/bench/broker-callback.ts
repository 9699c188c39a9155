// Measurement: the OAuth broker's X callback (state check, code exchange and /2/users/me on the simulator, vault POST)
// under concurrent flows, vs the same three requests sent straight to the simulator and the vault. Rounds alternate
// (broker, baseline, broker, …) so a change of machine load hits both alike.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { generateKeyEntry } from '@socialvault/common';
import { createScratchDatabase, findFreePort } from '@socialvault/common/testing';
import { simProviderEnv } from '@socialvault/platform-sim';
import { Browser } from '@socialvault/testkit';
import { postJson } from '../post-json';
import type { BenchOptions } from './options';
import { startService } from './processes';
import type { BenchStack } from './stack';
import { latencyStats, round, type LatencyStats } from './stats';

export interface BrokerCallbackResult {
  /** Flows completed at once in each round (their callbacks sent together). */
  concurrentFlows: number;
  rounds: number;
  /** `GET /callback/x` on the broker, until its result page is read. */
  callback: LatencyStats & { errors: number };
  /** Token exchange + `/2/users/me` on the simulator + `POST /api/credentials` on the vault, one after the other. */
  baseline: LatencyStats & { errors: number };
  /** The baseline's parts (p50 of each, ms): where the upstream time goes. */
  baselineParts: { exchangeP50Ms: number; usersMeP50Ms: number; vaultPostP50Ms: number };
  /** Callback minus baseline, ms. */
  added: { p50Ms: number; p99Ms: number };
  /** Callback p50 ÷ baseline p50. */
  ratioP50: number;
}

const X_APP = { id: 'bench-x-client', secret: `bench-x-secret-${crypto.randomBytes(12).toString('hex')}` };
/** The scopes the broker's X flow asks for (packages/broker/src/flows/x.ts). */
const X_SCOPES = 'tweet.read tweet.write users.read offline.access media.write';
const FIRST_USER_ID = 1_700_000_000_000_000;

/** Runs `task` for every index at once; the duration (ms) of each that returned true, and the failures. */
async function timedTogether(
  count: number,
  task: (index: number) => Promise<boolean>,
): Promise<{ durationsMs: number[]; errors: number }> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const startedAt = performance.now();
      const ok = await task(index).catch(() => false);
      return ok ? performance.now() - startedAt : undefined;
    }),
  );
  const durationsMs = outcomes.filter((value): value is number => value !== undefined);
  return { durationsMs, errors: count - durationsMs.length };
}

/**
 * Starts the broker (its own scratch database, the bench vault as client `local`, X pointed at the simulator),
 * then alternates rounds of `options.brokerFlows` concurrent X flows through the broker and through the baseline.
 * Each flow's start link and consent run first, untimed; then all its callbacks are sent at once and timed.
 * @throws when the broker does not start or a preparation step (start link, consent) fails.
 */
export async function measureBrokerCallback(
  stack: BenchStack,
  databaseServerUrl: string,
  options: BenchOptions,
): Promise<BrokerCallbackResult> {
  const flows = options.brokerFlows;
  const providers = simProviderEnv(stack.simUrl);
  const db = await createScratchDatabase(databaseServerUrl, 'bench_broker');
  const port = await findFreePort();
  const brokerUrl = `http://127.0.0.1:${port}`;
  const redirectUri = `${brokerUrl}/callback/x`;
  const broker = await startService({
    name: 'broker',
    entry: 'dist/broker.js',
    env: {
      ...providers,
      HOST: '127.0.0.1',
      BROKER_PORT: String(port),
      BROKER_PUBLIC_URL: brokerUrl,
      BROKER_DATABASE_URL: db.url,
      BROKER_ENCRYPTION_KEYS: generateKeyEntry('b1'),
      VAULT_INGRESS_URL: stack.vault.ingressUrl,
      BROKER_API_KEY: stack.brokerApiKey,
      // Start links without a signature (client `local`): the bench measures the callback, not the link.
      BROKER_ALLOW_UNSIGNED_START: 'true',
      ALLOW_INSECURE_URLS: 'true',
      X_CLIENT_ID: X_APP.id,
      X_CLIENT_SECRET: X_APP.secret,
      LOG_LEVEL: 'warn',
    },
    healthUrl: `${brokerUrl}/health`,
    logDir: stack.logDir,
  });
  try {
    await postJson(`${stack.simUrl}/_sim/oauth/apps`, {
      endpoint: 'x',
      client_id: X_APP.id,
      client_secret: X_APP.secret,
      name: 'socialvault bench',
      redirect_uris: [redirectUri],
    });
    const userIds = Array.from({ length: flows }, (_, index) => String(FIRST_USER_ID + index));
    for (const userId of userIds) {
      await postJson(`${stack.simUrl}/_sim/x/users`, {
        access_token: `xatbenchbroker${userId}`,
        user_id: userId,
        username: `bench_brk_${userId.slice(-3)}`,
        name: 'Bench broker',
      });
    }
    const basic = `Basic ${Buffer.from(`${X_APP.id}:${X_APP.secret}`).toString('base64')}`;

    /** Start link and consent through the broker: the callback URL and the browser holding its session. */
    const prepareBrokerFlow = async (userId: string) => {
      const browser = new Browser();
      const start = await browser.get(`${brokerUrl}/auth/x`);
      if (start.status !== 302 || !start.location)
        throw new Error(`broker /auth/x answered ${start.status}: ${start.html.slice(0, 200)}`);
      const back = await browser.consent(start.location, { user: userId });
      if (!back.location) throw new Error(`X consent answered ${back.status} without a redirect`);
      return { browser, callbackUrl: back.location };
    };
    /** The same consent for the baseline, with its own state and PKCE pair: a code and its verifier. */
    const prepareBaselineFlow = async (userId: string) => {
      const codeVerifier = crypto.randomBytes(32).toString('base64url');
      const authorize = new URL(providers.X_OAUTH_AUTHORIZE_URL!);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: X_APP.id,
        redirect_uri: redirectUri,
        scope: X_SCOPES,
        state: crypto.randomBytes(16).toString('base64url'),
        code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      const back = await new Browser().consent(authorize.toString(), { user: userId });
      const code = back.location ? new URL(back.location).searchParams.get('code') : null;
      if (!code) throw new Error(`X consent answered ${back.status} without a code`);
      return { code, codeVerifier };
    };

    const parts = { exchange: [] as number[], usersMe: [] as number[], vaultPost: [] as number[] };
    /** What the broker's callback sends upstream, sent straight: exchange, /2/users/me, vault POST. */
    const baselineCall = async (flow: { code: string; codeVerifier: string }) => {
      let mark = performance.now();
      const lap = (into: number[]) => {
        const now = performance.now();
        into.push(now - mark);
        mark = now;
      };
      const exchange = await fetch(`${providers.X_API_URL}/2/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
        body: new URLSearchParams({
          code: flow.code,
          grant_type: 'authorization_code',
          redirect_uri: redirectUri,
          code_verifier: flow.codeVerifier,
          client_id: X_APP.id,
        }),
      });
      const token = (await exchange.json()) as Record<string, unknown>;
      lap(parts.exchange);
      if (!exchange.ok) return false;
      const me = await fetch(`${providers.X_API_URL}/2/users/me`, {
        headers: { authorization: `Bearer ${String(token.access_token)}` },
      });
      const user = ((await me.json()) as { data?: { id: string; username: string } }).data;
      lap(parts.usersMe);
      if (!me.ok || !user) return false;
      const stored = await fetch(`${stack.vault.ingressUrl}/api/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': stack.brokerApiKey },
        body: JSON.stringify({
          platform: 'x',
          account_id: user.id,
          access_token: token.access_token,
          refresh_token: token.refresh_token,
          expires_in: token.expires_in,
          scopes: String(token.scope).split(' '),
          username: user.username,
          client_id: 'local',
        }),
      });
      await stored.arrayBuffer();
      lap(parts.vaultPost);
      return stored.status === 201;
    };

    const callback: number[] = [];
    const baseline: number[] = [];
    let callbackErrors = 0;
    let baselineErrors = 0;
    // One unrecorded round of each first: JIT, pools, the broker's first client lookup.
    for (let pass = -1; pass < options.brokerRounds; pass += 1) {
      const brokerFlows = await Promise.all(userIds.map(prepareBrokerFlow));
      const viaBroker = await timedTogether(flows, async (index) => {
        const { browser, callbackUrl } = brokerFlows[index]!;
        const page = await browser.get(callbackUrl);
        return page.status === 200 && page.code === 'connected';
      });
      const baselineFlows = await Promise.all(userIds.map(prepareBaselineFlow));
      const direct = await timedTogether(flows, (index) => baselineCall(baselineFlows[index]!));
      if (pass < 0) {
        for (const list of Object.values(parts)) list.length = 0;
        continue;
      }
      callback.push(...viaBroker.durationsMs);
      callbackErrors += viaBroker.errors;
      baseline.push(...direct.durationsMs);
      baselineErrors += direct.errors;
    }
    const callbackStats = { ...latencyStats(callback), errors: callbackErrors };
    const baselineStats = { ...latencyStats(baseline), errors: baselineErrors };
    return {
      concurrentFlows: flows,
      rounds: options.brokerRounds,
      callback: callbackStats,
      baseline: baselineStats,
      baselineParts: {
        exchangeP50Ms: latencyStats(parts.exchange).p50Ms,
        usersMeP50Ms: latencyStats(parts.usersMe).p50Ms,
        vaultPostP50Ms: latencyStats(parts.vaultPost).p50Ms,
      },
      added: {
        p50Ms: round(callbackStats.p50Ms - baselineStats.p50Ms),
        p99Ms: round(callbackStats.p99Ms - baselineStats.p99Ms),
      },
      ratioP50: round(callbackStats.p50Ms / baselineStats.p50Ms),
    };
  } finally {
    await broker.stop();
    await db.drop();
  }
}
