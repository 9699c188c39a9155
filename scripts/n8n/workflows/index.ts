// The four workflows of issue 9, by file name under n8n/workflows/.
import type { N8nWorkflow } from '../nodes';
import { agentWorkflow } from './agent';
import { dailyInsightsWorkflow } from './daily-insights';
import { publishCalendarWorkflow } from './publish-calendar';
import { reconnectAlertWorkflow } from './reconnect-alert';

/** File name → workflow, in the order of issue 9. */
export function allWorkflows(): Record<string, N8nWorkflow> {
  return {
    '1-daily-insights.json': dailyInsightsWorkflow(),
    '2-publish-calendar.json': publishCalendarWorkflow(),
    '3-agent.json': agentWorkflow(),
    '4-reconnect-alert.json': reconnectAlertWorkflow(),
  };
}
