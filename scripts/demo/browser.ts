// A minimal browser for `pnpm demo`: a cookie jar per host, redirects taken one at a time, HTML forms submitted.

/** One answer as a browser received it. */
export interface Page {
  url: string;
  status: number;
  /** The redirect target, absolute. */
  location?: string;
  html: string;
}

/** An HTML form: absolute action and the fields a browser submits by default. */
export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const decode = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_whole, name: string) => ENTITIES[name]!);
const attribute = (tag: string, name: string): string | undefined => {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decode(value);
};

/**
 * The first form of `html`: hidden and text inputs with their values, the checked (else the first) radio
 * of each group, the selected (else the first) option of each select. Submit buttons are left out.
 * @returns undefined when the page has no form.
 */
export function formOf(html: string, pageUrl: string): HtmlForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const [tag] of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (!name) continue;
    if (attribute(tag, 'type') === 'radio' && name in fields && !/\schecked\b/.test(tag)) continue;
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

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decode(
    html
      .replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Keeps cookies like a browser (per host, any port) and never follows a redirect by itself. */
export class DemoBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  private jar(url: string): Map<string, string> {
    const host = new URL(url).hostname;
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  private async send(url: string, init: RequestInit): Promise<Page> {
    const jar = this.jar(url);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(15_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      ...(location ? { location: new URL(location, url).toString() } : {}),
      html: await response.text(),
    };
  }

  get(url: string): Promise<Page> {
    return this.send(url, { method: 'GET' });
  }

  /** Submits `form` (application/x-www-form-urlencoded) with `overrides` on top of its default fields. */
  submit(form: HtmlForm, overrides: Record<string, string> = {}): Promise<Page> {
    return this.send(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form.fields, ...overrides }).toString(),
    });
  }
}
