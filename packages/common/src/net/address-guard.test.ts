import { findBlockedAddress, type ResolveAll } from './address-guard';

/** A resolver answering from a table, as DNS inside a compose network would. */
const resolverOf =
  (table: Record<string, string[]>): ResolveAll =>
  (hostname, _options, callback) => {
    const addresses = table[hostname];
    if (!addresses)
      return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

describe('findBlockedAddress', () => {
  const resolve = resolverOf({
    vault: ['172.18.0.3'],
    'mixed.example': ['93.184.216.34', '10.0.0.5'],
    'mastodon.example': ['93.184.216.34', '2606:2800:220:1::1'],
  });

  it.each([
    ['10.0.0.5', '10.0.0.5'],
    ['169.254.169.254', '169.254.169.254'],
    ['[::1]', '::1'],
    ['[::ffff:10.0.0.5]', '::ffff:10.0.0.5'],
    ['vault', '172.18.0.3'],
    ['mixed.example', '10.0.0.5'],
  ])('finds the private address of %s', async (host, blocked) => {
    expect(await findBlockedAddress(host, { resolve })).toBe(blocked);
  });

  it('finds nothing for public literals and names whose every address is public', async () => {
    expect(await findBlockedAddress('93.184.216.34', { resolve })).toBeUndefined();
    expect(await findBlockedAddress('mastodon.example', { resolve })).toBeUndefined();
  });

  it("throws the resolver's error for a name that does not resolve", async () => {
    await expect(findBlockedAddress('nowhere.example', { resolve })).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });
});
