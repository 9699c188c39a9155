// Process entry of mcp-x: HTTP on PORT (default 3012), or `--stdio` for desktop agents.
import { runMcpServer } from '@socialvault/mcp-kit';
import { xServerSpec } from './server';

void runMcpServer(xServerSpec);
