// Each provider's apps and simulated users, as the authorize endpoint sees them.
import type { SimState } from '../../state';
import type { AppEndpoint } from '../endpoints';
import type { AuthorizeAdapter, ConnectApp } from './endpoint';
import { AUTHORIZE_RULES } from './providers';

function registeredApp(sim: SimState, endpoint: AppEndpoint) {
  return (_realm: string, clientId: string): ConnectApp | undefined => {
    const app = sim.oauth.app(endpoint, clientId);
    return app ? { name: app.name, redirectUris: app.redirectUris } : undefined;
  };
}

const noRealm = () => '';

/** X: apps from `/_sim/oauth/apps`, users from `/_sim/x/users` (`sim_user` = user id). */
export const xAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.x,
  realmOf: noRealm,
  app: registeredApp(sim, 'x'),
  users: () =>
    [...sim.x.users.values()].map((u) => ({ ref: u.id, label: `@${u.username} (${u.name}, id ${u.id})` })),
  registerHint: 'register one with POST /_sim/x/users',
});

/** LinkedIn: apps from `/_sim/oauth/apps`, members from `/_sim/linkedin/members` (`sim_user` = sub). */
export const linkedinAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.linkedin,
  realmOf: noRealm,
  app: registeredApp(sim, 'linkedin'),
  users: () =>
    [...sim.linkedin.members.values()].map((m) => ({
      ref: m.sub,
      label: `${m.name} (${m.email ?? `sub ${m.sub}`})`,
    })),
  registerHint: 'register one with POST /_sim/linkedin/members',
});

/** Mastodon: apps from the instance's `POST /api/v1/apps`, its accounts (`sim_user` = account id). */
export const mastodonAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.mastodon,
  realmOf: (req) => {
    const name = req.params.instance as string;
    return sim.mastodon.instances.has(name) ? name : undefined;
  },
  app: (realm, clientId) => {
    const app = sim.mastodon.instances.get(realm)?.apps.get(clientId);
    return app ? { name: app.name, redirectUris: app.redirectUris, scopes: app.scopes } : undefined;
  },
  users: (realm) =>
    [...(sim.mastodon.instances.get(realm)?.accounts.values() ?? [])].map((a) => ({
      ref: a.id,
      label: `@${a.username} (${a.display_name})`,
    })),
  registerHint: 'register one with POST /_sim/mastodon/accounts',
});

/** Facebook Login: apps `facebook`, users from `/_sim/facebook/users` (`sim_user` = Facebook user id). */
export const facebookAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.facebook,
  realmOf: noRealm,
  app: registeredApp(sim, 'facebook'),
  users: () =>
    [...sim.metaUsers.users.values()].map((u) => ({
      ref: u.id,
      label: `${u.name} (id ${u.id}, ${u.pages.length} page${u.pages.length === 1 ? '' : 's'})`,
    })),
  registerHint: 'register one with POST /_sim/facebook/users',
});

/** Instagram Login: apps `instagram`, accounts from `/_sim/instagram/accounts` (`sim_user` = ig_user_id). */
export const instagramAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.instagram,
  realmOf: noRealm,
  app: registeredApp(sim, 'instagram'),
  users: () =>
    [...sim.instagram.accounts.values()].map((a) => ({ ref: a.id, label: `@${a.username} (id ${a.id})` })),
  registerHint: 'register one with POST /_sim/instagram/accounts',
});

/** Threads: apps `threads`, profiles from `/_sim/threads/accounts` (`sim_user` = Threads user id). */
export const threadsAuthorizeAdapter = (sim: SimState): AuthorizeAdapter => ({
  rules: AUTHORIZE_RULES.threads,
  realmOf: noRealm,
  app: registeredApp(sim, 'threads'),
  users: () =>
    [...sim.threads.accounts.values()].map((a) => ({ ref: a.id, label: `@${a.username} (id ${a.id})` })),
  registerHint: 'register one with POST /_sim/threads/accounts',
});
