// Test fixtures for @socialvault/platforms: a simulator with one Instagram account and a client for it.
import crypto from 'node:crypto';
import { isAppError, type AppError } from '@socialvault/common';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { InstagramClient, sharedRateLimitMemory } from '../src';

export interface InstagramFixture {
  sim: PlatformSim;
  /** A canary token: it must never show up in an error. */
  accessToken: string;
  igUserId: string;
  client: InstagramClient;
  /** Another client for the same account, with fast polling overrides. */
  clientWith(options: { accessToken?: string; igUserId?: string; maxPollAttempts?: number }): InstagramClient;
}

/** Starts a simulator on an ephemeral port with one registered account (1,280 followers). */
export async function startInstagramFixture(): Promise<InstagramFixture> {
  const sim = await startPlatformSim();
  const accessToken = `EAAcanary${crypto.randomBytes(16).toString('hex')}`;
  const igUserId = '17841400000000001';
  sim.state.registerInstagramAccount({
    access_token: accessToken,
    ig_user_id: igUserId,
    username: 'socialvault_test',
    followers_count: 1280,
  });
  const clientWith = (options: { accessToken?: string; igUserId?: string; maxPollAttempts?: number }) =>
    new InstagramClient({
      baseUrl: sim.graphUrl,
      credential: { accessToken: options.accessToken ?? accessToken, igUserId: options.igUserId ?? igUserId },
      pollIntervalMs: 2,
      maxPollAttempts: options.maxPollAttempts ?? 10,
    });
  return { sim, accessToken, igUserId, client: clientWith({}), clientWith };
}

/**
 * The Instagram fixture of one test file: started before all tests, closed after them, its request log
 * and faults (and the shared rate-limit memory) cleared before each test. Read its fields inside tests.
 */
export function useInstagramFixture(): InstagramFixture {
  const fx = {} as InstagramFixture;
  beforeAll(async () => {
    Object.assign(fx, await startInstagramFixture());
  });
  afterAll(() => fx.sim.close());
  beforeEach(() => {
    fx.sim.state.clearRequests();
    fx.sim.state.clearFaults();
    sharedRateLimitMemory.clear();
  });
  return fx;
}

/** Awaits `promise`, expecting an AppError; returns it (fails the test otherwise). */
export async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected an AppError, but the call succeeded');
}

/** Runs `fn`, expecting it to throw an AppError; returns it (fails the test otherwise). */
export function thrownAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected an AppError, but the call returned');
}

/** Everything an error exposes, as one string, for canary checks. */
export function errorSurface(error: AppError): string {
  return JSON.stringify({
    message: error.message,
    hint: error.hint,
    details: error.details,
    json: error.toJSON(),
    stack: error.stack,
  });
}
