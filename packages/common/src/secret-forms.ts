// The encoded forms a secret takes on the wire (percent-encoding, base64), so an echoed request is scrubbed too.

/** `+`/`/` → `-`/`_`, padding dropped: the base64url spelling of base64 text. */
const toBase64Url = (base64: string): string =>
  base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The base64 characters that depend on `bytes` alone when they are encoded inside a longer byte string,
 * starting at each of the three offsets modulo 3 (e.g. a client secret inside `Basic base64(id:secret)`):
 * the characters that also carry bits of a neighbouring byte are left out.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    cores.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6)));
  }
  return cores;
}

/** `%3D` and `%3d`: servers re-encode with either case. */
const withBothHexCases = (encoded: string): string[] => [
  encoded,
  encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
];

/**
 * Every spelling of `secret` to scrub: itself; percent-encoded as `encodeURIComponent` and as an
 * `application/x-www-form-urlencoded` body do (hex in upper and lower case); base64 and base64url, standalone
 * and embedded at any byte offset in a longer base64 text. Meant for secrets of 8 characters or more (the
 * embedded base64 forms of shorter ones are too short to be told apart from other text).
 * @example encodedForms('rt=a/b+c~0123') // ['rt=a/b+c~0123', 'rt%3Da%2Fb%2Bc~0123', 'rt%3da%2fb%2bc~0123', …]
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    for (const encoded of [
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
    ])
      for (const form of withBothHexCases(encoded)) forms.add(form);
  } catch {
    // A lone surrogate cannot be percent-encoded, so it never travels that way either.
  }
  const bytes = Buffer.from(secret, 'utf8');
  for (const base64 of [bytes.toString('base64'), ...base64Cores(bytes)]) {
    forms.add(base64);
    forms.add(toBase64Url(base64));
  }
  return [...forms].filter((form) => form.length > 0);
}
