// Counts GET /api/credentials/token by service, platform and outcome once the answer is sent.
import type { Request, RequestHandler, Response } from 'express';
import type { VaultMetrics } from '../metrics';
import { isPlatform } from '@socialvault/vault-api';
import type { ServiceIdentity } from '../service-identities';

/** The error code the one error middleware answers with for each status of the token route. */
const OUTCOME_BY_STATUS: Record<number, string> = {
  200: 'success',
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_input',
  415: 'invalid_input',
  429: 'rate_limited',
  500: 'internal',
  503: 'vault_unavailable',
};

/**
 * The platform label: the query's platform when it is a known one, else the identity's only platform
 * (what the token service defaults to), else `unknown`. Never free text from the request.
 */
function platformOf(req: Request, identity: ServiceIdentity | undefined): string {
  const asked = req.query.platform;
  if (typeof asked === 'string' && isPlatform(asked)) return asked;
  if ((asked === undefined || asked === '') && identity?.platforms.length === 1)
    return identity.platforms[0]!;
  return 'unknown';
}

/**
 * Middleware for the token route: on `finish`, increments `vault_token_fetches_total` with the
 * service identity name (`anonymous` before authentication), the platform and the outcome
 * (`success` or the error code). No account id, no token.
 */
export function countTokenFetches(metrics: VaultMetrics): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET') {
      next();
      return;
    }
    res.on('finish', () => {
      const identity = (res as Response).locals.identity as ServiceIdentity | undefined;
      metrics.tokenFetches.inc({
        service: identity?.name ?? 'anonymous',
        platform: platformOf(req, identity),
        outcome: OUTCOME_BY_STATUS[res.statusCode] ?? `http_${res.statusCode}`,
      });
    });
    next();
  };
}
