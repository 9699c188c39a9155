// The n8n workflows as shipped: the files match their builders, sound structure, credentials, the agent's tools.
import fs from 'node:fs';
import { allWorkflows } from '../scripts/n8n/workflows';
import { CREDENTIALS, type N8nWorkflow } from '../scripts/n8n/nodes';
import { PLACEHOLDER_PATTERN } from '../scripts/n8n/render';
import { loadSchema } from '../scripts/nocodb/schema';
import { loadWorkflowFile, nodesOfType, targets, WORKFLOW_DIR } from './stack/n8n-runtime';
import { composeMcpServices } from './stack/targets';

const FILES = ['1-daily-insights.json', '2-publish-calendar.json', '3-agent.json', '4-reconnect-alert.json'];
const workflows: Record<string, N8nWorkflow> = Object.fromEntries(
  FILES.map((file) => [file, loadWorkflowFile(file)]),
);
const schema = loadSchema();
const composeServices = composeMcpServices();

/** Node types (and versions) the workflows may use: all part of n8n 1.x and 2.x. */
const KNOWN_TYPES: Record<string, number> = {
  'n8n-nodes-base.stickyNote': 1,
  'n8n-nodes-base.scheduleTrigger': 1.2,
  'n8n-nodes-base.httpRequest': 4.2,
  'n8n-nodes-base.code': 2,
  'n8n-nodes-base.nocoDb': 3,
  'n8n-nodes-base.if': 2,
  'n8n-nodes-base.webhook': 2,
  'n8n-nodes-base.crypto': 1,
  'n8n-nodes-base.emailSend': 2.1,
  '@n8n/n8n-nodes-langchain.chatTrigger': 1.1,
  '@n8n/n8n-nodes-langchain.agent': 1.7,
  '@n8n/n8n-nodes-langchain.lmChatOpenAi': 1.2,
  '@n8n/n8n-nodes-langchain.memoryBufferWindow': 1.3,
  '@n8n/n8n-nodes-langchain.mcpClientTool': 1.2,
};
const TRIGGERS = ['scheduleTrigger', 'webhook', 'chatTrigger', 'stickyNote'];

describe('the workflow files', () => {
  it('are exactly what scripts/n8n/build-workflows.ts builds (run `pnpm n8n:workflows` after a change)', () => {
    expect(
      fs
        .readdirSync(WORKFLOW_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(FILES);
    const built = allWorkflows();
    for (const file of FILES) expect(workflows[file]).toEqual(JSON.parse(JSON.stringify(built[file])));
  });

  it.each(FILES)(
    '%s: unique names, known node types, every connection to an existing node, every node reached',
    (file) => {
      const workflow = workflows[file]!;
      const names = workflow.nodes.map((n) => n.name);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(workflow.nodes.map((n) => n.id)).size).toBe(names.length);
      expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(workflow.settings.executionOrder).toBe('v1');
      expect(workflow.active).toBe(false);
      for (const n of workflow.nodes)
        expect({ name: n.name, type: n.type, v: n.typeVersion }).toEqual({
          name: n.name,
          type: n.type,
          v: KNOWN_TYPES[n.type],
        });
      const reached = new Set<string>();
      for (const [from, byType] of Object.entries(workflow.connections)) {
        expect(names).toContain(from);
        for (const outputs of Object.values(byType))
          for (const output of outputs)
            for (const c of output) {
              expect(names).toContain(c.node);
              reached.add(c.node);
              if (c.type !== 'main') reached.add(from);
            }
      }
      for (const n of workflow.nodes) {
        if (TRIGGERS.some((t) => n.type.endsWith(`.${t}`))) continue;
        expect({ node: n.name, reached: reached.has(n.name) }).toEqual({ node: n.name, reached: true });
      }
    },
  );

  it.each(FILES)(
    '%s: credentials by the documented names, NocoDB placeholders only for schema tables',
    (file) => {
      const workflow = workflows[file]!;
      const known = Object.values(CREDENTIALS);
      for (const n of workflow.nodes) {
        for (const [type, ref] of Object.entries(n.credentials ?? {})) {
          expect(known).toContainEqual({ type, ...ref });
        }
      }
      const tables = [...JSON.stringify(workflow).matchAll(PLACEHOLDER_PATTERN)]
        .map((m) => m[1])
        .filter(Boolean);
      for (const table of tables) expect(schema.tables.map((t) => t.title)).toContain(table);
    },
  );
});

describe('workflow 3: agent', () => {
  const workflow = workflows['3-agent.json']!;

  it('gives the AI Agent one MCP Client Tool per compose MCP service, on Streamable HTTP with bearer auth', () => {
    const tools = nodesOfType(workflow, '@n8n/n8n-nodes-langchain.mcpClientTool');
    expect(tools.map((t) => t.parameters.endpointUrl).sort()).toEqual([...composeServices.keys()].sort());
    for (const tool of tools) {
      expect(tool.parameters).toMatchObject({
        serverTransport: 'httpStreamable',
        authentication: 'bearerAuth',
      });
      expect(tool.credentials).toEqual({
        httpBearerAuth: { id: CREDENTIALS.mcp.id, name: CREDENTIALS.mcp.name },
      });
      expect(targets(workflow, tool.name, 0, 'ai_tool')).toEqual(['Social media agent']);
    }
    expect(targets(workflow, 'Chat model', 0, 'ai_languageModel')).toEqual(['Social media agent']);
    expect(targets(workflow, 'Chat', 0)).toEqual(['Social media agent']);
  });
});
