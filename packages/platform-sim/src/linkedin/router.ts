// The simulated api.linkedin.com under /linkedin: OIDC userinfo, versioned Posts/Images/socialMetadata, uploads.
import express, { Router, type Request } from 'express';
import type { FaultQueue } from '../faults';
import type { RequestLog } from '../request-log';
import { illegalArgument, linkedinErrorHandler, notFound } from './errors';
import {
  applyLinkedInFaults,
  assertEncodedQuery,
  authenticate,
  callerOf,
  requireScope,
  requireVersionHeaders,
} from './gate';
import { memberCreatorPostAnalytics } from './analytics';
import { initializeUpload, receiveUpload } from './images';
import { batchSocialMetadata, createPost, findPostsByAuthor } from './posts';
import type { LinkedInSimState } from './state';

/** Where the simulator mounts LinkedIn: LINKEDIN_API_URL=`${sim.url}/linkedin`. */
export const LINKEDIN_SIM_PATH = '/linkedin';

export interface LinkedInRouteDeps {
  state: LinkedInSimState;
  faults: FaultQueue;
  log: RequestLog;
  /** The clock the version check uses (tests). */
  now?: () => Date;
}

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

/**
 * `GET /v2/userinfo`; `/rest/posts` (create, `q=author` finder), `/rest/images?action=initializeUpload`,
 * `/rest/socialMetadata?ids=List(…)`, `/rest/memberCreatorPostAnalytics?q=entity`; `PUT /dms-uploads/:id` (the upload URL LinkedIn hands out; real
 * ones live on www.linkedin.com). Errors are LinkedIn-shaped; every call is recorded as `linkedin`.
 */
export function linkedinRouter(deps: LinkedInRouteDeps): Router {
  const { state } = deps;
  const router = Router();
  // JSON bodies are parsed before recording so tests see them; image uploads stay raw (parsed per route).
  router.use(express.json({ limit: '1mb' }));
  router.use(
    deps.log.recorder('linkedin', ['linkedin-version', 'x-restli-protocol-version', 'content-type']),
  );
  const gate = [authenticate(state), applyLinkedInFaults(deps.faults)];

  router.get('/v2/userinfo', ...gate, (_req, res) => {
    requireScope(res, ['openid'], '/v2/userinfo');
    const { member, token } = callerOf(res);
    const profile = token.scopes.includes('profile');
    const email = token.scopes.includes('email') && member.email;
    res.json({
      sub: member.sub,
      ...(profile
        ? {
            name: member.name,
            ...(member.given_name ? { given_name: member.given_name } : {}),
            ...(member.family_name ? { family_name: member.family_name } : {}),
            ...(member.picture ? { picture: member.picture } : {}),
            locale: { country: 'US', language: 'en' },
          }
        : {}),
      ...(email ? { email: member.email, email_verified: true } : {}),
    });
  });

  const rest = Router();
  rest.use(requireVersionHeaders(deps.now), ...gate);

  rest.post('/posts', (req, res) => {
    requireScope(res, ['w_member_social'], 'partnerApiPostsExternal.CREATE');
    const post = createPost(state, callerOf(res), req.body);
    res.status(201).set('x-restli-id', post.urn).end();
  });

  rest.get('/posts', (req, res) => {
    assertEncodedQuery(req);
    requireScope(res, ['r_member_social'], 'partnerApiPostsExternal.FINDER-author');
    res.json(findPostsByAuthor(state, callerOf(res), req, LINKEDIN_SIM_PATH));
  });

  rest.post('/images', (req, res) => {
    if (req.query.action !== 'initializeUpload') {
      throw illegalArgument(
        `Unsupported action ${JSON.stringify(req.query.action)}; use action=initializeUpload`,
      );
    }
    requireScope(res, ['w_member_social'], 'images.ACTION-initializeUpload');
    res.json(
      initializeUpload(state, callerOf(res), req.body, `${origin(req)}${LINKEDIN_SIM_PATH}/dms-uploads`),
    );
  });

  rest.get('/socialMetadata', (req, res) => {
    assertEncodedQuery(req);
    requireScope(res, ['r_member_social'], 'socialMetadata.BATCH_GET');
    res.json(batchSocialMetadata(state, callerOf(res), req));
  });

  rest.get('/memberCreatorPostAnalytics', (req, res) => {
    assertEncodedQuery(req);
    requireScope(res, ['r_member_postAnalytics'], 'memberCreatorPostAnalytics.FINDER-entity');
    res.json(memberCreatorPostAnalytics(state, callerOf(res), req));
  });

  rest.use((req) => {
    throw notFound(`No virtual resource found for ${req.method} /rest${req.path}`);
  });
  router.use('/rest', rest);

  router.put(
    '/dms-uploads/:uploadId',
    ...gate,
    express.raw({ type: () => true, limit: '20mb' }),
    (req, res) => {
      const image = state.imageByUploadId(req.params.uploadId as string);
      if (!image) throw notFound('Unknown upload URL');
      receiveUpload(image, callerOf(res), req.body);
      res.status(201).end();
    },
  );

  router.use((req) => {
    throw notFound(`No virtual resource found for ${req.method} ${req.path}`);
  });
  router.use(linkedinErrorHandler);
  return router;
}
