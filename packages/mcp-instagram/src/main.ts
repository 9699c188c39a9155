// Process entry of mcp-instagram: HTTP on PORT (default 3005), or `--stdio` for desktop agents.
import { runMcpServer } from '@socialvault/mcp-kit';
import { instagramServerSpec } from './server';

void runMcpServer(instagramServerSpec);
