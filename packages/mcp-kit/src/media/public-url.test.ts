import { assertPublicMediaUrl } from './public-url';

const guarded = { allowPrivateAddresses: false, field: 'image_url' };

describe('assertPublicMediaUrl', () => {
  it('refuses loopback, private and link-local literals and localhost, naming the field', async () => {
    for (const url of [
      'http://127.0.0.1:3020/_sim/media/sample.jpg',
      'https://10.0.0.5/a.jpg',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/a.jpg',
      'http://localhost/a.jpg',
    ]) {
      await expect(assertPublicMediaUrl(url, guarded)).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^image_url: .*private or loopback/),
      });
    }
  });

  it('lets private addresses through when MEDIA_ALLOW_PRIVATE_URLS is set, and public literals always', async () => {
    await expect(
      assertPublicMediaUrl('http://127.0.0.1/a.jpg', { allowPrivateAddresses: true, field: 'image_url' }),
    ).resolves.toBeUndefined();
    await expect(assertPublicMediaUrl('https://93.184.215.14/a.jpg', guarded)).resolves.toBeUndefined();
  });

  it('refuses what is not an http(s) URL', async () => {
    await expect(assertPublicMediaUrl('ftp://example.com/a.jpg', guarded)).rejects.toMatchObject({
      message: 'image_url: must be an http(s) URL',
    });
  });
});
