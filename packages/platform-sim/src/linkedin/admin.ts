// Admin routes for the LinkedIn simulator under /_sim/linkedin: members, tokens, and what they posted.
import { Router } from 'express';
import { z } from 'zod';
import { parseLittleText } from './little-text';
import { tokenActionRoute } from '../tokens/admin-route';
import { postView } from './posts';
import type { LinkedInSimState } from './state';

const AddTokenSchema = z.object({
  access_token: z.string().min(8),
  sub: z.string().min(1),
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
});

/**
 * - `POST /_sim/linkedin/members` `{access_token, name, sub?, given_name?, family_name?, email?, picture?,
 *   scopes? (default "openid profile email w_member_social"), token_expires_at?}` → 201 `{sub, person_urn, name}`
 * - `POST /_sim/linkedin/tokens` `{access_token, sub, scopes?, token_expires_at?}` → 201 (another token for a member)
 * - `POST /_sim/linkedin/tokens/expire|revoke` `{access_token}` → 200; the token answers 401 afterwards
 * - `GET /_sim/linkedin/members/:sub` → `{member, posts:[…post, visible_text], images}`
 */
export function linkedinAdminRouter(state: LinkedInSimState): Router {
  const router = Router();

  router.post('/members', (req, res) => {
    const member = state.registerMember(req.body);
    res.status(201).json({ sub: member.sub, person_urn: member.personUrn, name: member.name });
  });

  router.post('/tokens', (req, res) => {
    const input = AddTokenSchema.parse(req.body);
    const scopes =
      input.scopes === undefined
        ? undefined
        : typeof input.scopes === 'string'
          ? input.scopes.split(/[\s,]+/)
          : input.scopes;
    const existing = [...state.tokens.values()].find((token) => token.sub === input.sub);
    const added = state.addToken(
      input.access_token,
      input.sub,
      scopes ?? existing?.scopes ?? [],
      input.token_expires_at,
    );
    if (!added) return void res.status(404).json({ error: 'unknown sub' });
    res.status(201).json({ sub: input.sub });
  });

  router.post(
    '/tokens/expire',
    tokenActionRoute((token) => state.tokens.expire(token), 'expired'),
  );
  router.post(
    '/tokens/revoke',
    tokenActionRoute((token) => state.tokens.revoke(token), 'revoked'),
  );

  router.get('/members/:sub', (req, res) => {
    const member = state.members.get(req.params.sub);
    if (!member) return void res.status(404).json({ error: 'unknown sub' });
    res.json({
      member,
      posts: state
        .postsOf(member.personUrn)
        .map((post) => ({ ...postView(post), visible_text: parseLittleText(post.commentary).visible })),
      images: [...state.images.values()].filter((image) => image.owner === member.personUrn),
    });
  });

  return router;
}
