// A minimal browser over fetch for the connect flows (the broker's tests and `pnpm demo`): a cookie jar per
// host, redirects taken one at a time, HTML forms submitted as a browser would, the simulator's consent page.

/** One answer as a browser received it. */
export interface Page {
  url: string;
  status: number;
  /** The redirect target, made absolute against `url`. */
  location?: string;
  html: string;
  /** The `data-code` of a broker result page (`connected`, `state_used`…). */
  code?: string;
}

/** An HTML form: absolute action and the fields a browser submits by default. */
export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

/** Options of a Browser. */
export interface BrowserOptions {
  /** Called with every body and Location header received (for canary checks). */
  onReceive?: (text: string) => void;
  /** Deadline of one request (default 15,000 ms). */
  timeoutMs?: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** Undoes the HTML escapes nunjucks and the simulator apply (`&amp; &lt; &gt; &quot; &#39; &#x27;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_whole, name: string) => ENTITIES[name]!);
}

const attribute = (tag: string, name: string): string | undefined => {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decodeEntities(value);
};

/**
 * The first form of `html` as a browser submits it by default: named inputs with their values (a radio only
 * when checked), the selected (else the first) option of each select; submit buttons left out.
 * @returns undefined when the page has no form.
 */
export function formOf(html: string, pageUrl: string): HtmlForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const [tag] of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (!name || (attribute(tag, 'type') === 'radio' && !/\schecked\b/.test(tag))) continue;
    fields[name] = attribute(tag, 'value') ?? '';
  }
  for (const [, open, body] of form[2]!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attribute(open!, 'name');
    const options = [...body!.matchAll(/<option\b[^>]*>/gi)].map(([tag]) => tag);
    const chosen = options.find((tag) => /\sselected\b/.test(tag)) ?? options[0];
    if (name && chosen) fields[name] = attribute(chosen, 'value') ?? '';
  }
  return { action: new URL(attribute(form[1]!, 'action') ?? pageUrl, pageUrl).toString(), fields };
}

/** The first form of `page`. @throws Error with the page's status and start when it has none */
export function expectForm(page: Page): HtmlForm {
  const form = formOf(page.html, page.url);
  if (!form) throw new Error(`no form on the page (${page.status}): ${page.html.slice(0, 300)}`);
  return form;
}

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Who signs in on the simulator's consent page (`sim_user`) and what they answer. */
export interface ConsentChoice {
  user?: string;
  decision?: 'authorize' | 'cancel';
}

/** One person's browser: keeps cookies per host (any port), never follows a redirect by itself. */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly options: BrowserOptions = {}) {}

  /** The cookies this browser keeps for `url`'s host (name → value); tests may plant or change one. */
  cookieJar(url: string): Map<string, string> {
    const host = new URL(url).hostname;
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  private async send(url: string, init: RequestInit): Promise<Page> {
    const jar = this.cookieJar(url);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const html = await response.text();
    const location = response.headers.get('location');
    this.options.onReceive?.(html);
    this.options.onReceive?.(location ?? '');
    const code = /data-code="([^"]*)"/.exec(html)?.[1];
    return {
      url,
      status: response.status,
      ...(location ? { location: new URL(location, url).toString() } : {}),
      html,
      ...(code ? { code } : {}),
    };
  }

  get(url: string): Promise<Page> {
    return this.send(url, { method: 'GET' });
  }

  /** POSTs `fields` as application/x-www-form-urlencoded. */
  post(url: string, fields: Record<string, string>): Promise<Page> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Submits a form (or the first form of a page) with its default fields, CSRF token included, and
   * `overrides` on top. @throws Error when the page has no form
   */
  submit(from: Page | HtmlForm, overrides: Record<string, string> = {}): Promise<Page> {
    const form = 'html' in from ? expectForm(from) : from;
    return this.post(form.action, { ...form.fields, ...overrides });
  }

  /**
   * Opens a simulator authorize URL, picks `choice.user` on its consent page (default: the pre-selected
   * one) and submits `choice.decision` (default authorize); returns the provider's redirect, not followed.
   * @throws Error when the consent page does not answer 200
   */
  async consent(authorizeUrl: string, choice: ConsentChoice = {}): Promise<Page> {
    const page = await this.get(authorizeUrl);
    if (page.status !== 200)
      throw new Error(`consent page answered ${page.status}: ${page.html.slice(0, 300)}`);
    return this.submit(page, {
      decision: choice.decision ?? 'authorize',
      ...(choice.user ? { sim_user: choice.user } : {}),
    });
  }

  /**
   * Start link → provider → consent → callback: the broker's final page (or the start link's own answer
   * when it did not redirect). @throws Error when the consent answers without a redirect
   */
  async connect(startUrl: string, choice: ConsentChoice = {}): Promise<Page> {
    const start = await this.get(startUrl);
    if (start.status !== 302 || !start.location) return start;
    const back = await this.consent(start.location, choice);
    if (!back.location)
      throw new Error(`consent answered ${back.status} without a redirect: ${back.html.slice(0, 300)}`);
    return this.get(back.location);
  }
}
