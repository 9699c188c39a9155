// Public API of @socialvault/testkit: test-only helpers shared by the end-to-end suites (and pnpm demo's browser).
export { startTestStack, seedOrClose, secret } from './stack';
export { simServerEnv } from './server-env';
export type { TestVaultAccess } from './server-env';
export type { TestStack, TestStackOptions, WireError, PlainAnswer } from './stack';
export { resultOf, errorOf, expectRecentPostsCore } from './results';
export { expectToolConventions } from './tool-conventions';
export { Browser, decodeEntities, expectForm, formOf, textOf } from './browser';
export type { BrowserOptions, ConsentChoice, HtmlForm, Page } from './browser';
