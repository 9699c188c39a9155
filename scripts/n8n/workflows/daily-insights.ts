// Workflow 1, "socialvault: daily insights": every morning, each connected account's numbers into NocoDB (upserted).
import { FIND_EXISTING_WHERE, lookupBatchesCode, pairWithExistingCode } from '../code';
import {
  accountCallsCode,
  CALL_BODY,
  failWhenACallFailedCode,
  insightsRowsCode,
  postsRowsCode,
} from '../insights-code';
import {
  code,
  ifFieldExists,
  mcpRequest,
  nocodb,
  scheduleTrigger,
  stickyNote,
  vaultRequest,
  WorkflowBuilder,
  type N8nWorkflow,
} from '../nodes';
import { VAULT_CREDENTIALS_URL } from '../platforms';

export const DAILY_INSIGHTS_ID = 'svDailyInsights1';
export const ACCOUNTS_NODE = 'Connected accounts';
export const CALLS_NODE = 'One call per account';
export const ASK_NODE = 'Ask the MCP server';
export const FAIL_NODE = 'Fail when a call failed';
const STEP = 240;

/**
 * The upsert of one table, below the MCP answers: Code (answers → rows) → Code (row keys in batches) → NocoDB
 * "find stored" per batch → Code (pair) → IF has Id → NocoDB update / create.
 */
function addUpsert(wf: WorkflowBuilder, from: string, table: 'insights' | 'posts', y: number): void {
  const rows = wf.add(
    code(
      `${table}: to rows`,
      [STEP * 4, y],
      table === 'insights' ? insightsRowsCode(CALLS_NODE) : postsRowsCode(CALLS_NODE),
    ),
  );
  const batches = wf.add(code(`${table}: lookups`, [STEP * 5, y], lookupBatchesCode()));
  const find = wf.add(
    nocodb(
      `${table}: find stored`,
      [STEP * 6, y],
      table,
      {
        operation: 'getAll',
        returnAll: true,
        options: { where: FIND_EXISTING_WHERE, fields: ['Id', 'row_key'] },
      },
      { alwaysOutputData: true },
    ),
  );
  const pair = wf.add(code(`${table}: pair with stored`, [STEP * 7, y], pairWithExistingCode(rows)));
  const exists = wf.add(ifFieldExists(`${table}: stored?`, [STEP * 8, y], 'Id'));
  const update = wf.add(
    nocodb(`${table}: update`, [STEP * 9, y - 80], table, {
      operation: 'update',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '',
    }),
  );
  const create = wf.add(
    nocodb(`${table}: create`, [STEP * 9, y + 80], table, {
      operation: 'create',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '',
    }),
  );
  wf.connect(from, rows);
  wf.connect(rows, batches);
  wf.connect(batches, find);
  wf.connect(find, pair);
  wf.connect(pair, exists);
  wf.connect(exists, update, 0);
  wf.connect(exists, create, 1);
}

/**
 * Trigger → the vault's list of connected accounts → one call per (account, kind) → the MCP servers. Their
 * answers feed the insights upsert, then the posts upsert, then a check that fails the execution when any
 * call failed: n8n runs the branches of one output top to bottom (executionOrder v1), so every account that
 * answered is stored before the run is marked failed.
 */
export function dailyInsightsWorkflow(): N8nWorkflow {
  const wf = new WorkflowBuilder(DAILY_INSIGHTS_ID);
  wf.add(
    stickyNote(
      'About this workflow',
      [-40, -420],
      '## Daily insights → NocoDB\n' +
        'Every day at 09:00 the vault lists the connected accounts (`GET /api/credentials`, metadata only); each ' +
        'account is asked, through its MCP server in the plain form `{"method","params"}` with its `account_id`, ' +
        'for account numbers (`get_account_insights`, or `get_account` for follower counts) and recent posts. ' +
        'n8n never sees a platform token.\n\n' +
        'Rows are **upserted** on `row_key` (`platform:account_id:date` in **insights**, ' +
        '`platform:account_id:post_id` in **posts**). A call that fails (`reconnect_required`, `rate_limited`, a ' +
        'server down) makes no row; once the others are stored, **Fail when a call failed** fails the execution, ' +
        'naming each failed call.\n\n' +
        'Needs the credentials **socialvault vault** (Bearer: `N8N_VAULT_TOKEN`), **socialvault MCP** (Bearer: ' +
        '`MCP_AUTH_TOKEN`) and **socialvault NocoDB** (NocoDB API token). Import the copy `pnpm nocodb:bootstrap` ' +
        'wrote to `n8n/build/` (NocoDB ids filled in).',
      760,
      380,
    ),
  );
  const trigger = wf.add(scheduleTrigger('Every day at 09:00', [0, 0], { hour: 9 }));
  const accounts = wf.add(vaultRequest(ACCOUNTS_NODE, [STEP, 0], VAULT_CREDENTIALS_URL));
  const calls = wf.add(code(CALLS_NODE, [STEP * 2, 0], accountCallsCode()));
  const ask = wf.add(mcpRequest(ASK_NODE, [STEP * 3, 0], '={{ $json.mcp_url }}', CALL_BODY));
  wf.connect(trigger, accounts);
  wf.connect(accounts, calls);
  wf.connect(calls, ask);
  // Canvas order is run order: insights (top), posts, then the failure check (bottom).
  addUpsert(wf, ask, 'insights', 0);
  addUpsert(wf, ask, 'posts', 260);
  const fail = wf.add(code(FAIL_NODE, [STEP * 4, 520], failWhenACallFailedCode(CALLS_NODE)));
  wf.connect(ask, fail);
  return wf.build('socialvault: daily insights', {
    tags: ['socialvault'],
    description:
      'Every connected account’s insights and recent posts into the NocoDB insights and posts tables; fails when a call fails.',
  });
}
