// The simulator's Mastodon servers, by name: one process serves several instances under /mastodon/<name>.
import {
  MastodonInstanceInputSchema,
  SimMastodonInstance,
  type MastodonAccountInput,
  type MastodonAppInput,
  type MastodonInstanceInput,
  type SimMastodonAccount,
  type SimMastodonApp,
} from './instance';

/** Where the simulator mounts Mastodon: an instance URL is `${sim.url}/mastodon/<name>`. */
export const MASTODON_SIM_PATH = '/mastodon';

export class MastodonSimState {
  readonly instances = new Map<string, SimMastodonInstance>();

  /**
   * Creates an instance, or replaces the settings of an existing one (keeping its accounts and posts).
   * Throws a ZodError on bad input.
   */
  configureInstance(input: MastodonInstanceInput): SimMastodonInstance {
    const settings = MastodonInstanceInputSchema.parse(input);
    const existing = this.instances.get(settings.name);
    if (existing) {
      Object.assign(existing.settings, settings);
      return existing;
    }
    const instance = new SimMastodonInstance(settings);
    this.instances.set(settings.name, instance);
    return instance;
  }

  /** Registers an account and token on `instance` (created with default settings when unknown). */
  registerAccount(instance: string, input: MastodonAccountInput): SimMastodonAccount {
    const target = this.instances.get(instance) ?? this.configureInstance({ name: instance });
    return target.registerAccount(input);
  }

  /** Registers an OAuth application on `instance` (created with default settings when unknown). */
  registerApp(instance: string, input: MastodonAppInput): SimMastodonApp {
    const target = this.instances.get(instance) ?? this.configureInstance({ name: instance });
    return target.registerApp(input);
  }

  /**
   * Deletes the app `clientId` on `instance`, as its owner or the instance admin does in Mastodon's settings:
   * its authorize page and token endpoint then answer `invalid_client`, and tokens issued to it stop working.
   * False when the instance or app is unknown.
   */
  forgetApp(instance: string, clientId: string): boolean {
    const target = this.instances.get(instance);
    if (!target?.apps.delete(clientId)) return false;
    for (const token of target.tokens.values())
      if (token.clientId === clientId) target.tokens.revoke(token.token);
    return true;
  }

  /** Makes `token` answer 401 "The access token was revoked" on `instance`. False when unknown. */
  revokeToken(instance: string, token: string): boolean {
    return this.instances.get(instance)?.tokens.revoke(token) ?? false;
  }

  reset(): void {
    this.instances.clear();
  }
}
