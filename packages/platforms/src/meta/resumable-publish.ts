// A Meta publish (Instagram, Threads) that records its container id before publishing, so a retry after a crash
// publishes that container instead of creating a second post.
import { AppError, isAppError } from '@socialvault/common';
import type { ContainerStatus } from './containers';

/**
 * Non-secret ids a publish has reached, stored by the caller (the idempotency ledger) between attempts.
 * `container_id` is saved before the container is published; `published_id` (the media or post id) right after.
 */
export interface MetaPublishProgress {
  container_id?: string;
  published_id?: string;
  /** Instagram carousels: the item containers of `container_id`, in order. */
  child_container_ids?: string[];
}

/** How a caller resumes: the progress of an earlier attempt and where to save new progress. */
export interface PublishResume {
  /** Progress stored by an earlier attempt with the same request (empty or absent for a first attempt). */
  progress?: MetaPublishProgress;
  /**
   * Saves progress durably. The container id is saved before `media_publish`/`threads_publish`; when that save
   * fails the publish stops (nothing is posted), since a crash after posting could then not be told apart.
   */
  saveProgress?: (progress: MetaPublishProgress) => Promise<void>;
}

/** The steps of one Meta publish, bound to a client. */
export interface MetaPublishSteps {
  platform: 'Instagram' | 'Threads';
  /** Creates the (top-level) container; resolves its id. */
  create: () => Promise<string>;
  readStatus: (containerId: string) => Promise<ContainerStatus>;
  /** Waits until the container is FINISHED (skipped by `needsWait: false` for fresh text containers). */
  wait: (containerId: string) => Promise<void>;
  /** Publishes the container; resolves the new media/post id. */
  publish: (containerId: string) => Promise<string>;
  /** Whether a freshly created container must be waited for (Threads text containers are ready at once). */
  needsWait: boolean;
  /** What a retry should look at when the earlier container turns out published already. */
  listTool: string;
  /** More progress to save with a new container id (a carousel's item container ids). */
  extraProgress?: () => Omit<MetaPublishProgress, 'container_id' | 'published_id'>;
}

/**
 * create (or reuse the stored) container → save its id → wait → publish → save the published id.
 * A stored container that is ERROR, EXPIRED or gone is replaced by a new one; one already PUBLISHED without a
 * recorded published id is a `conflict` (the post is live; its id was lost in a crash), never a second post.
 * @returns the container id, the published id, and whether an earlier container was reused.
 */
export async function publishResumably(
  steps: MetaPublishSteps,
  resume: PublishResume = {},
): Promise<{ containerId: string; publishedId: string; resumed: boolean }> {
  const progress = resume.progress ?? {};
  if (progress.container_id && progress.published_id) {
    return { containerId: progress.container_id, publishedId: progress.published_id, resumed: true };
  }
  let containerId = progress.container_id ? await reusable(steps, progress.container_id) : undefined;
  const resumed = containerId !== undefined;
  if (containerId === undefined) {
    containerId = await steps.create();
    await resume.saveProgress?.({ ...steps.extraProgress?.(), container_id: containerId });
  }
  if (resumed || steps.needsWait) await steps.wait(containerId);
  const publishedId = await steps.publish(containerId);
  // The post is live: losing this save only costs the post id on a later retry (answered as conflict).
  await resume
    .saveProgress?.({ container_id: containerId, published_id: publishedId })
    .catch(() => undefined);
  return { containerId, publishedId, resumed };
}

/** The stored container when it can still be published; undefined when a new one is needed. */
async function reusable(steps: MetaPublishSteps, containerId: string): Promise<string | undefined> {
  let status: ContainerStatus;
  try {
    status = await steps.readStatus(containerId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
  if (status.statusCode === 'FINISHED' || status.statusCode === 'IN_PROGRESS') return containerId;
  if (status.statusCode === 'PUBLISHED') {
    throw new AppError(
      'conflict',
      `${steps.platform} media container ${containerId} of an earlier attempt was already published, but its post id was not recorded`,
      {
        hint: `The post is live; find it with ${steps.listTool} instead of publishing again (a new idempotency_key would post a second time).`,
        details: { platform: steps.platform.toLowerCase(), container_id: containerId },
      },
    );
  }
  return undefined;
}
