// Workflow 2, "socialvault: publish from the content calendar": due NocoDB rows → publish_post per platform → results.
import {
  code,
  mcpRequest,
  nocodb,
  scheduleTrigger,
  stickyNote,
  WorkflowBuilder,
  type N8nWorkflow,
} from '../nodes';
import {
  buildCallsCode,
  claimDueRowsCode,
  failWhenAPlatformFailedCode,
  PUBLISH_BODY,
  summarizeResultsCode,
} from '../publish-code';

export const PUBLISH_CALENDAR_ID = 'svPublishCalndr1';
export const CLAIM_NODE = 'Claim due rows';
export const CALLS_NODE = 'One call per platform';
export const OUTCOME_NODE = 'Outcome per row';
export const FAIL_NODE = 'Fail when a platform failed';
const STEP = 240;

export function publishCalendarWorkflow(): N8nWorkflow {
  const wf = new WorkflowBuilder(PUBLISH_CALENDAR_ID);
  wf.add(
    stickyNote(
      'About this workflow',
      [-40, -380],
      '## Publish from the content calendar\n' +
        'Every 5 minutes: rows of **content_calendar** with status `scheduled` whose `publish_at` has passed are ' +
        "claimed (status `publishing`), then `publish_post` is called on each chosen platform's MCP server. The row " +
        'ends `published`, `partial` or `failed`, with one line per platform in `permalink` / `error`; a row that is ' +
        'not `published` then fails the execution, so the run shows red.\n\n' +
        'Where the server supports it, `idempotency_key` = `content_calendar-<row Id>-<platform>`, so a retried call ' +
        'never posts twice. Instagram needs `media_url` (a public https JPEG).\n\n' +
        'Needs the credentials **socialvault MCP** and **socialvault NocoDB**.',
      760,
      300,
    ),
  );
  const trigger = wf.add(scheduleTrigger('Every 5 minutes', [0, 0], { minutes: 5 }));
  const scheduled = wf.add(
    nocodb('Scheduled rows', [STEP, 0], 'content_calendar', {
      operation: 'getAll',
      returnAll: true,
      options: { where: '(status,eq,scheduled)' },
    }),
  );
  const claim = wf.add(code(CLAIM_NODE, [STEP * 2, 0], claimDueRowsCode()));
  const mark = wf.add(
    nocodb('Mark publishing', [STEP * 3, 0], 'content_calendar', {
      operation: 'update',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '_calls,_errors',
    }),
  );
  const calls = wf.add(code(CALLS_NODE, [STEP * 4, 0], buildCallsCode(CLAIM_NODE)));
  const publish = wf.add(mcpRequest('publish_post', [STEP * 5, 0], '={{ $json.mcp_url }}', PUBLISH_BODY));
  const summarize = wf.add(code(OUTCOME_NODE, [STEP * 6, 0], summarizeResultsCode(CLAIM_NODE, CALLS_NODE)));
  const record = wf.add(
    nocodb('Record outcome', [STEP * 7, 0], 'content_calendar', {
      operation: 'update',
      dataToSend: 'autoMapInputData',
      inputsToIgnore: '',
    }),
  );
  wf.connect(trigger, scheduled);
  wf.connect(scheduled, claim);
  wf.connect(claim, mark);
  wf.connect(mark, calls);
  wf.connect(calls, publish);
  wf.connect(publish, summarize);
  const fail = wf.add(code(FAIL_NODE, [STEP * 8, 0], failWhenAPlatformFailedCode(OUTCOME_NODE)));
  wf.connect(summarize, record);
  wf.connect(record, fail);
  return wf.build('socialvault: publish from the content calendar', {
    tags: ['socialvault'],
    description:
      'Publishes due content_calendar rows on each chosen platform and records permalink or error.',
  });
}
