// `pnpm demo`'s platform sections against five real MCP servers, a vault and the simulator started in-process:
// each stores its account as the broker would, publishes and reads back through MCP, and never sees a token.
import { runLinkedInDemo, runMastodonDemo } from '../scripts/demo/linkedin-mastodon';
import { runThreadsDemo, runXDemo } from '../scripts/demo/threads-x';
import { demoContextOf, startFivePlatformStack, type FivePlatformStack } from './media/five-platforms';

let stack: FivePlatformStack;
beforeAll(async () => {
  stack = await startFivePlatformStack();
});
afterAll(() => stack?.close());

it('runs the Threads, X, LinkedIn and Mastodon sections to their last step, no token seen by the client', async () => {
  const steps: string[] = [];
  const ctx = demoContextOf(stack, steps);

  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const accounts: (string | undefined)[] = [];
  try {
    for (const section of [runThreadsDemo, runXDemo, runLinkedInDemo, runMastodonDemo])
      accounts.push(await section(ctx));
  } finally {
    log.mockRestore();
  }
  expect(accounts).toEqual([expect.any(String), expect.any(String), expect.any(String), expect.any(String)]);
  expect(steps.filter((line) => /^[TXLM]2 /.test(line))).toEqual([
    'T2 Broker → vault: POST /api/credentials (generic payload, platform threads) answered',
    'X2 Broker → vault: POST /api/credentials (generic payload, platform x) answered',
    'L2 Broker → vault: POST /api/credentials (generic payload, platform linkedin) answered',
    'M2 Broker → vault: POST /api/credentials (generic payload, platform mastodon) answered',
  ]);
  expect(
    steps.filter((line) => / seen by this client: /.test(line)).map((line) => line.split(': ')[1]),
  ).toEqual(['never', 'never', 'never', 'never']);
});
