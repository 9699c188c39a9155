// The simulated memberCreatorPostAnalytics finder: one metric of one member post, TOTAL or DAILY.
import type { Request } from 'express';
import { illegalArgument, notFound } from './errors';
import type { LinkedInCaller } from './gate';
import { socialMetadataView } from './posts';
import type { LinkedInSimState, SimLinkedInPost } from './state';

/** The `queryType` values LinkedIn documents for member post analytics. */
export const MEMBER_POST_QUERY_TYPES = [
  'IMPRESSION',
  'MEMBERS_REACHED',
  'RESHARE',
  'REACTION',
  'COMMENT',
] as const;
type QueryType = (typeof MEMBER_POST_QUERY_TYPES)[number];

const METRIC_TYPE_KEY = 'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1';

/** The counts of a post, consistent with what socialMetadata reports for its reactions and comments. */
function countOf(post: SimLinkedInPost, queryType: QueryType): number {
  const metadata = socialMetadataView(post) as {
    reactionSummaries: Record<string, { count: number }>;
    commentSummary: { count: number };
  };
  const impressions = 120 + 17 * (post.seq % 7);
  switch (queryType) {
    case 'IMPRESSION':
      return impressions;
    case 'MEMBERS_REACHED':
      return Math.floor(impressions * 0.7);
    case 'RESHARE':
      return post.seq % 2;
    case 'REACTION':
      return Object.values(metadata.reactionSummaries).reduce((sum, summary) => sum + summary.count, 0);
    case 'COMMENT':
      return metadata.commentSummary.count;
  }
}

function dateOf(ms: number): { year: number; month: number; day: number } {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * `GET /rest/memberCreatorPostAnalytics?q=entity&entity=(share:<encoded urn>)&queryType=…&aggregation=TOTAL|DAILY`
 * (scope r_member_postAnalytics, checked by the router). Strict: `q=entity`; the entity as `(share:…)` or
 * `(ugcPost:…)` with the URN URL-encoded and of that kind; one of the five query types; an aggregation.
 * Only the caller's own posts (404 otherwise). TOTAL → one element; DAILY → one per day since the post
 * (all of it on its first day).
 * @see /work/shared/reference/platform-apis.md "Analytics (member)"
 */
export function memberCreatorPostAnalytics(state: LinkedInSimState, caller: LinkedInCaller, req: Request) {
  const query = req.query as Record<string, unknown>;
  if (query.q !== 'entity') throw illegalArgument('Unsupported finder: use q=entity');
  const rawEntity = /(?:^|&)entity=([^&]*)/.exec(req.originalUrl.split('?')[1] ?? '')?.[1] ?? '';
  const entity = /^\((share|ugcPost):(urn%3Ali%3A(share|ugcPost)%3A\d{1,25})\)$/i.exec(rawEntity);
  if (!entity || entity[1] !== entity[3]) {
    throw illegalArgument(
      'Invalid entity: expected entity=(share:<encoded urn:li:share:…>) or (ugcPost:<encoded urn:li:ugcPost:…>)',
    );
  }
  const queryType = query.queryType as QueryType;
  if (!MEMBER_POST_QUERY_TYPES.includes(queryType)) {
    throw illegalArgument(`Invalid queryType: use one of ${MEMBER_POST_QUERY_TYPES.join(', ')}`);
  }
  const aggregation = query.aggregation;
  if (aggregation !== 'TOTAL' && aggregation !== 'DAILY') {
    throw illegalArgument('Invalid aggregation: use TOTAL or DAILY');
  }
  const urn = decodeURIComponent(entity[2]!);
  const post = state.posts.get(urn);
  if (!post || post.author !== caller.member.personUrn) throw notFound(`Not found: ${urn}`);
  const count = countOf(post, queryType);
  const metricType = { [METRIC_TYPE_KEY]: queryType };
  const entityView = { [entity[1]!]: urn };
  if (aggregation === 'TOTAL') {
    return {
      elements: [{ count, metricType, entity: entityView }],
      paging: { start: 0, count: 1, links: [] },
    };
  }
  const dayMs = 86_400_000;
  const days = Math.max(1, Math.ceil((Date.now() - post.createdAt) / dayMs));
  const elements = Array.from({ length: Math.min(days, 90) }, (_, index) => ({
    count: index === 0 ? count : 0,
    metricType,
    entity: entityView,
    dateRange: {
      start: dateOf(post.createdAt + index * dayMs),
      end: dateOf(post.createdAt + (index + 1) * dayMs),
    },
  }));
  return { elements, paging: { start: 0, count: elements.length, links: [] } };
}
