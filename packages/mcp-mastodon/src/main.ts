// Process entry of mcp-mastodon: HTTP on PORT (default 3014), or `--stdio` for desktop agents.
import { runMcpServer } from '@socialvault/mcp-kit';
import { mastodonServerSpec } from './server';

void runMcpServer(mastodonServerSpec);
