// Bodies body-parser cannot read (a Content-Encoding that does not match the bytes, an unknown one) are
// client errors on POST /mcp: 400/415 with {"error":{code,message,hint}}, never a 500.
import { useHttpHarness } from '../../test/fixtures/http-harness';

const h = useHttpHarness();

it.each([
  ['gzip', 400],
  ['br', 400],
  ['deflate', 400],
  ['x-unknown', 415],
])('Content-Encoding: %s on a plain JSON body → %i', async (encoding, status) => {
  const answer = await h.plain(h.server, '{"method":"tools/list"}', { 'content-encoding': encoding });
  expect(answer.status).toBe(status);
  expect(answer.body.error).toEqual({
    code: 'invalid_input',
    message: expect.stringMatching(/could not be read|Unsupported body encoding/),
    hint: expect.any(String),
  });
});
