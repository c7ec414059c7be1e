/**
 * `npm start`'s console, for a person: the engine's Powertools log records (one JSON object each, as
 * CloudWatch wants them) printed as one readable line per event, with its level, the function that
 * logged it, the message and the ids worth searching for:
 *
 *     WARN  sender  Provider failed transiently; the step is tried again later  orgId=demo leadId=01J… step=1
 *
 * Only the local stack does this, and only when asked (local/start.ts unless `--json-logs`): the Lambdas
 * and the tests keep the JSON lines. Powertools always JSON-stringifies a record and hands the string to
 * its own console (a formatter can only choose the record's keys), so the local stack swaps that console
 * for one that reads each string back and prints the line. Anything that is not a log record passes
 * through untouched.
 */
import { logger } from '../lambdas/runtime/observability';
import { currentFunction } from './lambda-scope';

/** The record's keys Powertools adds to every line: noise on a laptop (the level and name are shown). */
const ENVELOPE_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'xray_trace_id',
  'sampling_rate',
]);

/** The ids shown first, in this order, when a record has them: what a developer greps the console for. */
const KEY_IDS = ['orgId', 'leadId', 'userId', 'assistantId', 'sequenceId', 'importId', 'route', 'requestId'];

/**
 * One readable line for a Powertools JSON record, or undefined when `text` is not one. `fallbackFunction`
 * names the function when the record does not (entry points without Powertools' Lambda context).
 */
export function formatLogLine(text: string, fallbackFunction?: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  if (typeof fields.level !== 'string' || !('message' in fields) || !('timestamp' in fields))
    return undefined;
  const functionName =
    typeof fields.function_name === 'string' ? fields.function_name : (fallbackFunction ?? '-');
  const rest = Object.keys(fields).filter((key) => !ENVELOPE_KEYS.has(key));
  const ordered = [
    ...KEY_IDS.filter((key) => rest.includes(key)),
    ...rest.filter((key) => !KEY_IDS.includes(key)),
  ];
  const pairs = ordered.map((key) => `${key}=${valueText(fields[key])}`);
  return [fields.level.padEnd(5), functionName, String(fields.message), ...pairs].join('  ');
}

/** Strings bare unless they hold spaces; errors as `Name: message (file:line)`; the rest as compact JSON. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  if (isLoggedError(value)) {
    const where = typeof value.location === 'string' && value.location !== '' ? ` (${value.location})` : '';
    return JSON.stringify(`${value.name}: ${value.message}${where}`);
  }
  return JSON.stringify(value) ?? String(value);
}

/** Powertools logs an Error as `{name, location, message, stack}`. */
function isLoggedError(value: unknown): value is { name: string; message: string; location?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    'message' in value &&
    'stack' in value &&
    typeof value.name === 'string' &&
    typeof value.message === 'string'
  );
}

/** Where the readable lines go: the process's stdout and stderr, as Powertools' own console writes. */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const PROCESS_SINK: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * From now on the engine's logger prints readable lines (WARN and ERROR on stderr, the rest on stdout,
 * as before). Call it once the Lambda environment is set (local/lambda-environment.ts).
 */
export function useReadableLogs(sink: LogSink = PROCESS_SINK): void {
  const print =
    (write: (line: string) => void) =>
    (message?: unknown, ...rest: unknown[]) => {
      const text = [message, ...rest]
        .map((part) => (typeof part === 'string' ? part : String(part)))
        .join(' ');
      write(formatLogLine(text, currentFunction()) ?? text);
    };
  const out = print(sink.out);
  const err = print(sink.err);
  // Powertools keeps its console in a field it calls with debug/info/log/warn/error (and trace, which it
  // patches to log); nothing else is used.
  (logger as unknown as { console: Partial<Console> }).console = {
    debug: out,
    info: out,
    log: out,
    trace: out,
    warn: err,
    error: err,
  };
}
