/**
 * `npm start`: runs the whole product on localhost. Flags: `--persist` keeps data under .local/;
 * `--day-seconds N` runs local time fast (N real seconds make one local day); `--now <ISO instant>`
 * starts local time there instead of at the real time (a kept clock that is later wins); `--json-logs` prints
 * the engine's logs as the JSON lines Lambda writes instead of one readable line per event. PORT picks the port
 * (default 3000), SES_PORT the SES emulator's web UI port (default: a free one). Ctrl-C stops every
 * child process.
 */
// First: refuse an unsupported Node before any engine module loads (ES imports evaluate in order).
import './supported-node';
import { parseArgs } from 'node:util';
import { assertPortFree } from './ports';
import { startLocalStack } from './stack';

const { values } = parseArgs({
  options: {
    persist: { type: 'boolean', default: false },
    'day-seconds': { type: 'string' },
    now: { type: 'string' },
    'json-logs': { type: 'boolean', default: false },
  },
});
const port = Number(process.env.PORT ?? 3000);
const daySeconds = values['day-seconds'] === undefined ? undefined : Number(values['day-seconds']);

try {
  const now = values.now === undefined ? undefined : parseStartInstant(values.now);
  if (daySeconds !== undefined && !(daySeconds > 0)) {
    throw new Error(`--day-seconds needs a positive number of seconds, got ${values['day-seconds']}`);
  }
  await assertPortFree(port, 'the local API');
  const sesPort = process.env.SES_PORT === undefined ? undefined : Number(process.env.SES_PORT);
  const stack = await startLocalStack({
    port,
    persistDir: values.persist ? '.local' : undefined,
    daySeconds,
    sesPort,
    now,
    logs: values['json-logs'] ? 'json' : 'readable',
  });
  const sesWebUi = stack.engine.ses.endpoint;
  console.log(`Follow-up engine running at ${stack.url}
  token:   curl -s -X POST ${stack.url}/_local/token -d '{"orgId":"acme","userId":"alice","role":"admin"}'
  api:     curl -s ${stack.url}/sequences -H "authorization: Bearer $TOKEN"
  openapi: ${stack.url}/openapi.json
  clock:   curl -s ${stack.url}/_local/clock   (move it: curl -s -X POST ${stack.url}/_local/clock/advance -d '{"days":3}')
  outbox:  curl -s "${stack.url}/_local/outbox?orgId=demo"  (oldest first; at: local clock, acceptedAt: real time, as the SES web UI ${sesWebUi} shows, newest first)
  demo:    ${port === 3000 ? '' : `PORT=${port} `}npm run demo   (creates an assistant, sequences and leads in org "demo")
Local time ${daySeconds === undefined ? 'runs at real speed' : `runs fast: ${daySeconds} s per day`}, now ${stack.clock.now().toISOString()}.
Data is ${values.persist ? 'kept under .local/' : 'in memory (use --persist to keep it)'}. Ctrl-C stops.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/** An instant with its offset: local time must not depend on the zone of the machine that reads it. */
function parseStartInstant(text: string): Date {
  const instant = new Date(text);
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(text) || Number.isNaN(instant.getTime())) {
    throw new Error(
      `--now needs an ISO 8601 instant with Z or an offset, e.g. 2027-03-01T09:00:00Z; got ${text}`,
    );
  }
  return instant;
}
