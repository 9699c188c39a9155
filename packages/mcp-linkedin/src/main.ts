// Process entry of mcp-linkedin: HTTP on PORT (default 3013), or `--stdio` for desktop agents.
import { runMcpServer } from '@socialvault/mcp-kit';
import { linkedinServerSpec } from './server';

void runMcpServer(linkedinServerSpec);
