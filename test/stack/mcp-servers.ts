// The MCP server packages present in this checkout, loaded from their own code: spec, tools, input schemas.
import fs from 'node:fs';
import path from 'node:path';
import {
  accountIdField,
  loadMcpConfig,
  toToolConfig,
  type McpServerSpec,
  type McpTool,
} from '@socialvault/mcp-kit';
import { ROOT } from './compose';

/** The SPEC's five servers (package directory → platform). */
export const SPEC_SERVERS = {
  'mcp-instagram': 'instagram',
  'mcp-threads': 'threads',
  'mcp-x': 'x',
  'mcp-linkedin': 'linkedin',
  'mcp-mastodon': 'mastodon',
} as const;

/** A tool as the kit validates its arguments: `account_id` added, unknown arguments refused. */
export interface LoadedTool {
  name: string;
  validate: (args: unknown) => { success: true } | { success: false; message: string };
  inputKeys: string[];
  definition: McpTool;
}

export interface LoadedServer {
  packageDir: string;
  platform: string;
  spec: McpServerSpec<object>;
  tools: Map<string, LoadedTool>;
}

function isServerSpec(value: unknown): value is McpServerSpec<object> {
  const candidate = value as Partial<McpServerSpec<object>> | null;
  return (
    !!candidate &&
    typeof candidate === 'object' &&
    typeof candidate.platform === 'string' &&
    typeof candidate.defaultPort === 'number' &&
    typeof candidate.tools === 'function'
  );
}

const noted = new Set<string>();

/**
 * Loads every SPEC server whose package exists (packages/<dir>/src/index.ts exporting a server spec).
 * A package that is not in the checkout yet is left out, with one console note per test file.
 */
export function loadPresentServers(env: NodeJS.ProcessEnv = {}): LoadedServer[] {
  const servers: LoadedServer[] = [];
  for (const [packageDir, platform] of Object.entries(SPEC_SERVERS)) {
    const entry = path.join(ROOT, 'packages', packageDir, 'src', 'index.ts');
    if (!fs.existsSync(entry)) {
      if (!noted.has(packageDir)) {
        noted.add(packageDir);
        console.log(
          `note: packages/${packageDir} is not in this checkout yet; its ${platform} checks are left out`,
        );
      }
      continue;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(entry) as Record<string, unknown>;
    const spec = Object.values(exports).find(isServerSpec);
    if (!spec) throw new Error(`packages/${packageDir}/src/index.ts exports no MCP server spec`);
    const config = loadMcpConfig(spec, {
      VAULT_URL: 'http://vault:3007',
      VAULT_TOKEN: 'test-service-token-not-used',
      ...env,
    });
    const tools = new Map<string, LoadedTool>();
    for (const definition of spec.tools(toToolConfig(config))) {
      const withAccount =
        'account_id' in definition.inputSchema.shape
          ? definition.inputSchema
          : definition.inputSchema.extend({ account_id: accountIdField(spec.accountIdForm) });
      const input = withAccount.strict();
      tools.set(definition.name, {
        name: definition.name,
        inputKeys: Object.keys(input.shape),
        definition: definition as McpTool,
        validate: (args) => {
          const parsed = input.safeParse(args);
          if (parsed.success) return { success: true };
          const message = parsed.error.issues
            .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
            .join('; ');
          return { success: false, message };
        },
      });
    }
    servers.push({ packageDir, platform, spec, tools });
  }
  return servers;
}
