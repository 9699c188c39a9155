// Server-rendered pages (nunjucks, autoescape on): results, errors, the Mastodon instance form, the page picker.
import path from 'node:path';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { redactText } from '@socialvault/common';

const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(__dirname, '..', 'views')), {
  autoescape: true,
  throwOnUndefined: false,
});
// How an account is named on the Connections pages: @handle, except LinkedIn's (a person's name), else its id.
views.addFilter('handle', (account: { platform: string; username?: string; accountId: string }) =>
  account.username ? `${account.platform === 'linkedin' ? '' : '@'}${account.username}` : account.accountId,
);

/** A result or error page: what happened, what to do, and optionally a link to start again. */
export interface PageContent {
  title: string;
  message: string;
  hint?: string;
  /** A short machine-readable code (`state_expired`, `connected`…) in `data-code`, for scripts and tests. */
  code: string;
  retryUrl?: string;
  details?: { label: string; value: string }[];
}

/** An expected failure of a browser route, rendered as a page with `status`. */
export class PageError extends Error {
  override name = 'PageError';
  constructor(
    readonly status: number,
    readonly page: PageContent,
  ) {
    super(page.message);
  }
}

/** Renders `template` with `context`; every text passes the redactor first (defence in depth). */
export function render(
  res: Response,
  status: number,
  template: string,
  context: Record<string, unknown>,
): void {
  const html = redactText(views.render(template, context));
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/** Renders a result page (`outcome` ok for 2xx, error otherwise). */
export function renderResult(res: Response, status: number, page: PageContent): void {
  render(res, status, 'result.njk', { ...page, outcome: status < 400 ? 'ok' : 'error' });
}
