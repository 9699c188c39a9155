import { z } from 'zod';
import { parseEnv } from './config';
import { flag, httpUrl, optional, port, printableAscii, wholeNumber } from './env-fields';

const schema = z.object({
  FLAG: flag,
  COUNT: wholeNumber(4, 1, 64),
  PORT: port(3000),
  BASE_URL: httpUrl('https://api.example.com'),
  KEY: optional(printableAscii()),
});

describe('env fields', () => {
  it('treats empty values as unset and applies the defaults', () => {
    expect(parseEnv(schema, { FLAG: '', COUNT: '', PORT: '', BASE_URL: '', KEY: '' })).toEqual({
      FLAG: false,
      COUNT: 4,
      PORT: 3000,
      BASE_URL: 'https://api.example.com',
    });
  });

  it('parses flags, numbers, ports and strips trailing slashes from URLs', () => {
    expect(
      parseEnv(schema, { FLAG: '1', COUNT: '64', PORT: '0', BASE_URL: 'http://sim:4000/x//', KEY: 'k-1' }),
    ).toEqual({ FLAG: true, COUNT: 64, PORT: 0, BASE_URL: 'http://sim:4000/x', KEY: 'k-1' });
  });

  it.each([
    [{ FLAG: 'yes' }, 'FLAG: must be true or false'],
    [{ COUNT: '65' }, 'COUNT: must be between 1 and 64'],
    [{ COUNT: '1.5' }, 'COUNT: must be a whole number'],
    [{ PORT: '70000' }, 'PORT: must be between 0 and 65535'],
    [{ BASE_URL: 'ftp://host' }, 'BASE_URL: must be an http(s) URL'],
    [{ KEY: 'has space' }, 'KEY: must be printable ASCII without spaces'],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => parseEnv(schema, env)).toThrow(message);
  });
});
