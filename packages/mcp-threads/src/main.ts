// Process entry of mcp-threads: HTTP on PORT (default 3011), or `--stdio` for desktop agents.
import { runMcpServer } from '@socialvault/mcp-kit';
import { threadsServerSpec } from './server';

void runMcpServer(threadsServerSpec);
