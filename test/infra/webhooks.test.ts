/**
 * Webhooks in the synthesized stack: the delivery queue and its dead-letter queue, the worker consuming
 * it with partial batch failures, and the exact permissions of the worker and of the webhooks API (no
 * other function touches webhook secrets).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET_WRITE_ACTIONS } from '../../lib/webhooks';
import {
  allStatements,
  asList,
  environmentOf,
  getAtt,
  logicalIdOf,
  once,
  type PolicyStatement,
  partitionArn,
  perResource,
  removeOutdirs,
  resourceById,
  resources,
  roleIdOf,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const synthesized = once(() => {
  const { stack, template } = synthesize();
  return {
    template,
    ids: {
      queue: logicalIdOf(stack.webhooks.queue),
      deadLetters: logicalIdOf(stack.webhooks.deadLetters),
      worker: logicalIdOf(stack.webhooks.worker),
      api: logicalIdOf(stack.httpApi.functions.webhooks),
    },
  };
});

const secretsArn = partitionArn('secretsmanager:eu-west-1:111111111111:secret:followup/Followup/webhooks/*');

/** A function's statements apart from logs, traces and the table (stack.test.ts checks those). */
function permissionsOf(functionLogicalId: string): PolicyStatement[] {
  const { template } = synthesized();
  return perResource(
    statementsOfRole(template, roleIdOf(template, functionLogicalId)).filter(
      (statement) => !asList(statement.Action).some((action) => /^(logs|xray|dynamodb):/.test(action)),
    ),
  );
}

describe('webhook delivery in the stack', () => {
  it('queues deliveries with a dead-letter queue after 5 failed receives', () => {
    const { template, ids } = synthesized();
    const queue = resourceById(template, ids.queue);
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: getAtt(ids.deadLetters), maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
    const [mapping] = resources(template, 'AWS::Lambda::EventSourceMapping').filter(
      ([, resource]) =>
        JSON.stringify(resource.Properties?.EventSourceArn) === JSON.stringify(getAtt(ids.queue)),
    );
    expect(mapping?.[1].Properties).toMatchObject({
      FunctionName: { Ref: ids.worker },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('lets the worker read secrets, queue its retries and dead-letter, nothing more', () => {
    const { ids, template } = synthesized();
    expect(permissionsOf(ids.worker)).toEqual(
      perResource([
        // Consuming its queue (the event source mapping's grant), and sending its own retries to it.
        {
          Effect: 'Allow',
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
            'sqs:SendMessage',
          ],
          Resource: getAtt(ids.queue),
        },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.deadLetters) },
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretsArn },
      ]),
    );
    expect(environmentOf(template, ids.worker)).toMatchObject({
      WEBHOOK_QUEUE_URL: { Ref: ids.queue },
      WEBHOOK_DLQ_URL: { Ref: ids.deadLetters },
      WEBHOOK_SECRET_PREFIX: 'followup/Followup/webhooks/',
      WEBHOOK_ALLOW_LOOPBACK_HTTP: 'false',
    });
  });

  it('lets the webhooks API manage secrets and queue deliveries, never dead-letter', () => {
    const { ids } = synthesized();
    expect(permissionsOf(ids.api)).toEqual(
      perResource([
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(ids.queue) },
        { Effect: 'Allow', Action: WEBHOOK_SECRET_WRITE_ACTIONS, Resource: secretsArn },
      ]),
    );
  });

  it('gives no other function the webhook secrets', () => {
    const { template, ids } = synthesized();
    const roles = [roleIdOf(template, ids.worker), roleIdOf(template, ids.api)];
    const others = resources(template, 'AWS::IAM::Policy').filter(
      ([, policy]) =>
        !asList(policy.Properties?.Roles as unknown[]).some((role) =>
          roles.includes((role as { Ref: string }).Ref),
        ) && JSON.stringify(policy.Properties).includes('webhooks/*'),
    );
    expect(others).toEqual([]);
    expect(allStatements(template).length).toBeGreaterThan(0);
  });
});
