// The account choice is made at call time: a second X account connected while the server runs makes a call
// without account_id a conflict listing both accounts at once (no cached choice), in both wire forms.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorOf, resultOf } from '@socialvault/testkit';
import { startXStack, X_USER_ID, type XStack } from '../test/fixtures';

const SECOND_X_USER_ID = '1500000000000000002';

let stack: XStack;
let client: Client;
beforeAll(async () => {
  stack = await startXStack('mcpx_accounts');
  client = await stack.connect();
});
afterAll(() => stack?.close());

it('answers conflict with both account ids once a second account is connected while it runs', async () => {
  expect(resultOf(await client.callTool({ name: 'get_account', arguments: {} }))).toMatchObject({
    id: X_USER_ID,
  });

  await stack.connectUser({
    userId: SECOND_X_USER_ID,
    username: 'socialvault_x2',
    name: 'Second X',
    followersCount: 1,
    followingCount: 1,
  });

  const conflict = errorOf(await client.callTool({ name: 'get_account', arguments: {} }));
  expect(conflict).toEqual({
    code: 'conflict',
    message: expect.any(String),
    hint: expect.stringMatching(/account_id/),
    choices: expect.arrayContaining([X_USER_ID, SECOND_X_USER_ID]),
  });
  const plain = await stack.plain({ method: 'get_account', params: {} });
  expect(plain.status).toBe(409);
  expect(plain.body.error).toMatchObject({
    code: 'conflict',
    choices: expect.arrayContaining([SECOND_X_USER_ID]),
  });

  // Naming the account still works, for either one.
  const second = resultOf(
    await client.callTool({ name: 'get_account', arguments: { account_id: SECOND_X_USER_ID } }),
  );
  expect(second).toMatchObject({ id: SECOND_X_USER_ID });
  expect(stack.leakedSecrets()).toEqual([]);
});
