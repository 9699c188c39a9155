// Reads one series out of a Prometheus text exposition (what GET /metrics answers), for tests.

/**
 * The value of the first series `name` whose labels include every pair of `labels`, or undefined when none
 * does, e.g. `metricValue(text, 'vault_refreshes_total', { platform: 'threads', outcome: 'refreshed' })`.
 * Series without labels are not matched.
 */
export function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z0-9_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}
