/**
 * What the Lambda runtime has set before any of the engine's code loads, for the parts of it the
 * libraries read at import: lambdas/runtime/observability.ts builds Powertools' logger and metrics when it
 * loads, and they read their level, their switch and their namespace from the environment then. The
 * local HTTP server imports it (through the error mapping) long before startLocalStack runs, so
 * setting these there came too late: every local log line was INFO and every stored metric an EMF line
 * under `default_namespace` on the console. local/stack.ts imports this module first, as a bare import
 * (import sorting keeps a bare import in place), so whatever loads the stack gets it before the engine.
 * A value the developer exported wins, but for tracing.
 */

// Warnings and errors only; `POWERTOOLS_LOG_LEVEL=INFO npm start` shows every line.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// No CloudWatch reads EMF lines here. `POWERTOOLS_METRICS_DISABLED=false npm start` prints them, then
// under the engine's namespace and service (lib/monitoring.ts), as in AWS, never default_namespace.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'FollowupEngine';
process.env.POWERTOOLS_SERVICE_NAME ??= 'followup-engine';
// No X-Ray daemon to send segments to, whatever the shell says.
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
