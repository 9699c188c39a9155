// Deprecated variable names: their value moves to the new name, with a notice that names both and no value.
import { renameDeprecatedEnv } from './renamed-env';

const renamed = { INSTAGRAM_GRAPH_TIMEOUT_MS: 'INSTAGRAM_TIMEOUT_MS' };

describe('renameDeprecatedEnv', () => {
  it('moves an old name’s value to the new name and says to rename it, without echoing the value', () => {
    const { env, notices } = renameDeprecatedEnv({ INSTAGRAM_GRAPH_TIMEOUT_MS: '9000' }, renamed);
    expect(env.INSTAGRAM_TIMEOUT_MS).toBe('9000');
    expect(notices).toEqual([
      'INSTAGRAM_GRAPH_TIMEOUT_MS is deprecated: rename it to INSTAGRAM_TIMEOUT_MS (its value is used for now)',
    ]);
  });

  it('keeps the new name’s value when both are set, and says the old one is ignored', () => {
    const given = { INSTAGRAM_GRAPH_TIMEOUT_MS: '9000', INSTAGRAM_TIMEOUT_MS: '3000' };
    const { env, notices } = renameDeprecatedEnv(given, renamed);
    expect(env.INSTAGRAM_TIMEOUT_MS).toBe('3000');
    expect(notices).toEqual([
      'INSTAGRAM_GRAPH_TIMEOUT_MS is deprecated and ignored: INSTAGRAM_TIMEOUT_MS is set too; remove INSTAGRAM_GRAPH_TIMEOUT_MS',
    ]);
  });

  it('says nothing about an old name that is unset or empty, and leaves the given environment alone', () => {
    const given = { INSTAGRAM_GRAPH_TIMEOUT_MS: '', INSTAGRAM_TIMEOUT_MS: '' };
    expect(renameDeprecatedEnv(given, renamed)).toEqual({ env: given, notices: [] });
    const moved = { INSTAGRAM_GRAPH_TIMEOUT_MS: '9000' };
    renameDeprecatedEnv(moved, renamed);
    expect(moved).toEqual({ INSTAGRAM_GRAPH_TIMEOUT_MS: '9000' });
  });
});
