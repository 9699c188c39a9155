// What `pnpm test:n8n` checks after each workflow run: execution statuses, NocoDB rows, the reconnect alert.
import { DAILY_INSIGHTS_ID } from '../n8n/workflows/daily-insights';
import { PUBLISH_CALENDAR_ID } from '../n8n/workflows/publish-calendar';
import { RECONNECT_ALERT_ID } from '../n8n/workflows/reconnect-alert';
import type { N8nClient } from './n8n-client';
import type { NocoData } from './nocodb';
import type { SeededAccount } from './seed';

/** One line of the summary. */
export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const check = (name: string, ok: boolean, detail?: string): Check => ({
  name,
  ok,
  ...(detail ? { detail } : {}),
});
const CALENDAR_PLATFORMS = ['threads', 'linkedin', 'mastodon'];

/**
 * Workflow 2 on two due rows: one for the platforms with one account (published, one permalink line each),
 * one too long for Threads (failed with the server's invalid_input), which fails the execution once recorded.
 */
export async function checkCalendar(
  n8n: N8nClient,
  noco: NocoData,
  tables: Record<string, string>,
  accounts: SeededAccount[],
): Promise<Check[]> {
  const single = CALENDAR_PLATFORMS.filter((p) => accounts.filter((a) => a.platform === p).length === 1);
  const due = new Date(Date.now() - 60_000).toISOString();
  await noco.insert(tables.content_calendar!, {
    title: 'pnpm test:n8n',
    text: 'Scheduled by the content calendar (pnpm test:n8n)',
    platforms: single.join(','),
    publish_at: due,
    status: 'scheduled',
  });
  await noco.insert(tables.content_calendar!, {
    title: 'pnpm test:n8n, too long for Threads',
    text: 'x'.repeat(600),
    platforms: 'threads',
    publish_at: due,
    status: 'scheduled',
  });
  const execution = await n8n.finished(await n8n.run(PUBLISH_CALENDAR_ID, 'Every 5 minutes'));
  const rows = await noco.rows(tables.content_calendar!);
  const published = rows.find((row) => row.title === 'pnpm test:n8n');
  const tooLong = rows.find((row) => row.title !== 'pnpm test:n8n');
  const links = String(published?.permalink ?? '').split('\n');
  return [
    check(
      `workflow 2 row published on ${single.join(', ')}`,
      published?.status === 'published' && links.length === single.length,
      `status ${String(published?.status)}, error ${String(published?.error)}`,
    ),
    check(
      "workflow 2 records LinkedIn's permalink",
      links.some((line) => line.startsWith('linkedin: https://www.linkedin.com/feed/update/urn:li:')),
      links.find((line) => line.startsWith('linkedin')),
    ),
    check(
      'workflow 2 records the failed row, then the execution fails naming it (not green)',
      tooLong?.status === 'failed' &&
        String(tooLong.error).startsWith('threads: invalid_input') &&
        execution.status === 'error' &&
        (execution.error ?? '').includes(`content_calendar row ${String(tooLong.Id)} failed`),
      `row ${String(tooLong?.status)}; execution ${execution.status}: ${execution.error ?? ''}`,
    ),
  ];
}

/**
 * Workflow 1, twice: the run fails (the X account needing a reconnect) after every healthy account's rows
 * were stored, keyed by the vault's account ids; the second run updates instead of adding rows.
 */
export async function checkDailyInsights(
  n8n: N8nClient,
  noco: NocoData,
  tables: Record<string, string>,
  accounts: SeededAccount[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const healthy = accounts.filter((account) => account.healthy);
  const lost = accounts.find((account) => !account.healthy)!;
  const first = await n8n.finished(await n8n.run(DAILY_INSIGHTS_ID, 'Every day at 09:00'));
  checks.push(
    check(
      'workflow 1 execution fails when a call failed (not green)',
      first.status === 'error' && (first.error ?? '').includes(`x ${lost.accountId} `),
      (first.error ?? first.status).split('\n').slice(0, 2).join(' | '),
    ),
  );
  const insights = await noco.rows(tables.insights!);
  const posts = await noco.rows(tables.posts!);
  const key = (row: Record<string, unknown>) => `${String(row.platform)} ${String(row.account_id)}`;
  const expected = healthy.map((account) => `${account.platform} ${account.accountId}`).sort();
  checks.push(
    check(
      `workflow 1 stores one insights row per healthy account (${healthy.length}, both Instagram accounts)`,
      JSON.stringify(insights.map(key).sort()) === JSON.stringify(expected),
      insights.map(key).sort().join(', '),
    ),
  );
  const postAccounts = [...new Set(posts.map(key))].sort();
  checks.push(
    check(
      'workflow 1 stores posts rows for every healthy account, LinkedIn included, none for the failed one',
      JSON.stringify(postAccounts) === JSON.stringify(expected),
      `${posts.length} rows: ${postAccounts.join(', ')}`,
    ),
  );
  const mastodon = healthy.find((account) => account.platform === 'mastodon')!;
  checks.push(
    check(
      "Mastodon rows carry the vault's user@instance id in both tables",
      [...insights, ...posts]
        .filter((row) => row.platform === 'mastodon')
        .every((row) => row.account_id === mastodon.accountId),
      mastodon.accountId,
    ),
  );
  const linkedinPost = posts.find((row) => row.platform === 'linkedin');
  checks.push(
    check(
      'LinkedIn posts rows have the post URN, permalink and text',
      String(linkedinPost?.post_id).startsWith('urn:li:') &&
        String(linkedinPost?.permalink).startsWith('https://www.linkedin.com/feed/update/') &&
        typeof linkedinPost?.text === 'string',
    ),
  );

  const second = await n8n.finished(await n8n.run(DAILY_INSIGHTS_ID, 'Every day at 09:00'));
  const insightsAgain = await noco.rows(tables.insights!);
  const postsAgain = await noco.rows(tables.posts!);
  checks.push(
    check(
      'workflow 1 run again updates the stored rows instead of adding new ones',
      second.status === 'error' &&
        insightsAgain.length === insights.length &&
        postsAgain.length === posts.length,
      `insights ${insights.length}→${insightsAgain.length}, posts ${posts.length}→${postsAgain.length}`,
    ),
  );
  return checks;
}

/** Workflow 4 received the vault's signed reconnect event for the X account whose refresh was refused. */
export async function checkReconnectAlert(n8n: N8nClient, accounts: SeededAccount[]): Promise<Check[]> {
  const lost = accounts.find((account) => !account.healthy)!;
  const deadline = Date.now() + 60_000;
  let message: Record<string, unknown> | undefined;
  let statuses: string[] = [];
  while (!message && Date.now() < deadline) {
    const executions = await n8n.executionsOf(RECONNECT_ALERT_ID);
    statuses = executions.map((execution) => execution.status);
    for (const { id, status } of executions) {
      if (status !== 'success') continue;
      const execution = await n8n.execution(id);
      message = (execution.outputs['Check signature, write message'] ?? []).find(
        (item) => item.platform === 'x' && item.account_id === lost.accountId,
      );
      if (message) break;
    }
    if (!message) await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return [
    check(
      'workflow 4 (active) receives the signed credential.reconnect_required event and names the account',
      message !== undefined,
      message ? String(message.subject) : `executions: ${statuses.join(', ') || 'none'}`,
    ),
  ];
}
