/**
 * Re-drives the sender's dead-letter queue: every message there is a step the scheduler could not
 * deliver, or the sender failed on through Lambda's retries. Each is handed back to the sender
 * (asynchronously, as the scheduler does) and deleted from the queue once handed over. Re-driving is
 * safe: a step already sent is claimed, and a plan that changed since has a newer revision, so the
 * sender does nothing for those.
 *
 *   npx tsx scripts/redrive-sender-dlq.ts --queue-url <SenderDeadLetterQueueUrl> --function <SenderFunctionName> [--dry-run]
 *
 * Both values are stack outputs. Credentials and region come from the usual AWS environment.
 */
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const { values } = parseArgs({
  options: {
    'queue-url': { type: 'string' },
    function: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const queueUrl = values['queue-url'];
const functionName = values.function;
if (!queueUrl || !functionName) {
  console.error('Usage: redrive-sender-dlq --queue-url <url> --function <sender function name> [--dry-run]');
  process.exit(2);
}

const sqs = new SQSClient({});
const lambda = new LambdaClient({});
let redriven = 0;
let skipped = 0;

for (;;) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: 60,
    }),
  );
  if (Messages.length === 0) break;
  for (const message of Messages) {
    const input = senderInputOf(message.Body ?? '');
    if (!input) {
      skipped += 1;
      console.warn(`Leaving ${message.MessageId}: its body is not a sender input`);
      continue;
    }
    if (values['dry-run']) {
      console.log(`Would re-drive lead ${input.leadId} step ${input.stepIndex} (revision ${input.revision})`);
      continue;
    }
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: JSON.stringify(input),
      }),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    redriven += 1;
  }
  if (values['dry-run']) break;
}
console.log(`Re-driven: ${redriven}; left in the queue: ${skipped}`);

/** The sender's input: the body itself (Lambda's dead letters), or wrapped in a scheduler dead-letter event. */
function senderInputOf(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const candidate = typeof parsed.input === 'string' ? JSON.parse(parsed.input) : parsed;
    return typeof candidate?.leadId === 'string' && typeof candidate?.revision === 'number'
      ? candidate
      : undefined;
  } catch {
    return undefined;
  }
}
