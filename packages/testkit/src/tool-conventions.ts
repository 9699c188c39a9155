// The conventions every server's tools/list must follow, checked the same way in each server's SDK test.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

type ListedTool = Awaited<ReturnType<Client['listTools']>>['tools'][number];

/**
 * Asserts what every tool of every server shares: a title and a description longer than
 * `minDescriptionLength` characters; strict object input (no extra properties) that takes `account_id`,
 * with a description on every field; an object output schema; all four hints (read-only unless it
 * publishes, never destructive, idempotent, open world). Publishing tools (`publish_*`) also take an
 * `idempotency_key` and report `deduplicated`.
 */
export function expectToolConventions(tools: ListedTool[], minDescriptionLength: number): void {
  for (const tool of tools) {
    expect(tool.title).toEqual(expect.any(String));
    expect(tool.description!.length).toBeGreaterThan(minDescriptionLength);
    expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(tool.inputSchema.properties).toHaveProperty('account_id');
    expect(tool.outputSchema).toMatchObject({ type: 'object' });
    for (const property of Object.values(tool.inputSchema.properties ?? {})) {
      expect((property as { description?: string }).description).toEqual(expect.any(String));
    }
    const publishing = tool.name.startsWith('publish_');
    expect(tool.annotations).toMatchObject({
      readOnlyHint: !publishing,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    if (publishing) {
      expect(tool.inputSchema.properties).toHaveProperty('idempotency_key');
      expect(tool.outputSchema!.properties).toHaveProperty('deduplicated');
    }
  }
}
