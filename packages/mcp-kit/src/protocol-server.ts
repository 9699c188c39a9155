// The MCP protocol server for one runtime: tools/list and tools/call on the SDK's low-level Server.
//
// Why not McpServer.registerTool: it validates arguments itself and answers bad ones with a generic
// "MCP error -32602" text, while the SPEC wants `invalid_input` naming the field, the same validation
// must serve the plain form, and error results must not carry structuredContent (see toCallToolResult).
// The listing is rendered exactly as McpServer renders zod v4 schemas (z.toJSONSchema, draft-7).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { invokeTool, type ToolCallOutcome } from './invoke-tool';
import type { McpRuntime } from './runtime';
import { toErrorBody } from './tool-errors';

/**
 * The MCP result for an outcome. Success: `structuredContent` plus the same JSON as text.
 * Failure: `isError: true` with `{code, message, hint, retry_after_s?}` as JSON text and no
 * `structuredContent`: SDK 1.x clients (`Client.callTool`) validate any structuredContent against the
 * tool's outputSchema even when isError is true (typescript-sdk issue #1943), so an error object
 * there would make the client throw instead of showing the error.
 */
export function toCallToolResult(outcome: ToolCallOutcome): CallToolResult {
  if (outcome.ok) {
    return {
      content: [{ type: 'text', text: JSON.stringify(outcome.result) }],
      structuredContent: outcome.result,
    };
  }
  return {
    isError: true,
    content: [{ type: 'text', text: JSON.stringify(toErrorBody(outcome.error)) }],
  };
}

/**
 * A JSON-RPC error for the SDK to send: `code` and `message` as given. Not an McpError, whose message
 * already carries "MCP error <code>: ", which the SDK would send and the client prefix a second time.
 */
function protocolError(code: ErrorCode, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { code });
}

/**
 * One JSON Schema validator for every Server of the process. The SDK builds a new Ajv instance (with
 * its formats) in each Server's constructor unless given one: about 0.7 ms of CPU per HTTP request in
 * stateless mode, for a validator only elicitation uses, which these servers never send.
 */
let sharedSchemaValidator: AjvJsonSchemaValidator | undefined;

/**
 * A fresh SDK Server with this runtime's tools. HTTP creates one per request (stateless); stdio one
 * per process. Unknown tool names are a protocol error (-32602) as the MCP spec prescribes.
 */
export function createProtocolServer(runtime: McpRuntime, transport: 'http' | 'stdio'): Server {
  const { spec } = runtime;
  const server = new Server(
    { name: spec.name, version: spec.version, ...(spec.title ? { title: spec.title } : {}) },
    {
      capabilities: { tools: { listChanged: false } },
      jsonSchemaValidator: (sharedSchemaValidator ??= new AjvJsonSchemaValidator()),
      ...(spec.instructions ? { instructions: spec.instructions } : {}),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: runtime.listing }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = runtime.tools.get(request.params.name);
    if (!tool) {
      throw protocolError(
        ErrorCode.InvalidParams,
        `Unknown tool: ${request.params.name}. Available tools: ${[...runtime.tools.keys()].join(', ')}`,
      );
    }
    const outcome = await invokeTool(runtime, tool, request.params.arguments, {
      transport,
      signal: extra.signal,
    });
    return toCallToolResult(outcome);
  });
  return server;
}
