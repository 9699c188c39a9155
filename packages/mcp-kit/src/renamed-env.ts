// Deprecated environment variable names: still read, with one warning per name, until operators move to the new one.

/** Old variable name → the name that replaced it, e.g. `{ X_MEDIA_FETCH_TIMEOUT_MS: 'MEDIA_FETCH_TIMEOUT_MS' }`. */
export type RenamedEnv = Readonly<Record<string, string>>;

/** The environment with each deprecated name's value under its new name, and one notice per old name in use. */
export interface RenamedEnvResult {
  env: NodeJS.ProcessEnv;
  /** One sentence per old name that holds a value (empty counts as unset), naming both variables. */
  notices: string[];
}

/**
 * Moves the values of deprecated variables to their new names. The new name wins when both are set (the old
 * one is then ignored); either way the old name earns a notice telling the operator what to set instead.
 * Values are never put into a notice. Returns a copy; `env` is not changed.
 * @example renameDeprecatedEnv({ INSTAGRAM_GRAPH_TIMEOUT_MS: '9000' }, { INSTAGRAM_GRAPH_TIMEOUT_MS: 'INSTAGRAM_TIMEOUT_MS' })
 *   // → { env: { INSTAGRAM_GRAPH_TIMEOUT_MS: '9000', INSTAGRAM_TIMEOUT_MS: '9000' }, notices: ['INSTAGRAM_GRAPH_TIMEOUT_MS is deprecated: …'] }
 */
export function renameDeprecatedEnv(env: NodeJS.ProcessEnv, renamed: RenamedEnv): RenamedEnvResult {
  const result: NodeJS.ProcessEnv = { ...env };
  const notices: string[] = [];
  for (const [oldName, newName] of Object.entries(renamed)) {
    const oldValue = env[oldName];
    if (oldValue === undefined || oldValue === '') continue;
    const newValue = env[newName];
    if (newValue === undefined || newValue === '') {
      result[newName] = oldValue;
      notices.push(`${oldName} is deprecated: rename it to ${newName} (its value is used for now)`);
    } else {
      notices.push(`${oldName} is deprecated and ignored: ${newName} is set too; remove ${oldName}`);
    }
  }
  return { env: result, notices };
}
