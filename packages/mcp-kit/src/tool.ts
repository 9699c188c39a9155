// What a tool is: zod input/output schemas, LLM-facing text, the four annotation hints, and a handler.
import type { Logger } from 'winston';
import type { z } from 'zod';
import type { McpBaseConfig, ToolConfig } from './config';
import type { Credential } from './credential';
import type { LedgerClient } from './ledger/ledger-client';
import type { FetchedMedia } from './media/fetch-media';
import type { HostedMedia, HostMediaOptions } from './media/host-media';
import type { CallMediaOptions, MediaInput } from './media/media-budget';

/** The four MCP tool annotation hints; every tool states all of them (STYLE habit 3). */
export interface ToolAnnotationHints {
  /** True for reads; publishing tools are never read-only. */
  readOnlyHint: boolean;
  /** True when the tool may delete or overwrite something. */
  destructiveHint: boolean;
  /** True when repeating the call with the same arguments has no further effect. */
  idempotentHint: boolean;
  /** True when the tool talks to an outside system (every platform call does). */
  openWorldHint: boolean;
}

/** How the call arrived: MCP over HTTP, the seed's plain JSON form, or MCP over stdio. */
export type ToolTransport = 'http' | 'plain' | 'stdio';

/** Everything a handler gets besides its arguments. */
export interface ToolContext<C = ToolConfig> {
  readonly tool: string;
  /** The vault platform key of this server (`instagram`, …). */
  readonly platform: string;
  /** The server configuration, without VAULT_TOKEN and MCP_AUTH_TOKEN. */
  readonly config: C;
  /** A logger whose lines carry `tool` and `platform`; it redacts secrets. */
  readonly logger: Logger;
  /** The call's `account_id` argument, if any. */
  readonly accountId: string | undefined;
  readonly transport: ToolTransport;
  /** Aborted when the caller goes away (HTTP connection closed, MCP cancellation). */
  readonly signal: AbortSignal;
  /** The vault's publication ledger; publishing tools use it through `withIdempotency`. */
  readonly ledger: LedgerClient;
  /**
   * This server's credential from the vault, for `accountId` (default: the call's `account_id`,
   * else the platform's only account). Cached in memory; see VaultClient.getCredential for errors.
   */
  credential(accountId?: string): Promise<Credential>;
  /**
   * Forgets the cached credential (default: the one this call used), so the next call asks the vault.
   * Not needed after throwing `reconnect_required`: the kit invalidates then on its own.
   */
  invalidateCredential(accountId?: string): void;
  /**
   * The bytes of media the tool uploads: a URL is downloaded (fetchMedia: SSRF guard with
   * `MEDIA_ALLOW_PRIVATE_URLS`, size cap, type check, the `MEDIA_FETCH_TIMEOUT_MS` deadline, this call's signal), a media item's inline
   * bytes (`image_base64`, a `data:` URL) are decoded and sniffed (decodeInlineMedia) — both within the
   * process's caps: `MEDIA_MAX_CONCURRENT_DOWNLOADS` at once, `MEDIA_MAX_BUFFERED_MIB` held until the call ends.
   * @throws AppError `invalid_input` naming `options.field` (see fetchMedia, decodeInlineMedia);
   *   `rate_limited` with `retry_after_s` when a cap is reached (nothing downloaded).
   * @example const image = await ctx.fetchMedia(args.image_url, { maxBytes: 5 * 1024 * 1024, allowedContentTypes: ['image/jpeg'], field: 'image_url' });
   * @example const image = await ctx.fetchMedia({ image_base64, mime_type: 'image/png' }, { …, field: 'media[0]' });
   */
  fetchMedia(media: MediaInput, options: CallMediaOptions): Promise<FetchedMedia>;
  /**
   * A URL the platform downloads (Instagram, Threads): a public http(s) URL as it is (after the address
   * guard), or — for inline media and `rehost: true` — the bytes (as fetchMedia gets them) normalised to
   * `options.rules` and put in the media store behind an unguessable, short-lived URL that is deleted when
   * this call ends. Only servers whose spec has `defaultMediaPort` have a store.
   * @throws AppError `invalid_input` naming `options.field` (bad URL or bytes, aspect ratio, size);
   *   `platform_error` when the store refuses the file; `rate_limited` as fetchMedia.
   * @example const { url } = await ctx.hostMedia(picked.source, { maxBytes: 8 << 20, allowedContentTypes: ['image/jpeg', 'image/png'], field: picked.field, rules });
   */
  hostMedia(media: MediaInput, options: HostMediaOptions): Promise<HostedMedia>;
}

/** Arguments every tool accepts in addition to its own schema. */
export interface AccountIdArgument {
  account_id?: string;
}

/** What `defineTool` takes; `I` and `O` are zod object schemas, `C` the configuration the handler reads. */
export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject, C = ToolConfig> {
  /** snake_case, the same across platforms where the action is the same (`publish_post`). */
  name: string;
  /** Short human title (`Publish an Instagram post`). */
  title: string;
  /** What the tool does, when to use it, and what it returns, for an LLM. */
  description: string;
  /** Arguments; `.describe()` every field. `account_id` is added automatically when absent. */
  inputSchema: I;
  /** The result (`structuredContent`); `.describe()` every field. */
  outputSchema: O;
  annotations: ToolAnnotationHints;
  /**
   * Does the work. Receives validated arguments; returns a value matching `outputSchema`.
   * Expected failures are thrown as AppError (@socialvault/common); anything else becomes a
   * generic `platform_error` and is logged.
   */
  handler: (args: z.output<I> & AccountIdArgument, ctx: ToolContext<C>) => Promise<z.input<O>>;
}

/** A tool ready for a server spec (the type-erased result of `defineTool`). */
export interface McpTool<C = ToolConfig> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema: z.ZodObject;
  readonly annotations: ToolAnnotationHints;
  readonly handler: (args: Record<string, unknown>, ctx: ToolContext<C>) => Promise<unknown>;
}

/**
 * Declares a tool. The kit validates arguments against `inputSchema` (plus `account_id`; unknown
 * arguments are rejected) before the handler runs, validates the result against `outputSchema`,
 * maps errors, and logs one line per call.
 *
 * @example
 * // packages/mcp-instagram/src/tools/get-account.ts (shortened)
 * export function getAccountTool(): McpTool<InstagramToolConfig> {
 *   return defineTool({
 *     name: 'get_account',
 *     title: 'Get the Instagram account',
 *     description: 'Returns the connected Instagram business account: id, username, followers.',
 *     inputSchema: GetAccountInput,
 *     outputSchema: GetAccountOutput,
 *     annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
 *     handler: async (_args, ctx: ToolContext<InstagramToolConfig>) => {
 *       const { ig } = await openInstagram(ctx);
 *       return ig.getAccount();
 *     },
 *   });
 * }
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject, C = ToolConfig<McpBaseConfig>>(
  spec: ToolSpec<I, O, C>,
): McpTool<C> {
  // The kit only calls the handler with arguments that passed `inputSchema`, so erasing the type is safe.
  return { ...spec, handler: spec.handler as unknown as McpTool<C>['handler'] };
}
