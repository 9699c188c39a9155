// The simulated api.x.com under /x: users/me, user timeline, post lookup, posting, media upload; X-shaped errors.
import express, { Router, type Request } from 'express';
import type { FaultQueue } from '../faults';
import type { RequestLog } from '../request-log';
import { invalidRequest, notFoundPath, resourceNotFound, xErrorHandler } from './errors';
import { callerOf, xGate } from './gate';
import { mediaAnswer, uploadMedia } from './media';
import {
  checkFields,
  createPost,
  postObject,
  TWEET_FIELDS,
  USER_FIELDS,
  userObject,
  userTimeline,
} from './posts';
import type { XSimState } from './state';

/** Where the simulator mounts X: X_API_URL=`${sim.url}/x`. */
export const X_SIM_PATH = '/x';

export interface XRouteDeps {
  state: XSimState;
  faults: FaultQueue;
  log: RequestLog;
}

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;
const ID = /^[0-9]{1,19}$/;

/** The `:id` of the path, refused with X's 400 unless it is 1 to 19 digits. */
function pathId(raw: unknown): string {
  const id = String(raw);
  if (!ID.test(id))
    throw invalidRequest('id', [id], `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
  return id;
}

/**
 * `GET /2/users/me`, `GET /2/users/:id/tweets`, `GET /2/tweets/:id`, `POST /2/tweets`,
 * `POST /2/media/upload` (+ `GET ?command=STATUS`). Every call is recorded as `x`, counted against its
 * endpoint's window (x-rate-limit-* headers on every answer) and needs the endpoint's scopes.
 */
export function xRouter(deps: XRouteDeps): Router {
  const { state, faults } = deps;
  const router = Router();
  // JSON is parsed before recording (tests see post bodies); multipart uploads stay raw until their route.
  router.use(express.json({ limit: '8mb', type: ['application/json', 'application/*+json'] }));
  router.use(deps.log.recorder('x', ['content-type']));

  router.get(
    '/2/users/me',
    xGate(state, faults, 'GET /2/users/me', ['users.read', 'tweet.read']),
    (req, res) => {
      const fields = checkFields(req.query['user.fields'], USER_FIELDS, 'user.fields');
      res.json({ data: userObject(state, callerOf(res).user, fields, origin(req)) });
    },
  );

  router.get(
    '/2/users/:id/tweets',
    xGate(state, faults, 'GET /2/users/:id/tweets', ['tweet.read', 'users.read']),
    (req, res) => {
      const id = pathId(req.params.id);
      if (!state.users.has(id)) return void res.json(resourceNotFound('user', id));
      res.json(userTimeline(state, id, req.query as Record<string, unknown>));
    },
  );

  router.get(
    '/2/tweets/:id',
    xGate(state, faults, 'GET /2/tweets/:id', ['tweet.read', 'users.read']),
    (req, res) => {
      const id = pathId(req.params.id);
      const fields = checkFields(req.query['tweet.fields'], TWEET_FIELDS, 'tweet.fields');
      const post = state.posts.get(id);
      if (!post) return void res.json(resourceNotFound('tweet', id));
      res.json({ data: postObject(state, post, fields) });
    },
  );

  router.post(
    '/2/tweets',
    xGate(state, faults, 'POST /2/tweets', ['tweet.read', 'tweet.write', 'users.read']),
    (req, res) => {
      if (!req.is('application/json')) {
        throw invalidRequest('body', [], 'The request must be sent with Content-Type: application/json.');
      }
      const post = createPost(state, callerOf(res).user, req.body);
      const timeout = faults.take('x', 'timeout_after_write');
      if (timeout) {
        // Posted, but no answer: the caller cannot tell whether X posted.
        setTimeout(() => req.socket.destroy(), timeout.holdMs).unref();
        return;
      }
      res.status(201).json({ data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
    },
  );

  router.post(
    '/2/media/upload',
    xGate(state, faults, 'POST /2/media/upload', ['media.write']),
    express.raw({ type: 'multipart/form-data', limit: '8mb' }),
    async (req, res) => {
      res.json(mediaAnswer(await uploadMedia(state, callerOf(res).user, req)));
    },
  );

  router.get('/2/media/upload', xGate(state, faults, 'GET /2/media/upload', ['media.write']), (req, res) => {
    if (req.query.command !== 'STATUS')
      throw invalidRequest('command', [String(req.query.command)], 'command must be STATUS');
    const media = state.media.get(String(req.query.media_id ?? ''));
    if (!media || media.userId !== callerOf(res).user.id) {
      throw invalidRequest('media_id', [String(req.query.media_id)], 'Your media IDs are invalid.');
    }
    const answer = mediaAnswer(media);
    res.json({
      data: { ...(answer.data as object), processing_info: { state: 'succeeded', progress_percent: 100 } },
    });
  });

  router.use(() => {
    throw notFoundPath();
  });
  router.use(xErrorHandler);
  return router;
}
