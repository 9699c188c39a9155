// Workflow 3, "socialvault: social media agent": an AI Agent whose tools are the five MCP servers (Streamable HTTP).
import { mcpClientTool, stickyNote, WorkflowBuilder, withCredential, type N8nWorkflow } from '../nodes';
import { MCP_TARGETS, mcpUrl } from '../platforms';

export const AGENT_ID = 'svAgentMcpTools1';
export const AGENT_NODE = 'Social media agent';

const SYSTEM_MESSAGE =
  'You manage the social media accounts connected to socialvault (Instagram, Threads, X, LinkedIn, Mastodon) ' +
  'through their MCP tools. The tools fetch their own access tokens: never ask for one. Read before you write: ' +
  'check accounts and recent posts first. Publishing is public and immediate, so confirm the exact text, media ' +
  'and platforms with the user before any publish_* call, and pass an idempotency_key where the tool takes one. ' +
  'On an error, report its code and hint: reconnect_required means a person must reconnect that account; ' +
  'rate_limited says how long to wait (retry_after_s); not_found for an account means it is not connected.';

export function agentWorkflow(): N8nWorkflow {
  const wf = new WorkflowBuilder(AGENT_ID);
  wf.add(
    stickyNote(
      'About this workflow',
      [-40, -360],
      '## Social media agent\n' +
        'Chat with an agent whose tools are the socialvault MCP servers (MCP Client Tool, transport **HTTP Streamable**, ' +
        'endpoint `http://<platform>-mcp:<port>/mcp`). Bearer auth uses the **socialvault MCP** credential ' +
        '(`MCP_AUTH_TOKEN`; any value works when that variable is unset).\n\n' +
        'Needs an **OpenAI** credential for the chat model (or swap in another chat model node). ' +
        'Remove the tool nodes of platforms you do not use.',
      720,
      260,
    ),
  );
  const trigger = wf.add({
    name: 'Chat',
    type: '@n8n/n8n-nodes-langchain.chatTrigger',
    typeVersion: 1.1,
    position: [0, 0],
    parameters: { options: {} },
    webhookId: 'a3f1c7de-5b0e-4b8e-9d3f-2c6e1f0a7b41',
  });
  const agent = wf.add({
    name: AGENT_NODE,
    type: '@n8n/n8n-nodes-langchain.agent',
    typeVersion: 1.7,
    position: [320, 0],
    parameters: { options: { systemMessage: SYSTEM_MESSAGE } },
  });
  const model = wf.add({
    name: 'Chat model',
    type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
    typeVersion: 1.2,
    position: [120, 260],
    parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
    credentials: withCredential('openai'),
  });
  const memory = wf.add({
    name: 'Conversation memory',
    type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
    typeVersion: 1.3,
    position: [300, 260],
    parameters: { contextWindowLength: 10 },
  });
  wf.connect(trigger, agent);
  wf.connect(model, agent, 0, 'ai_languageModel');
  wf.connect(memory, agent, 0, 'ai_memory');
  MCP_TARGETS.forEach((target, index) => {
    const tool = wf.add(
      mcpClientTool(
        `${target.label} MCP`,
        [480 + index * 180, 260],
        mcpUrl(target),
        `Tools of the ${target.label} MCP server (${target.service}).`,
      ),
    );
    wf.connect(tool, agent, 0, 'ai_tool');
  });
  return wf.build('socialvault: social media agent', {
    tags: ['socialvault'],
    description: 'A chat agent using the five socialvault MCP servers as tools over Streamable HTTP.',
  });
}
