// Query and form parameters as the platform clients pass them: optional values, sent as strings.

/** Query or form parameters; undefined values are left out. */
export type PlatformParams = Record<string, string | number | boolean | undefined>;

/** `params` without its undefined values, every value a string. */
export function compactParams(params: PlatformParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}
