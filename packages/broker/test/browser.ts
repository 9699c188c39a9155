// A minimal browser for the connect flows: a cookie jar, manual redirects, and the simulator's consent form.
import { decodeEntities } from './html';

/** One answer as a browser received it. */
export interface Page {
  url: string;
  status: number;
  location?: string;
  html: string;
  /** The `data-code` of a broker result page (`connected`, `state_used`…). */
  code?: string;
}

/** Every body any Browser received, for the canary check. */
export const received: string[] = [];

/** A browser with its own cookies (one per simulated person); follows nothing by itself. */
export class Browser {
  readonly cookies = new Map<string, string>();

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async answer(url: string, response: Response): Promise<Page> {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    const html = await response.text();
    received.push(html, response.headers.get('location') ?? '');
    const code = /data-code="([^"]*)"/.exec(html)?.[1];
    return {
      url,
      status: response.status,
      ...(response.headers.get('location') ? { location: response.headers.get('location')! } : {}),
      html,
      ...(code ? { code } : {}),
    };
  }

  async get(url: string): Promise<Page> {
    return this.answer(
      url,
      await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader() } }),
    );
  }

  async post(url: string, form: Record<string, string>): Promise<Page> {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return this.answer(url, response);
  }

  /** Submits the first form of `page` with its own fields (CSRF token included) overridden by `fields`. */
  async submit(page: Page, fields: Record<string, string> = {}): Promise<Page> {
    const form = formOf(page.html, page.url);
    return this.post(form.action, { ...form.fields, ...fields });
  }

  /**
   * Opens the provider's authorize URL, picks `user` on the simulator's consent page and submits
   * `decision`; returns the provider's redirect (to the broker's callback), not yet followed.
   */
  async consent(
    authorizeUrl: string,
    options: { user?: string; decision?: 'authorize' | 'cancel' } = {},
  ): Promise<Page> {
    const page = await this.get(authorizeUrl);
    if (page.status !== 200)
      throw new Error(`consent page answered ${page.status}: ${page.html.slice(0, 300)}`);
    const form = formOf(page.html, page.url);
    const fields: Record<string, string> = { ...form.fields, decision: options.decision ?? 'authorize' };
    if (options.user) fields.sim_user = options.user;
    return this.post(form.action, fields);
  }

  /** Start link → provider → consent → callback: the broker's final page. */
  async connect(
    startUrl: string,
    options: { user?: string; decision?: 'authorize' | 'cancel' } = {},
  ): Promise<Page> {
    const start = await this.get(startUrl);
    if (start.status !== 302 || !start.location) return start;
    const back = await this.consent(start.location, options);
    if (!back.location)
      throw new Error(`consent answered ${back.status} without a redirect: ${back.html.slice(0, 300)}`);
    return this.get(back.location);
  }
}

/** The first form of a page: absolute action and its hidden/selected field values. */
export function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    const type = /type="([^"]*)"/.exec(input[0])?.[1];
    if (!name || (type === 'radio' && !/checked/.test(input[0]))) continue;
    fields[name] = decodeEntities(value);
  }
  const select = /<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/.exec(form[2]!);
  if (select) {
    const selected =
      /<option value="([^"]*)"[^>]*selected/.exec(select[2]!) ?? /<option value="([^"]*)"/.exec(select[2]!);
    if (selected) fields[select[1]!] = decodeEntities(selected[1]!);
  }
  return { action: new URL(decodeEntities(form[1]!), pageUrl).toString(), fields };
}
