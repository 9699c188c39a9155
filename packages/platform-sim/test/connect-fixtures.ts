// Test helpers for the simulated connect flows: PKCE pairs, authorize URLs, form posts, JSON reads.
import crypto from 'node:crypto';

export const REDIRECT_URI = 'https://broker.example.test/callback/x';

// OAuth endpoints answer JSON of many shapes; tests read fields off it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; headers: Headers; body: any };

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

/** `base` with the query `params`. */
export const withQuery = (base: string, params: Record<string, string>) =>
  `${base}?${new URLSearchParams(params).toString()}`;

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // HTML pages stay text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a form (`application/x-www-form-urlencoded`). */
export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return answerOf(
    await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** GETs `url` without following redirects. */
export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answerOf(await fetch(url, { redirect: 'manual', headers }));
}

/** The query parameters of a redirect Location. */
export const paramsOf = (location: string | undefined) =>
  Object.fromEntries(new URL(location ?? 'http://missing.invalid').searchParams);
