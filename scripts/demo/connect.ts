// Connects an account through the OAuth broker as a browser would: start link → provider consent page →
// Authorize → broker callback → result page (Mastodon's instance form and Meta's page picker answered too).
import { Browser, formOf, textOf, type Page } from '@socialvault/testkit';

export interface ConnectOptions {
  /** A signed start link of the broker (`/auth/<platform>?client_id=…&exp=…&sig=…`). */
  startLink: string;
  /** The `sim_user` to pick on the simulator's consent page (an X user id, a LinkedIn sub, …). */
  simUser: string;
  /** Mastodon: the instance URL typed into the broker's instance form. */
  instanceUrl?: string;
  /** Where each step is reported, one line each. */
  log: (line: string) => void;
}

/** The broker's final page. */
export interface ConnectResult {
  status: number;
  /** The page's `data-code` (`connected` on success; `state_used`, `access_denied`… otherwise). */
  code?: string;
  title: string;
  /** The page's text (message, hint, details). */
  text: string;
}

/** Thrown when the provider's authorize page is not served (404): its simulator has no connect flow yet. */
export class ConsentUnavailableError extends Error {}

// Single-use or secret query values never printed: the state, the code, the PKCE challenge, the link signature.
const ELIDED = new Set(['state', 'code', 'code_challenge', 'sig']);

/** `url` for printing: origin and path, each query parameter with its value, `…` for the elided ones. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  const query = [...parsed.searchParams]
    .map(([key, value]) => `${key}=${ELIDED.has(key) ? '…' : value}`)
    .join('&');
  return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}${parsed.hash}`;
}

function expectRedirect(page: Page, what: string): string {
  if (page.status >= 300 && page.status < 400 && page.location) return page.location;
  throw new Error(`${what}: expected a redirect, got ${page.status}: ${textOf(page.html).slice(0, 300)}`);
}

const titleOf = (html: string): string => textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');

/**
 * Follows `options.startLink` to the broker's result page with one browser (cookies kept), answering the
 * provider's consent page with Authorize as `options.simUser`. Reports each hop through `options.log`.
 * @throws ConsentUnavailableError when the provider's authorize page answers 404; Error for any other
 *   unexpected answer (its status and page text).
 */
export async function connectThroughBroker(options: ConnectOptions): Promise<ConnectResult> {
  const { log } = options;
  const browser = new Browser();
  let page = await browser.get(options.startLink);
  log(`GET  ${describeUrl(options.startLink)} → ${page.status}`);
  if (page.status === 200 && options.instanceUrl) {
    const form = formOf(page.html, page.url);
    if (!form || !('instance_url' in form.fields))
      throw new Error(`the start link showed no instance form: ${textOf(page.html).slice(0, 300)}`);
    log(`     "${titleOf(page.html)}": instance_url=${options.instanceUrl}`);
    page = await browser.submit(form, { instance_url: options.instanceUrl });
    log(`POST ${describeUrl(form.action)} → ${page.status}`);
  }
  const authorizeUrl = expectRedirect(page, 'the start link');
  log(`     → ${describeUrl(authorizeUrl)}`);

  const consent = await browser.get(authorizeUrl);
  log(`GET  (the provider's authorize page) → ${consent.status} "${titleOf(consent.html)}"`);
  if (consent.status === 404) throw new ConsentUnavailableError(textOf(consent.html).slice(0, 200));
  const consentForm = consent.status === 200 ? formOf(consent.html, consent.url) : undefined;
  if (!consentForm)
    throw new Error(`the consent page answered ${consent.status}: ${textOf(consent.html).slice(0, 300)}`);
  const back = await browser.submit(consentForm, { sim_user: options.simUser, decision: 'authorize' });
  log(
    `POST ${describeUrl(consentForm.action)} (sim_user=${options.simUser}, decision=authorize) → ${back.status}`,
  );
  const callbackUrl = expectRedirect(back, 'the consent form');
  log(`     → ${describeUrl(callbackUrl)}`);

  page = await browser.get(callbackUrl);
  log(`GET  (the broker's callback, session cookie sent) → ${page.status} "${titleOf(page.html)}"`);
  const picker = formOf(page.html, page.url);
  if (page.status === 200 && picker && 'pick_id' in picker.fields) {
    // Meta with several pages: the page picker, answered with its pre-selected page.
    page = await browser.submit(picker);
    log(
      `POST ${describeUrl(picker.action)} (page_id=${picker.fields.page_id}) → ${page.status} "${titleOf(page.html)}"`,
    );
  }
  const { code } = page;
  const body = /<body[^>]*>([\s\S]*?)<\/body>/i.exec(page.html)?.[1] ?? page.html;
  return { status: page.status, ...(code ? { code } : {}), title: titleOf(page.html), text: textOf(body) };
}
