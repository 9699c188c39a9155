// Test fixtures for @socialvault/platform-sim: a running simulator, one account, and a raw Graph caller.
import { startPlatformSim, type PlatformSim } from '../src';

export const IG_USER_ID = '17841400000000001';
export const ACCESS_TOKEN = 'EAAsimtesttoken0123456789';

export interface GraphAnswer {
  status: number;
  headers: Headers;
  // Graph answers JSON; tests read fields off it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A simulator with one account (IG_USER_ID, ACCESS_TOKEN, 1,280 followers). */
export async function startSimWithAccount(): Promise<PlatformSim> {
  const sim = await startPlatformSim();
  sim.state.registerInstagramAccount({
    access_token: ACCESS_TOKEN,
    ig_user_id: IG_USER_ID,
    username: 'sim_test',
    followers_count: 1280,
  });
  return sim;
}

/**
 * Sends one request to the simulator: `params` go in the query for GET and in a form body for POST;
 * `token` (default ACCESS_TOKEN, null for none) goes in `Authorization: Bearer`.
 */
export async function graph(
  sim: PlatformSim,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
  token: string | null = ACCESS_TOKEN,
): Promise<GraphAnswer> {
  const query = method === 'GET' && Object.keys(params).length > 0 ? `?${new URLSearchParams(params)}` : '';
  const response = await fetch(`${sim.url}${path}${query}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: method === 'POST' ? new URLSearchParams(params).toString() : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Creates an image container for IG_USER_ID and reads its status until FINISHED; returns its id. */
export async function finishedImageContainer(
  sim: PlatformSim,
  extra: Record<string, string> = {},
): Promise<string> {
  const created = await graph(sim, 'POST', `/v25.0/${IG_USER_ID}/media`, {
    image_url: sim.sampleImageUrl,
    ...extra,
  });
  if (created.status !== 200) throw new Error(`container creation failed: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (let i = 0; i < 5; i += 1) {
    const read = await graph(sim, 'GET', `/v25.0/${id}`, { fields: 'status_code' });
    if (read.body.status_code === 'FINISHED') return id;
  }
  throw new Error(`container ${id} never finished`);
}
