// Which object keys name a secret, in any spelling (snake_case, kebab-case, camelCase), and where one hides in a JSON value.

/** Last words that make a key a secret on their own: `token`, `pageAccessToken`, `set-cookie`, `accesstoken`. */
const SECRET_WORD_ENDINGS = [
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'cookie',
  'cookies',
  'authorization',
  'bearer',
  'verifier',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
];
/** `<qualifier> key(s)` pairs that are secrets: `api_key`, `x-api-key`, `privateKey`, `encryption_keys`. */
const SECRET_KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'secret',
  'access',
  'encryption',
  'signing',
  'master',
]);

/** `pageAccessToken` → `['page', 'access', 'token']`; `X-API-Key` → `['x', 'api', 'key']`. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** isSecretKey's rule, judged afresh (see isSecretKey). */
function namesSecret(key: string): boolean {
  const words = wordsOf(key);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (SECRET_WORD_ENDINGS.some((ending) => last.endsWith(ending))) return true;
  const qualifier = words.at(-2);
  return (
    (last === 'key' || last === 'keys') && qualifier !== undefined && SECRET_KEY_QUALIFIERS.has(qualifier)
  );
}

/**
 * Verdicts of isSecretKey by key. Every log line is redacted key by key, and log lines and answers repeat a few
 * dozen keys: splitting each into words again cost more than the rest of a log line's redaction. Bounded: only
 * keys up to 64 characters are kept, and the map starts over at 1,000 of them.
 */
const verdictByKey = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 1_000;
const MAX_REMEMBERED_KEY_LENGTH = 64;

/**
 * True when an object key names a secret, judged on its words in any spelling: the last word is (or
 * ends with) token, secret, password, cookie, authorization, … (`access_token`, `access-token`,
 * `pageAccessToken`, `client_secret`, `Set-Cookie`), or the last two are `api|private|secret|access|
 * encryption|signing|master` + `key(s)` (`api_key`, `x-api-key`, `private_key`). Keys that only start
 * with such a word stay non-secret: `token_expires_at`, `token_type`, `key_id`, `instance_url`.
 */
export function isSecretKey(key: string): boolean {
  const known = verdictByKey.get(key);
  if (known !== undefined) return known;
  const verdict = namesSecret(key);
  if (key.length <= MAX_REMEMBERED_KEY_LENGTH) {
    if (verdictByKey.size >= MAX_REMEMBERED_KEYS) verdictByKey.clear();
    verdictByKey.set(key, verdict);
  }
  return verdict;
}

interface PendingNode {
  value: unknown;
  key?: string | number;
  parent?: PendingNode;
}

function pathOf(node: PendingNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current: PendingNode | undefined = node; current?.key !== undefined; current = current.parent) {
    path.unshift(current.key);
  }
  return path;
}

/**
 * The path (object keys and array indexes, from `value` down) of the first secret-named key anywhere in
 * `value`, objects inside arrays included, in document order; undefined when there is none. Iterative,
 * so a value nested thousands deep is walked without growing the call stack.
 * @example secretKeyPath({ pages: [{ id: '1', access_token: 'x' }] }) // ['pages', 0, 'access_token']
 */
export function secretKeyPath(value: unknown): (string | number)[] | undefined {
  const stack: PendingNode[] = [{ value }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node.key === 'string' && isSecretKey(node.key)) return pathOf(node);
    const inner = node.value;
    if (typeof inner !== 'object' || inner === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(inner)
      ? inner.map((item, index) => [index, item])
      : Object.entries(inner);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index] as [string | number, unknown];
      stack.push({ value: child, key, parent: node });
    }
  }
  return undefined;
}
