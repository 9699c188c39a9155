// Builders for the n8n nodes the socialvault workflows use, in n8n's export format (nodes + connections).
import crypto from 'node:crypto';

/** A node as n8n exports it. */
export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  disabled?: boolean;
  executeOnce?: boolean;
  alwaysOutputData?: boolean;
  onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
  notes?: string;
  webhookId?: string;
}

/** Connections by source node name, then connection type (`main`, `ai_tool`, …), then output index. */
export type N8nConnections = Record<
  string,
  Record<string, { node: string; type: string; index: number }[][]>
>;

export interface N8nWorkflow {
  id: string;
  name: string;
  active: boolean;
  nodes: N8nNode[];
  connections: N8nConnections;
  settings: Record<string, unknown>;
  pinData: Record<string, never>;
  tags: { name: string }[];
  meta: Record<string, unknown>;
}

/**
 * The n8n credentials the workflows refer to, by name (n8n links an imported node to an existing
 * credential of the same name and type). Create them in n8n before importing; see n8n/README.md.
 */
export const CREDENTIALS = {
  mcp: { type: 'httpBearerAuth', id: 'svMcpBearerAuth1', name: 'socialvault MCP' },
  nocodb: { type: 'nocoDbApiToken', id: 'svNocoDbApiTokn1', name: 'socialvault NocoDB' },
  vault: { type: 'httpBearerAuth', id: 'svVaultBearerAu1', name: 'socialvault vault' },
  openai: { type: 'openAiApi', id: 'svOpenAiApiKey01', name: 'OpenAI' },
  smtp: { type: 'smtp', id: 'svSmtpAccount001', name: 'socialvault SMTP' },
} as const;

const credential = (which: keyof typeof CREDENTIALS): N8nNode['credentials'] => {
  const { type, id, name } = CREDENTIALS[which];
  return { [type]: { id, name } };
};

/** A stable uuid from a seed, so that regenerating the workflows gives the same file. */
export function stableUuid(seed: string): string {
  const hex = crypto.createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Collects nodes and wires them; node ids derive from the workflow id and the node name. */
export class WorkflowBuilder {
  readonly nodes: N8nNode[] = [];
  readonly connections: N8nConnections = {};

  constructor(readonly workflowId: string) {}

  add(node: Omit<N8nNode, 'id'>): string {
    if (this.nodes.some((existing) => existing.name === node.name))
      throw new Error(`duplicate node name ${node.name}`);
    this.nodes.push({ id: stableUuid(`${this.workflowId}/${node.name}`), ...node });
    return node.name;
  }

  /** Connects output `output` of `from` to input 0 of `to` (`type` main, or an AI port such as ai_tool). */
  connect(from: string, to: string, output = 0, type = 'main'): void {
    const byType = (this.connections[from] ??= {});
    const outputs = (byType[type] ??= []);
    while (outputs.length <= output) outputs.push([]);
    outputs[output]!.push({ node: to, type, index: 0 });
  }

  build(name: string, options: { tags: string[]; description: string }): N8nWorkflow {
    return {
      id: this.workflowId,
      name,
      active: false,
      nodes: this.nodes,
      connections: this.connections,
      settings: { executionOrder: 'v1', saveManualExecutions: true, callerPolicy: 'workflowsFromSameOwner' },
      pinData: {},
      tags: options.tags.map((tag) => ({ name: tag })),
      meta: { templateCredsSetupCompleted: false, description: options.description },
    };
  }
}

type At = [number, number];

export const stickyNote = (
  name: string,
  position: At,
  content: string,
  width = 520,
  height = 300,
): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.stickyNote',
  typeVersion: 1,
  position,
  parameters: { content, width, height },
});

/** Schedule Trigger: every day at `hour` (n8n's timezone), or every `minutes` minutes. */
export const scheduleTrigger = (
  name: string,
  position: At,
  every: { hour: number } | { minutes: number },
): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.scheduleTrigger',
  typeVersion: 1.2,
  position,
  parameters: {
    rule: {
      interval: [
        'hour' in every
          ? { triggerAtHour: every.hour }
          : { field: 'minutes', minutesInterval: every.minutes },
      ],
    },
  },
});

/**
 * HTTP Request (v4.2) POSTing JSON to an MCP server's /mcp in the plain form, with the "socialvault MCP"
 * bearer credential (ignored by the server when MCP_AUTH_TOKEN is unset). Errors never stop the workflow:
 * a 4xx/5xx answer comes through as its `{"error":{code,message,hint}}` body, a network failure as `{error}`.
 */
export const mcpRequest = (
  name: string,
  position: At,
  url: string,
  jsonBody: string,
): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.httpRequest',
  typeVersion: 4.2,
  position,
  parameters: {
    method: 'POST',
    url,
    authentication: 'genericCredentialType',
    genericAuthType: 'httpBearerAuth',
    sendBody: true,
    specifyBody: 'json',
    jsonBody,
    options: { timeout: 120_000, response: { response: { neverError: true } } },
  },
  credentials: credential('mcp'),
  onError: 'continueRegularOutput',
});

/**
 * HTTP Request (v4.2) GETting a vault metadata endpoint with the "socialvault vault" bearer credential (the
 * metadata-only `n8n` identity). A failure stops the workflow: without the account list there is nothing to do.
 */
export const vaultRequest = (name: string, position: At, url: string): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.httpRequest',
  typeVersion: 4.2,
  position,
  parameters: {
    method: 'GET',
    url,
    authentication: 'genericCredentialType',
    genericAuthType: 'httpBearerAuth',
    options: { timeout: 30_000 },
  },
  credentials: credential('vault'),
});

/** Code node (JavaScript, once for all items). */
export const code = (
  name: string,
  position: At,
  jsCode: string,
  extra: Partial<N8nNode> = {},
): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.code',
  typeVersion: 2,
  position,
  parameters: { jsCode },
  ...extra,
});

/** NocoDB node (v3, NocoDB API v0.200+), authenticated with the "socialvault NocoDB" API token credential. */
export const nocodb = (
  name: string,
  position: At,
  table: string,
  operation: Record<string, unknown>,
  extra: Partial<N8nNode> = {},
): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.nocoDb',
  typeVersion: 3,
  position,
  parameters: {
    authentication: 'nocoDbApiToken',
    projectId: '__NOCODB_BASE_ID__',
    table: `__NOCODB_TABLE_${table}__`,
    ...operation,
  },
  credentials: credential('nocodb'),
  ...extra,
});

/** IF (v2): true output when `{{ $json.<field> }}` exists. */
export const ifFieldExists = (name: string, position: At, field: string): Omit<N8nNode, 'id'> => ({
  name,
  type: 'n8n-nodes-base.if',
  typeVersion: 2,
  position,
  parameters: {
    conditions: {
      options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
      conditions: [
        {
          id: stableUuid(`${name}/${field}`),
          leftValue: `={{ $json.${field} }}`,
          rightValue: '',
          operator: { type: 'number', operation: 'exists', singleValue: true },
        },
      ],
      combinator: 'and',
    },
    options: {},
  },
});

/** MCP Client Tool (v1.2) on Streamable HTTP with the "socialvault MCP" bearer credential. */
export const mcpClientTool = (
  name: string,
  position: At,
  endpointUrl: string,
  description: string,
): Omit<N8nNode, 'id'> => ({
  name,
  type: '@n8n/n8n-nodes-langchain.mcpClientTool',
  typeVersion: 1.2,
  position,
  parameters: {
    endpointUrl,
    serverTransport: 'httpStreamable',
    authentication: 'bearerAuth',
    include: 'all',
    options: {},
  },
  credentials: credential('mcp'),
  notes: description,
});

export const withCredential = (which: keyof typeof CREDENTIALS): N8nNode['credentials'] => credential(which);
