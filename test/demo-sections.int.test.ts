// `pnpm demo`'s platform sections against five real MCP servers, a vault and the simulator started in-process:
// each stores its account as the broker would, publishes and reads back through MCP, and never sees a token.
import { runLinkedInDemo, runMastodonDemo } from '../scripts/demo/linkedin-mastodon';
import { runThreadsDemo, runXDemo, type DemoContext } from '../scripts/demo/threads-x';
import { postJson, storeCredential } from '../scripts/post-json';
import { startFivePlatformStack, type FivePlatformStack } from './media/five-platforms';

let stack: FivePlatformStack;
beforeAll(async () => {
  stack = await startFivePlatformStack();
});
afterAll(() => stack?.close());

it('runs the Threads, X, LinkedIn and Mastodon sections to their last step, no token seen by the client', async () => {
  const steps: string[] = [];
  const ctx: DemoContext = {
    stack: {
      vaultIngressUrl: stack.vault.ingressUrl,
      simulatorUrl: stack.sim.url,
      mcpServers: [...stack.servers].map(([platform, server]) => ({
        name: platform,
        platform,
        url: server.mcpUrl,
      })),
    },
    step: (n, title) => void steps.push(`${n} ${title}`),
    postJson,
    storeCredential: (payload) => storeCredential(stack.vault.ingressUrl, stack.brokerApiKey, payload),
  };
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
