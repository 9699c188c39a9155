// One server's runtime: its configuration, vault client, logger and tools compiled once (schemas, JSON Schema listing).
import type { Logger } from 'winston';
import { z } from 'zod';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, registerSecret } from '@socialvault/common';
import { toToolConfig, type McpServerConfig, type ToolConfig } from './config';
import { accountIdField } from './fields';
import { LedgerClient } from './ledger/ledger-client';
import { MediaBudget } from './media/media-budget';
import type { MediaStore } from './media/media-store';
import { McpMetrics } from './metrics';
import type { McpServerSpec } from './server-spec';
import type { McpTool } from './tool';
import { createVaultClient, type VaultClient } from './vault-client';

/** What the transports need besides the spec. `vault` and `logger` default to ones built from `config`. */
export interface McpDeps<P extends object = object> {
  config: McpServerConfig<P>;
  vault?: VaultClient;
  /** The publication ledger; default one on `config.vaultUrl` with the server's service token. */
  ledger?: LedgerClient;
  logger?: Logger;
  /** Where inline media is hosted for URL-fetching platforms; started by the transports (openMediaStore). */
  mediaStore?: MediaStore;
}

/** A tool with the schema the kit validates against (`account_id` added, unknown keys rejected) and its listing. */
export interface CompiledTool {
  definition: McpTool<ToolConfig<McpServerConfig>>;
  /** The name the MCP transports publish: `MCP_TOOL_PREFIX` + the tool's own name. */
  publishedName: string;
  input: z.ZodObject;
  listing: Tool;
}

export interface McpRuntime {
  spec: McpServerSpec<object>;
  config: McpServerConfig;
  toolConfig: ToolConfig<McpServerConfig>;
  vault: VaultClient;
  ledger: LedgerClient;
  logger: Logger;
  /** By published name (with `MCP_TOOL_PREFIX`). */
  tools: Map<string, CompiledTool>;
  /** The tool called `name`, published or bare (the plain form addresses one server: both work). */
  findTool(name: string): CompiledTool | undefined;
  /** The `tools/list` answer, computed once. */
  listing: Tool[];
  /** Tool calls and platform errors, served on GET /metrics. */
  metrics: McpMetrics;
  /** The process's media download caps, shared by every call of this runtime. */
  media: MediaBudget;
  /** The media store of a server that hosts media (Instagram, Threads); undefined elsewhere. */
  mediaStore: MediaStore | undefined;
}

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** One logger per server name, however many apps a process (or a test) builds. */
const loggersByService = new Map<string, Logger>();
function serviceLogger(service: string): Logger {
  let logger = loggersByService.get(service);
  if (!logger) {
    logger = createLogger(service, 'mcp');
    loggersByService.set(service, logger);
  }
  return logger;
}

function toJsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Tool['inputSchema'] {
  return z.toJSONSchema(schema, { target: 'draft-7', io }) as Tool['inputSchema'];
}

/**
 * An input schema as every provider's function declarations take it: without the `$schema` keyword, which
 * Gemini's schema subset refuses (the keywords used mean the same in draft-7 and 2020-12, MCP's default).
 * See test/agents/provider-schema-rules.ts for the rules and their sources.
 */
function toInputJsonSchema(schema: z.ZodObject): Tool['inputSchema'] {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, 'input') as Tool['inputSchema'] & {
    $schema?: string;
  };
  return rest;
}

/**
 * Compiles a tool: adds `account_id` (described with the server's `accountIdForm`) unless the tool
 * declares it, rejects unknown arguments, publishes it as `toolPrefix` + its name, and renders both
 * schemas to JSON Schema the way the SDK's McpServer does (draft-7; the input without `$schema`).
 * @throws Error on a bad tool name (a bug in the server package, or a prefix that makes it too long).
 */
export function compileTool(
  definition: McpTool<ToolConfig<McpServerConfig>>,
  accountIdForm: string,
  toolPrefix = '',
): CompiledTool {
  const publishedName = `${toolPrefix}${definition.name}`;
  if (!TOOL_NAME.test(publishedName)) {
    throw new Error(`Tool name "${publishedName}" must be snake_case (a-z, 0-9, _), at most 64 characters`);
  }
  const withAccount =
    'account_id' in definition.inputSchema.shape
      ? definition.inputSchema
      : definition.inputSchema.extend({ account_id: accountIdField(accountIdForm) });
  const input = withAccount.strict();
  const listing: Tool = {
    name: publishedName,
    title: definition.title,
    description: definition.description,
    inputSchema: toInputJsonSchema(input),
    outputSchema: toJsonSchema(definition.outputSchema, 'output') as Tool['outputSchema'],
    annotations: { title: definition.title, ...definition.annotations },
  };
  return { definition, publishedName, input, listing };
}

/** Builds the runtime once per app (HTTP) or process (stdio). */
export function createMcpRuntime<P extends object>(spec: McpServerSpec<P>, deps: McpDeps<P>): McpRuntime {
  const { config } = deps;
  registerSecret(config.vaultToken, { pinned: true });
  registerSecret(config.mcpAuthToken, { pinned: true });
  const logger = deps.logger ?? serviceLogger(spec.name);
  const vault =
    deps.vault ??
    createVaultClient({
      vaultUrl: config.vaultUrl,
      serviceToken: config.vaultToken,
      timeoutMs: config.vaultTimeoutMs,
      cacheMaxAgeMs: config.credentialCacheMaxAgeMs,
      logger: logger.child({ module: 'vault-client' }),
    });
  const ledger =
    deps.ledger ??
    new LedgerClient({
      vaultUrl: config.vaultUrl,
      serviceToken: config.vaultToken,
      timeoutMs: config.vaultTimeoutMs,
      leaseS: config.idempotencyLeaseS,
      waitMs: config.idempotencyWaitMs,
      logger: logger.child({ module: 'ledger' }),
    });
  const toolConfig = toToolConfig(config);
  const tools = new Map<string, CompiledTool>();
  for (const definition of spec.tools(toolConfig)) {
    if (tools.has(`${config.toolPrefix}${definition.name}`)) {
      throw new Error(`Tool "${definition.name}" is defined twice`);
    }
    const compiled = compileTool(
      definition as McpTool<ToolConfig<McpServerConfig>>,
      spec.accountIdForm,
      config.toolPrefix,
    );
    tools.set(compiled.publishedName, compiled);
  }
  return {
    spec: spec as McpServerSpec<object>,
    config,
    toolConfig,
    vault,
    ledger,
    logger,
    tools,
    findTool: (name) => tools.get(name) ?? tools.get(`${config.toolPrefix}${name}`),
    listing: [...tools.values()].map((tool) => tool.listing),
    metrics: new McpMetrics(spec.platform),
    media: new MediaBudget({
      maxConcurrentDownloads: config.mediaMaxConcurrentDownloads,
      maxBufferedBytes: config.mediaMaxBufferedBytes,
    }),
    mediaStore: deps.mediaStore,
  };
}
