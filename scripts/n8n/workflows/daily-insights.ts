// Workflow 1, "socialvault: daily insights": every morning, each MCP server's numbers into NocoDB (upserted).
import { FIND_EXISTING_WHERE, insightsRowsCode, pairWithExistingCode, postsRowsCode } from '../code';
import {
  code,
  ifFieldExists,
  mcpRequest,
  nocodb,
  scheduleTrigger,
  stickyNote,
  WorkflowBuilder,
  type N8nWorkflow,
} from '../nodes';
import { MCP_TARGETS, mcpUrl, type McpTarget } from '../platforms';

export const DAILY_INSIGHTS_ID = 'svDailyInsights1';
const STEP = 240;

/**
 * One chain per (server, call): HTTP Request in the seed's plain form → Code (answer → rows) → NocoDB
 * "find existing" (by row_key) → Code (pair) → IF has Id → NocoDB update / create. Chains are independent,
 * so a platform that is not connected (not_found) or fails leaves the others alone.
 */
function addChain(
  wf: WorkflowBuilder,
  trigger: string,
  target: McpTarget,
  kind: 'insights' | 'posts',
  y: number,
): void {
  const call = kind === 'insights' ? target.insights : target.posts;
  const table = kind;
  const prefix = `${target.label} ${kind === 'insights' ? 'account' : 'posts'}`;
  const request = wf.add(
    mcpRequest(
      `${prefix}: ${call.tool}`,
      [STEP, y],
      mcpUrl(target),
      JSON.stringify({ method: call.tool, params: call.params }),
    ),
  );
  const rows = wf.add(
    code(
      `${prefix}: to ${table} rows`,
      [STEP * 2, y],
      kind === 'insights'
        ? insightsRowsCode(target.platform, call.tool === 'get_account')
        : postsRowsCode(target.platform),
    ),
  );
  const find = wf.add(
    nocodb(
      `${prefix}: find stored`,
      [STEP * 3, y],
      table,
      {
        operation: 'getAll',
        returnAll: true,
        options: { where: FIND_EXISTING_WHERE, fields: ['Id', 'row_key'] },
      },
      { executeOnce: true, alwaysOutputData: true },
    ),
  );
  const pair = wf.add(code(`${prefix}: pair with stored`, [STEP * 4, y], pairWithExistingCode(rows)));
  const exists = wf.add(ifFieldExists(`${prefix}: stored?`, [STEP * 5, y], 'Id'));
  const update = wf.add(
    nocodb(`${prefix}: update`, [STEP * 6, y - 80], table, {
      operation: 'update',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '',
    }),
  );
  const create = wf.add(
    nocodb(`${prefix}: create`, [STEP * 6, y + 80], table, {
      operation: 'create',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '',
    }),
  );
  wf.connect(trigger, request);
  wf.connect(request, rows);
  wf.connect(rows, find);
  wf.connect(find, pair);
  wf.connect(pair, exists);
  wf.connect(exists, update, 0);
  wf.connect(exists, create, 1);
}

export function dailyInsightsWorkflow(): N8nWorkflow {
  const wf = new WorkflowBuilder(DAILY_INSIGHTS_ID);
  wf.add(
    stickyNote(
      'About this workflow',
      [-40, -420],
      '## Daily insights → NocoDB\n' +
        'Every day at 09:00 each MCP server is asked, in the plain form `{"method","params"}`, for account numbers ' +
        '(`get_account_insights`, or `get_account` for follower counts) and recent posts. n8n never sees a token: ' +
        'each server fetches its own from the vault.\n\n' +
        'Rows are **upserted** on `row_key` (`platform:account:date` in **insights**, `platform:post_id` in **posts**). ' +
        'A platform with no connected account answers `not_found` and is skipped; disable its nodes if you never use it.\n\n' +
        'Needs the credentials **socialvault MCP** (HTTP Bearer Auth: `MCP_AUTH_TOKEN`) and **socialvault NocoDB** ' +
        '(NocoDB API token). Import the copy `pnpm nocodb:bootstrap` wrote to `n8n/build/` (NocoDB ids filled in).',
      760,
      340,
    ),
  );
  const trigger = wf.add(scheduleTrigger('Every day at 09:00', [0, 0], { hour: 9 }));
  let y = 0;
  for (const target of MCP_TARGETS) {
    addChain(wf, trigger, target, 'insights', y);
    addChain(wf, trigger, target, 'posts', y + 260);
    y += 520;
  }
  return wf.build('socialvault: daily insights', {
    tags: ['socialvault'],
    description:
      'Every MCP server’s account insights and recent posts into the NocoDB insights and posts tables.',
  });
}
