// Prometheus metrics of one MCP server (tool calls, their latency, platform API errors), served on GET /metrics.
import { Counter, Histogram, Registry } from 'prom-client';
import type { AppError } from '@socialvault/common';

/** Buckets of `mcp_tool_call_duration_seconds`: a read is a few ms to a second, a publish up to a minute. */
const TOOL_CALL_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The AppError came from a platform API answer or from reaching it: the platform clients put the
 * answer's `http_status` (or a `network_code`) in `details`; the vault client and argument checks do not.
 */
function platformStatusOf(error: AppError): string | undefined {
  const httpStatus = error.details?.http_status;
  if (typeof httpStatus === 'number' && Number.isInteger(httpStatus)) return String(httpStatus);
  if (typeof error.details?.network_code === 'string') return 'network';
  return undefined;
}

/**
 * One server's metrics on its own registry, every series labelled with the server's `platform`.
 * Labels hold only bounded, non-secret values: the tool name (one of the server's tools), the outcome
 * (`ok` or an error code) and the platform's HTTP status. Never an account id, an argument or a token.
 */
export class McpMetrics {
  readonly registry = new Registry();
  readonly toolCalls = new Counter({
    name: 'mcp_tool_calls_total',
    help: 'Tool calls by tool and outcome (ok or the error code), over every transport',
    labelNames: ['tool', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly toolCallDuration = new Histogram({
    name: 'mcp_tool_call_duration_seconds',
    help: 'Tool call duration from validation to result, by tool and outcome',
    labelNames: ['tool', 'outcome'] as const,
    buckets: TOOL_CALL_BUCKETS_S,
    registers: [this.registry],
  });
  readonly platformErrors = new Counter({
    name: 'mcp_platform_api_errors_total',
    help: 'Failed platform API calls that ended a tool call, by error code and the platform HTTP status (network: no answer)',
    labelNames: ['code', 'http_status'] as const,
    registers: [this.registry],
  });

  constructor(platform: string) {
    this.registry.setDefaultLabels({ platform });
  }

  /** Records one finished tool call: `error` is absent on success. */
  recordToolCall(tool: string, durationS: number, error?: AppError): void {
    const outcome = error ? error.code : 'ok';
    this.toolCalls.inc({ tool, outcome });
    this.toolCallDuration.observe({ tool, outcome }, durationS);
    const httpStatus = error ? platformStatusOf(error) : undefined;
    if (error && httpStatus) this.platformErrors.inc({ code: error.code, http_status: httpStatus });
  }
}
