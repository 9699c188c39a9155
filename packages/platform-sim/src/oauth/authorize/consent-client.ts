// For tests and the demo: answers a simulated consent page over plain HTTP, the way a browser submits its form.

/** Where the consent ended: the provider's 302 (`location`) or the page it answered instead. */
export interface ConsentOutcome {
  status: number;
  /** The redirect back to the client (with `code` or `error`), when the provider redirected. */
  location?: string;
  /** The HTML of a page that did not redirect (an error page, or the consent page on request). */
  body?: string;
}

export interface ConsentOptions {
  /** Default `authorize`. */
  decision?: 'authorize' | 'cancel';
  /** Who signs in (the `sim_user` form field); default: the page's pre-selected user. */
  simUser?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ENTITIES[name]!);

/** The form of a consent page: its action and the fields a browser would submit (hidden inputs, selected option). */
export function parseConsentForm(
  html: string,
): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form\s+method="post"\s+action="([^"]*)"\s*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(
    /<input\s+type="hidden"\s+name="([^"]*)"\s+value="([^"]*)"\s*\/?>/gi,
  )) {
    fields[unescape(input[1]!)] = unescape(input[2]!);
  }
  const selected = /<option\s+value="([^"]*)"\s+selected\s*>/i.exec(form[2]!);
  if (selected) fields.sim_user = unescape(selected[1]!);
  return { action: unescape(form[1]!), fields };
}

/**
 * GETs `authorizeUrl` (a simulator authorize URL, e.g. the Location a broker's start link answers),
 * then submits its consent form with `decision` and `simUser`. Returns the provider's redirect, or the
 * page when it did not show a consent form (a refused request). Never follows the final redirect.
 * @example
 * const { location } = await answerConsent(brokerRedirect.headers.get('location')!, { simUser: '2244994945' });
 * await fetch(location!); // the broker's callback
 */
export async function answerConsent(
  authorizeUrl: string,
  options: ConsentOptions = {},
): Promise<ConsentOutcome> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  if (page.status >= 300 && page.status < 400) {
    return { status: page.status, location: page.headers.get('location') ?? undefined };
  }
  const body = await page.text();
  const form = page.status === 200 ? parseConsentForm(body) : undefined;
  if (!form) return { status: page.status, body };
  const fields = {
    ...form.fields,
    ...(options.simUser !== undefined ? { sim_user: options.simUser } : {}),
    decision: options.decision ?? 'authorize',
  };
  const answer = await fetch(new URL(form.action, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const location = answer.headers.get('location');
  return location
    ? { status: answer.status, location }
    : { status: answer.status, body: await answer.text() };
}
