// `pnpm demo` section: an image made in memory (as an image model hands one over: bytes, no URL) published to all
// five platforms through their MCP servers. Instagram and Threads fetch it from the server's short-lived media
// store; X, LinkedIn and Mastodon get the bytes uploaded. The hosted copy is gone once each call returns.
import sharp from 'sharp';
import { mcpClient, serverOf, type DemoContext } from './threads-x';

/** A 1080×1080 PNG drawn from SVG: the kind of file an image model returns as base64. */
async function generatedImage(): Promise<Buffer> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080">' +
    '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ff7a18"/>' +
    '<stop offset="1" stop-color="#6a11cb"/></linearGradient></defs>' +
    '<rect width="1080" height="1080" fill="url(#g)"/>' +
    '<circle cx="540" cy="540" r="300" fill="none" stroke="#fff" stroke-width="40"/></svg>';
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The one publish call per platform, each with the image inline (the tool call an agent makes). */
function publishArgs(platform: string, accountId: string, base64: string): Record<string, unknown> {
  const image = { image_base64: base64, mime_type: 'image/png' };
  const caption = 'Generated a moment ago, published as bytes: no public URL needed. #socialvault';
  switch (platform) {
    case 'instagram':
      return { account_id: accountId, image, caption };
    case 'threads':
      return { account_id: accountId, text: caption, image };
    case 'x':
      return { account_id: accountId, text: 'Generated a moment ago, published as bytes.', media: [image] };
    case 'linkedin':
      return { account_id: accountId, text: caption, image };
    default:
      return { account_id: accountId, status: caption, media: [{ url: `data:image/png;base64,${base64}` }] };
  }
}

/**
 * Publishes one generated PNG to every platform of `accounts` (platform → the account id the earlier sections
 * connected), printing each tool's answer without the image bytes.
 */
export async function runInlineMediaDemo(
  ctx: DemoContext,
  accounts: Record<string, string | undefined>,
): Promise<void> {
  console.log('\n── An image an LLM just made, published to all five platforms as bytes ──');
  const png = await generatedImage();
  const base64 = png.toString('base64');
  ctx.step(
    'G1',
    `Generated in memory: a 1080×1080 PNG of ${png.length} bytes (${base64.length} characters of base64)`,
  );
  for (const [platform, accountId] of Object.entries(accounts)) {
    const server = serverOf(ctx, platform);
    if (!server || !accountId) {
      console.log(`\n[${platform}] skipped: no account or no simulator-backed MCP server`);
      continue;
    }
    const { client, call } = await mcpClient(server.url);
    const args = publishArgs(platform, accountId, base64);
    const shown = JSON.stringify(args).replaceAll(base64, `${base64.slice(0, 16)}…`);
    const published = await call('publish_post', args);
    ctx.step(`G-${platform}`, `tools/call publish_post ${shown}`, published);
    await client.close();
  }
}
