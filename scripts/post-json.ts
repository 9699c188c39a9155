// JSON POSTs the scripts make to the stack: the simulator's admin routes and the vault's broker ingress.

/**
 * POSTs `body` as JSON and returns the parsed answer (null when empty).
 * @throws Error naming the URL and status (with the first 400 characters of the answer) on a non-2xx answer.
 */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 400)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Stores a credential as the OAuth broker does: `POST {ingressUrl}/api/credentials` with `x-api-key`.
 * @throws Error when the vault refuses it (see postJson).
 */
export function storeCredential(
  ingressUrl: string,
  brokerApiKey: string,
  payload: Record<string, unknown>,
): Promise<unknown> {
  return postJson(`${ingressUrl}/api/credentials`, payload, { 'x-api-key': brokerApiKey });
}
