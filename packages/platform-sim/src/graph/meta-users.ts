// Facebook users of the simulated Graph host: their pages (with Instagram business accounts), `/me` and `/me/accounts`.
// @see https://developers.facebook.com/docs/graph-api/reference/user/accounts/
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { extractToken } from '../request-log';
import { expiredToken, invalidParameter } from './errors';
import type { InstagramSimState } from './instagram/state';

const digits = z.string().regex(/^[0-9]{1,40}$/, 'digits only');

/** A Facebook user who can log in through the simulated Facebook Login dialog (admin API and in-process). */
export const MetaUserInputSchema = z.object({
  user_id: digits,
  name: z.string().min(1).max(100),
  /** The pages the user manages; `instagram_business_account` accounts are created when new. */
  pages: z
    .array(
      z.object({
        id: digits,
        name: z.string().min(1).max(100),
        instagram_business_account: z.object({ id: digits, username: z.string().min(1).max(30) }).optional(),
      }),
    )
    .max(50)
    .default([]),
  /** Ad account ids (without `act_`), listed by `/me/adaccounts`. */
  ad_account_ids: z.array(digits).max(20).default([]),
});
export type MetaUserInput = z.input<typeof MetaUserInputSchema>;

export interface SimMetaUser {
  id: string;
  name: string;
  pages: { id: string; name: string; igUserId?: string }[];
  adAccountIds: string[];
}

export class MetaUserDirectory {
  readonly users = new Map<string, SimMetaUser>();

  /** Adds or replaces a user; their pages' Instagram accounts join `instagram`. Throws a ZodError on bad input. */
  register(input: MetaUserInput, instagram: InstagramSimState): SimMetaUser {
    const parsed = MetaUserInputSchema.parse(input);
    const user: SimMetaUser = {
      id: parsed.user_id,
      name: parsed.name,
      pages: parsed.pages.map((page) => {
        const ig = page.instagram_business_account;
        if (ig) instagram.ensureAccount(ig.id, ig.username);
        return { id: page.id, name: page.name, ...(ig ? { igUserId: ig.id } : {}) };
      }),
      adAccountIds: parsed.ad_account_ids,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** The Instagram business accounts of the user's pages, in page order. */
  igUserIdsOf(userId: string): string[] {
    return (this.users.get(userId)?.pages ?? []).flatMap((page) => (page.igUserId ? [page.igUserId] : []));
  }

  reset(): void {
    this.users.clear();
  }
}

/** `instagram_business_account{id,username}` → its subfields (`id` alone when none are named). */
function businessAccountFields(fields: string): string[] | undefined {
  const match = /instagram_business_account(?:\{([^}]*)\})?/.exec(fields);
  if (!match) return undefined;
  return match[1] ? match[1].split(',').map((f) => f.trim()) : ['id'];
}

/**
 * Under `/v25.0`, for Facebook-Login user tokens (others pass through to the Instagram routes):
 * `GET /me?fields=id,name`, `GET /me/accounts?fields=id,name,instagram_business_account{id,username}`
 * → `{data: [...], paging}`, `GET /me/adaccounts` → `{data: [{id: "act_…", account_id}]}`.
 */
export function metaUserRouter(directory: MetaUserDirectory, instagram: InstagramSimState): Router {
  const router = Router();
  const userToken: RequestHandler = (req, res, next) => {
    const found = extractToken(req);
    const verdict = found ? instagram.tokens.check(found.token) : undefined;
    const token = verdict?.status === 'valid' || verdict?.status === 'expired' ? verdict.entry : undefined;
    const user = token?.metaUserId ? directory.users.get(token.metaUserId) : undefined;
    // Unknown and revoked tokens are the Instagram routes' to refuse.
    if (!user) return next('router');
    if (verdict?.status === 'expired') throw expiredToken(verdict.expiresAt);
    res.locals.metaUser = user;
    next();
  };
  const fieldsOf = (value: unknown, fallback: string) =>
    typeof value === 'string' && value ? value : fallback;

  router.get('/me', userToken, (req, res) => {
    const user = res.locals.metaUser as SimMetaUser;
    const fields = fieldsOf(req.query.fields, 'id,name').split(',');
    const unknown = fields.find((f) => f !== 'id' && f !== 'name');
    if (unknown)
      throw invalidParameter(`(#100) Tried accessing nonexisting field (${unknown}) on node type (User)`);
    res.json({ id: user.id, ...(fields.includes('name') ? { name: user.name } : {}) });
  });

  router.get('/me/accounts', userToken, (req, res) => {
    const user = res.locals.metaUser as SimMetaUser;
    const fields = fieldsOf(req.query.fields, 'id,name');
    const igFields = businessAccountFields(fields);
    const data = user.pages.map((page) => {
      const account = page.igUserId ? instagram.accounts.get(page.igUserId) : undefined;
      return {
        id: page.id,
        name: page.name,
        ...(igFields && account
          ? {
              instagram_business_account: {
                id: account.id,
                ...(igFields.includes('username') ? { username: account.username } : {}),
              },
            }
          : {}),
      };
    });
    const cursor = (id: string | undefined) => Buffer.from(id ?? '').toString('base64url');
    res.json({ data, paging: { cursors: { before: cursor(data[0]?.id), after: cursor(data.at(-1)?.id) } } });
  });

  router.get('/me/adaccounts', userToken, (_req, res) => {
    const user = res.locals.metaUser as SimMetaUser;
    res.json({ data: user.adAccountIds.map((id) => ({ id: `act_${id}`, account_id: id })) });
  });
  return router;
}
