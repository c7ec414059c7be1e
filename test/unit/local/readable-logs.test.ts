/**
 * `npm start` prints the engine's logs as one readable line per event (level, function, message, ids);
 * the Lambdas and `--json-logs` keep Powertools' JSON records.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { logger } from '../../../lambdas/runtime/observability';
import { runAsFunction } from '../../../local/lambda-scope';
import { formatLogLine, useReadableLogs } from '../../../local/readable-logs';

const record = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 'WARN',
    message: 'Provider failed transiently; the step is tried again later',
    timestamp: '2027-03-01T09:00:00.000Z',
    service: 'followup-engine',
    cold_start: true,
    function_name: 'sender',
    function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    sampling_rate: 0,
    xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    ...fields,
  });

describe('formatLogLine', () => {
  it('prints level, function, message and the ids first, without Powertools’ envelope', () => {
    const line = formatLogLine(record({ step: 1, leadId: 'lead-1', orgId: 'acme', channel: 'email' }));

    expect(line).toBe(
      'WARN   sender  Provider failed transiently; the step is tried again later  orgId=acme  leadId=lead-1  step=1  channel=email',
    );
  });

  it('names the function from the local scope when the record has none, and quotes what has spaces', () => {
    const line = formatLogLine(
      record({ function_name: undefined, level: 'INFO', message: 'Step skipped', reason: 'lead replied' }),
      'sender',
    );

    expect(line).toBe('INFO   sender  Step skipped  reason="lead replied"');
  });

  it('prints a logged error as name, message and place, on the same line', () => {
    const line = formatLogLine(
      record({
        level: 'ERROR',
        message: 'Import row failed',
        row: 3,
        error: {
          name: 'TypeError',
          message: 'x is undefined',
          location: 'lambdas/engine/import-work.ts:200',
          stack: 'TypeError: …',
        },
      }),
    );

    expect(line).toBe(
      'ERROR  sender  Import row failed  row=3  error="TypeError: x is undefined (lambdas/engine/import-work.ts:200)"',
    );
    expect(line).not.toContain('\n');
  });

  it.each(['plain text', '{"not":"a log record"}', '[1,2]', '42', 'null'])('leaves %s alone', (text) => {
    expect(formatLogLine(text)).toBeUndefined();
  });
});

describe('useReadableLogs', () => {
  // The tests run the logger SILENT (vitest.config.ts): this case needs its WARN and ERROR lines.
  const original = (logger as unknown as { console: unknown }).console;
  const level = logger.getLevelName();
  afterEach(() => {
    (logger as unknown as { console: unknown }).console = original;
    logger.setLogLevel(level);
  });

  it('turns the engine logger’s records into lines: warnings and errors on stderr, the rest on stdout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    logger.setLogLevel('INFO');
    useReadableLogs({ out: (line) => out.push(line), err: (line) => err.push(line) });

    await runAsFunction('sesEvents', async () => {
      logger.info('A/B variant promoted', { sequenceId: 'seq-1' });
      logger.warn('Sending paused for its reputation', { orgId: 'acme', assistantId: 'asst-1' });
      logger.error('The send failed', { leadId: 'lead-9', orgId: 'acme' });
    });

    expect(out).toEqual(['INFO   sesEvents  A/B variant promoted  sequenceId=seq-1']);
    expect(err).toEqual([
      'WARN   sesEvents  Sending paused for its reputation  orgId=acme  assistantId=asst-1',
      'ERROR  sesEvents  The send failed  orgId=acme  leadId=lead-9',
    ]);
  });
});
