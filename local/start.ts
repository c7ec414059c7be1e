/**
 * `npm start`: runs the whole product on localhost. Flags: `--persist` keeps data under .local/.
 * PORT picks the port (default 3000). Ctrl-C stops every child process.
 */
import { parseArgs } from 'node:util';
import { assertPortFree } from './ports';
import { startLocalStack } from './stack';

const { values } = parseArgs({ options: { persist: { type: 'boolean', default: false } } });
const port = Number(process.env.PORT ?? 3000);

try {
  await assertPortFree(port, 'the local API');
  const stack = await startLocalStack({ port, persistDir: values.persist ? '.local' : undefined });
  console.log(`Follow-up engine running at ${stack.url}
  token:   curl -s -X POST ${stack.url}/_local/token -d '{"orgId":"acme","userId":"alice","role":"admin"}'
  api:     curl -s ${stack.url}/sequences -H "authorization: Bearer $TOKEN"
  openapi: ${stack.url}/openapi.json
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
