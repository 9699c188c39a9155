// Rendering a page of the Connections UI: the viewer (for the header), a CSRF token for its forms.
import type { Request, Response } from 'express';
import type { BrokerDeps } from './deps';
import { render } from './pages';
import { ensureSession } from './session';
import { viewerOfRequest } from './viewer';

/**
 * Renders `template` with `context` plus `viewer`, `csrfToken` (every form POST carries it) and the
 * current path; makes the browser session first when there is none, so the token has one to bind to.
 */
export function renderUi(
  deps: BrokerDeps,
  req: Request,
  res: Response,
  status: number,
  template: string,
  context: Record<string, unknown>,
): void {
  ensureSession(req, res, deps.secureCookies);
  const viewer = viewerOfRequest(res);
  render(res, status, template, {
    outcome: status < 400 ? 'ok' : 'error',
    ...context,
    viewer: viewer
      ? {
          operator: viewer.role === 'operator',
          clientId: viewer.role === 'client' ? viewer.clientId : undefined,
        }
      : undefined,
    csrfToken: deps.csrf.generateCsrfToken(req, res),
    currentPath: req.path,
  });
}
