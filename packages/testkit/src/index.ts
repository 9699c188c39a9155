// Public API of @socialvault/testkit: test-only helpers shared by the MCP servers' end-to-end suites.
export { startTestStack, secret } from './stack';
export type { TestStack, TestStackOptions, WireError, PlainAnswer } from './stack';
export { resultOf, errorOf, expectRecentPostsCore } from './results';
export { expectToolConventions } from './tool-conventions';
