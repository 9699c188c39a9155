// Reads docker-compose.yml as `docker compose` would: YAML with merge keys, then ${VAR} interpolation from an env.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
export const ENV_EXAMPLE_FILE = path.join(ROOT, '.env.example');

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  expose?: string[];
  networks?: string[] | Record<string, unknown>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; interval?: string };
  user?: string;
  restart?: string;
  volumes?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
}

/** A `${…}` of the compose file: the variable, its operator (`:-`, `-`, `:?`, `?`) and the default/message. */
export interface Reference {
  name: string;
  operator: string | undefined;
  argument: string | undefined;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** Every `${…}` outside comment lines. */
export function references(text: string): Reference[] {
  const code = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
  return [...code.matchAll(REFERENCE)].map((match) => ({
    name: match[1]!,
    operator: match[2],
    argument: match[3],
  }));
}

/** Compose interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `$$`. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text
    .replace(REFERENCE, (_whole, name: string, operator: string | undefined, argument = '') => {
      const value = env[name];
      const unset = value === undefined;
      const empty = unset || value === '';
      switch (operator) {
        case ':-':
          return empty ? argument : value!;
        case '-':
          return unset ? argument : value!;
        case ':?':
          if (empty) throw new Error(`required variable ${name} is missing a value: ${argument}`);
          return value!;
        case '?':
          if (unset) throw new Error(`required variable ${name} is missing a value: ${argument}`);
          return value!;
        default:
          return value ?? '';
      }
    })
    .replace(/\$\$/g, '$');
}

export function composeText(): string {
  return fs.readFileSync(COMPOSE_FILE, 'utf8');
}

/** The compose file after interpolation with `env` (YAML merge keys resolved). */
export function loadCompose(env: Record<string, string | undefined>): ComposeFile {
  const raw = YAML.parse(composeText(), { merge: true }) as ComposeFile;
  // Interpolate values only (as compose does), after parsing, so a value cannot change the YAML structure.
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, env);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child)]));
    }
    return value;
  };
  return walk(raw) as ComposeFile;
}

/** `.env.example` as key → value for the assignments, plus the names documented in commented-out lines. */
export function readEnvExample(): { values: Record<string, string>; documented: Set<string> } {
  const values: Record<string, string> = {};
  const documented = new Set<string>();
  for (const line of fs.readFileSync(ENV_EXAMPLE_FILE, 'utf8').split('\n')) {
    const assignment = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (assignment) {
      values[assignment[1]!] = assignment[2]!;
      documented.add(assignment[1]!);
      continue;
    }
    const commented = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (commented) documented.add(commented[1]!);
  }
  return { values, documented };
}

/** A service's environment as strings (compose turns numbers and booleans into text). */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      value === null ? '' : String(value),
    ]),
  );
}

/** The networks a service is attached to. */
export function networksOf(service: ComposeService): string[] {
  if (!service.networks) return ['default'];
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks);
}

/** `[host_ip:]published:target[/protocol]` → its parts. */
export function parsePort(spec: string): { hostIp?: string; published: string; target: number } {
  const parts = spec.replace(/\/(tcp|udp)$/, '').split(':');
  const target = Number(parts.pop());
  const published = parts.pop() ?? String(target);
  return { ...(parts.length ? { hostIp: parts.join(':') } : {}), published, target };
}

/** Records every variable a config loader reads from the environment object it is given. */
export function variablesRead(
  load: (env: NodeJS.ProcessEnv) => unknown,
  env: Record<string, string>,
): Set<string> {
  const read = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key);
    },
  });
  load(proxy);
  return read;
}
