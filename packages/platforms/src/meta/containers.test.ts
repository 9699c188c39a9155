import { isAppError } from '@socialvault/common';
import { containerPollDelayMs, type ContainerStatus, waitForContainerFinished } from './containers';

function scripted(statuses: ContainerStatus[]) {
  const reads: string[] = [];
  return {
    reads,
    read: async (id: string) => {
      reads.push(id);
      return statuses[Math.min(reads.length - 1, statuses.length - 1)]!;
    },
  };
}

describe('waitForContainerFinished', () => {
  it('reads until FINISHED, waiting longer between each read', async () => {
    const script = scripted([
      { statusCode: 'IN_PROGRESS' },
      { statusCode: 'IN_PROGRESS' },
      { statusCode: 'FINISHED' },
    ]);
    const waits: number[] = [];
    await waitForContainerFinished('Instagram', '179', script.read, {
      pollIntervalMs: 100,
      backoffFactor: 2,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(script.reads).toEqual(['179', '179', '179']);
    expect(waits).toEqual([100, 200]);
  });

  it('caps each wait at maxPollIntervalMs', () => {
    expect(
      containerPollDelayMs(10, { pollIntervalMs: 1000, backoffFactor: 2, maxPollIntervalMs: 5000 }),
    ).toBe(5000);
    expect(containerPollDelayMs(1, {})).toBe(1500);
  });

  it('fails with platform_error naming the status detail when the container ends in ERROR', async () => {
    const script = scripted([
      { statusCode: 'IN_PROGRESS' },
      { statusCode: 'ERROR', detail: 'Error: 2207001' },
    ]);
    const error = await waitForContainerFinished('Instagram', '179', script.read, {
      sleep: async () => {},
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('platform_error');
    expect((error as Error).message).toBe(
      'Instagram could not process media container 179: status ERROR (Error: 2207001)',
    );
  });

  it('fails with platform_error when the container EXPIRED and invalid_input when already PUBLISHED', async () => {
    const expired = await waitForContainerFinished(
      'Threads',
      '1',
      scripted([{ statusCode: 'EXPIRED' }]).read,
    ).catch((e: unknown) => e);
    expect(expired).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('expired before it was published'),
    });
    const published = await waitForContainerFinished(
      'Threads',
      '1',
      scripted([{ statusCode: 'PUBLISHED' }]).read,
    ).catch((e: unknown) => e);
    expect(published).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('already published'),
    });
  });

  it('gives up after maxPollAttempts reads of IN_PROGRESS', async () => {
    const script = scripted([{ statusCode: 'IN_PROGRESS' }]);
    const error = await waitForContainerFinished('Instagram', '179', script.read, {
      maxPollAttempts: 3,
      sleep: async () => {},
    }).catch((e: unknown) => e);
    expect(script.reads).toHaveLength(3);
    expect(error).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('still IN_PROGRESS after 3 status checks'),
    });
  });

  it('lets a failing status read (e.g. rate limit) through unchanged', async () => {
    const failure = new Error('boom');
    await expect(
      waitForContainerFinished('Instagram', '179', async () => Promise.reject(failure)),
    ).rejects.toBe(failure);
  });
});
