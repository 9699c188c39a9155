// The simulated consent and error pages: plain HTML forms without script, every interpolated value escaped.

/** A piece of markup that `html` inserts as is (everything else is escaped). */
class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template: strings, numbers and arrays of them are escaped; nested `html` results are not. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const render = (value: unknown): string =>
    value instanceof Markup
      ? value.value
      : Array.isArray(value)
        ? value.map(render).join('')
        : escapeHtml(String(value ?? ''));
  return new Markup(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}

const layout = (title: string, body: Markup) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body>
        ${body}
      </body>
    </html> `.value;

/** One simulated user the consent page offers to sign in as. */
export interface ConsentUser {
  /** What the form posts as `sim_user` (an account id, a member sub, a username…). */
  ref: string;
  label: string;
}

export interface ConsentPageInput {
  providerTitle: string;
  appName: string;
  clientId: string;
  scopes: string[];
  redirectUri: string;
  /** Form action: the authorize path itself. */
  action: string;
  requestId: string;
  users: ConsentUser[];
  /** Pre-selected user (the `sim_user` query parameter or the only one). */
  selectedUser?: string;
}

/**
 * The consent page: app, scopes, a `sim_user` select, and one form POSTing `request_id`, `sim_user`
 * and `decision=authorize|cancel` (two submit buttons), so a browser or an HTTP client can answer it.
 */
export function consentPage(input: ConsentPageInput): string {
  const options = input.users.map(
    (user) =>
      html`<option value="${user.ref}" ${user.ref === input.selectedUser ? html` selected` : ''}>
        ${user.label}
      </option>`,
  );
  const scopes = input.scopes.map((scope) => html`<li><code>${scope}</code></li>`);
  return layout(
    `${input.providerTitle}: authorize ${input.appName}`,
    html`<h1>${input.providerTitle} (simulated)</h1>
      <p><strong>${input.appName}</strong> (client <code>${input.clientId}</code>) asks for:</p>
      <ul>
        ${scopes.length > 0 ? scopes : html`<li>no scopes</li>`}
      </ul>
      <p>You will be sent back to <code>${input.redirectUri}</code>.</p>
      <form method="post" action="${input.action}">
        <input type="hidden" name="request_id" value="${input.requestId}" />
        <label
          >Sign in as
          <select name="sim_user">
            ${options}
          </select></label
        >
        <button type="submit" name="decision" value="authorize">Authorize</button>
        <button type="submit" name="decision" value="cancel">Cancel</button>
      </form>`,
  );
}

/** The page an authorize request gets when it must not be redirected (unknown client, bad redirect_uri). */
export function errorPage(providerTitle: string, error: string, description: string): string {
  return layout(
    `${providerTitle}: ${error}`,
    html`<h1>${providerTitle} (simulated): this request cannot be authorized</h1>
      <p><code>${error}</code>: ${description}</p>`,
  );
}
