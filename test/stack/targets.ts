// Where the workflows may send requests: the MCP services of docker-compose.yml, by URL.
import { environmentOf, loadCompose, readEnvExample } from './compose';

export interface ComposeMcpService {
  service: string;
  port: number;
  url: string;
}

/** `http://<service>:<PORT>/mcp` for every compose service that has a PORT and runs an MCP server bundle. */
export function composeMcpServices(): Map<string, ComposeMcpService> {
  const compose = loadCompose(
    new Proxy(readEnvExample().values, { get: (target, key) => Reflect.get(target, key) || 'x'.repeat(32) }),
  );
  const services = new Map<string, ComposeMcpService>();
  for (const [service, definition] of Object.entries(compose.services)) {
    const entry = definition.command?.at(-1) ?? '';
    if (!/^dist\/mcp-[a-z]+\.js$/.test(entry)) continue;
    const port = Number(environmentOf(definition).PORT);
    const url = `http://${service}:${port}/mcp`;
    services.set(url, { service, port, url });
  }
  return services;
}
