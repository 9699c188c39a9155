// Platform endpoints both the vault (refresh) and the broker (connect) derive from the same configured base URL.

/**
 * Where Threads' token endpoints (`/oauth/access_token`, `/access_token`, `/refresh_access_token`) sit:
 * `THREADS_API_URL` without its version segment (SPEC "Platform API base URLs").
 * @example threadsTokenUrlOf('https://graph.threads.net/v1.0') // → 'https://graph.threads.net'
 * @see https://developers.facebook.com/docs/threads/get-started/long-lived-tokens
 */
export function threadsTokenUrlOf(threadsApiUrl: string): string {
  return threadsApiUrl.replace(/\/v\d+(\.\d+)?$/, '');
}
