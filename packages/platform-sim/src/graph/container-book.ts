// The media containers of Meta's two publishing APIs (Instagram, Threads): processing reads, 24 h expiry, publish once.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
// @see https://developers.facebook.com/docs/threads/posts
import { GraphError, invalidParameter, missingParameter } from './errors';

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

/** What the shared lifecycle needs of a container; each platform adds its media fields and owner. */
export interface LifecycleContainer {
  id: string;
  createdAt: Date;
  status: ContainerStatus;
  /** Status reads that still answer IN_PROGRESS before the container settles. */
  pendingReads: number;
  /** When set, the container settles in ERROR with this text. */
  failure?: string;
}

/** Containers not published within 24 h expire (both platforms). */
export const CONTAINER_TTL_MS = 24 * 3600 * 1000;

/** One platform's containers, with the status rules Instagram and Threads share. */
export class ContainerBook<C extends LifecycleContainer> {
  private readonly entries = new Map<string, C>();

  /** `nextId` gives each new container its id (the platform's id space). */
  constructor(private readonly nextId: () => string) {}

  /** Stores a new container, created now, with the next id. */
  add(container: Omit<C, 'id' | 'createdAt'>): C {
    const full = { ...container, id: this.nextId(), createdAt: new Date() } as C;
    this.entries.set(full.id, full);
    return full;
  }

  get(id: string): C | undefined {
    return this.entries.get(id);
  }

  values(): IterableIterator<C> {
    return this.entries.values();
  }

  /** Applies expiry, then one status read: IN_PROGRESS counts down, then settles in FINISHED or ERROR. */
  readStatus(container: C, nowMs = Date.now()): C {
    this.applyExpiry(container, nowMs);
    if (container.status !== 'IN_PROGRESS') return container;
    if (container.pendingReads > 0) container.pendingReads -= 1;
    else container.status = container.failure ? 'ERROR' : 'FINISHED';
    return container;
  }

  /** An unpublished container older than 24 h becomes EXPIRED. */
  applyExpiry(container: C, nowMs = Date.now()): void {
    const open = container.status === 'IN_PROGRESS' || container.status === 'FINISHED';
    if (open && nowMs - container.createdAt.getTime() > CONTAINER_TTL_MS) container.status = 'EXPIRED';
  }

  /** Test helper: ages a container past its 24 h lifetime. */
  age(containerId: string): void {
    const container = this.entries.get(containerId);
    if (container) container.createdAt = new Date(container.createdAt.getTime() - CONTAINER_TTL_MS - 1000);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** What a platform tells `publishableContainer` about its containers. */
export interface PublishRules<C extends LifecycleContainer> {
  /** Whether the caller's account owns the container. */
  owns: (container: C) => boolean;
  /** What a published container became, for the refusal (`media 180…`, `post 181…`). */
  publishedAs: (container: C) => string;
  /** A platform's own refusal, checked after expiry and before the status (Instagram: carousel items). */
  refuse?: (container: C) => void;
}

/**
 * The container `creation_id` names, ready to publish. Throws GraphError: missing → 100; unknown or
 * foreign → 100; already published → 100 (a container publishes once; wording not verified); expired
 * → -2/2207020; ERROR or not FINISHED yet → 9007/2207027 (Threads' wording is not documented; it
 * follows Instagram's).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
 */
export function publishableContainer<C extends LifecycleContainer>(
  book: ContainerBook<C>,
  creationId: string | undefined,
  rules: PublishRules<C>,
): C {
  if (!creationId) throw missingParameter('creation_id');
  const container = book.get(creationId);
  if (!container || !rules.owns(container)) {
    throw invalidParameter('Invalid parameter', {
      title: 'Media not found',
      msg: `The media container with creation_id ${creationId} does not exist or cannot be accessed.`,
    });
  }
  book.applyExpiry(container);
  rules.refuse?.(container);
  if (container.status === 'PUBLISHED') {
    throw invalidParameter('(#100) The media container has already been published', {
      title: 'Media already published',
      msg: `The container ${container.id} was already published as ${rules.publishedAs(container)}.`,
    });
  }
  if (container.status === 'EXPIRED') throw containerExpired();
  if (container.status !== 'FINISHED') throw containerNotReady();
  return container;
}

/** Container older than 24 h (error-codes reference: code -2, subcode 2207020). */
const containerExpired = () =>
  new GraphError(400, {
    message: 'The media you are trying to access has expired. Please try to upload again.',
    type: 'OAuthException',
    code: -2,
    error_subcode: 2207020,
    is_transient: false,
  });

/** Not FINISHED yet (verified for Instagram: code 9007, subcode 2207027, "Media ID is not available"). */
const containerNotReady = () =>
  new GraphError(400, {
    message: 'Media ID is not available',
    type: 'OAuthException',
    code: 9007,
    error_subcode: 2207027,
    is_transient: false,
    error_user_title: 'Cannot publish',
    error_user_msg: 'The media is not ready to be published. Please wait a moment.',
  });

/**
 * A publishing quota is used up (error-codes reference: code 9, subcode 2207042); `userMessage` is the
 * platform's `error_user_msg`.
 */
export const publishQuotaReached = (userMessage: string) =>
  new GraphError(400, {
    message: 'Application request limit reached',
    type: 'OAuthException',
    code: 9,
    error_subcode: 2207042,
    is_transient: false,
    error_user_title: 'Maximum posts reached',
    error_user_msg: userMessage,
  });
