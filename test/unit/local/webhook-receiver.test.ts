import { afterEach, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../lambdas/adapters/webhook-signing';
import type { DomainEvent } from '../../../lambdas/core/domain-events';
import { newWebhookSecret } from '../../../lambdas/core/webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../../../local/webhook-receiver';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
});

const event: DomainEvent = {
  id: 'evt-1',
  type: 'webhook.test',
  occurredAt: '2027-03-01T09:00:00.000Z',
  orgId: 'demo',
  subject: { kind: 'webhook', id: 'wh-1' },
  data: {},
};

describe("the demo's webhook receiver", () => {
  it('prints each verified event once, and refuses what it cannot verify', async () => {
    const verified: string[] = [];
    const refused: string[] = [];
    receiver = await startWebhookReceiver(
      (received, id) => verified.push(`${id} ${received.type}`),
      (reason) => refused.push(reason),
    );
    const secret = newWebhookSecret();
    receiver.secrets.push(secret);
    const body = JSON.stringify(event);
    // Signed now: the receiver checks the timestamp against its own clock, as a real one does.
    const post = (headers: Record<string, string>) =>
      fetch(receiver?.url ?? '', { method: 'POST', headers, body }).then((response) => response.status);

    const first = await post({ ...signedHeaders('msg_1', new Date(), body, [secret]) });
    const again = await post({ ...signedHeaders('msg_1', new Date(), body, [secret]) });
    const forged = await post({ ...signedHeaders('msg_2', new Date(), body, [newWebhookSecret()]) });

    expect([first, again, forged]).toEqual([204, 204, 401]);
    expect(verified).toEqual(['msg_1 webhook.test']);
    expect(refused).toHaveLength(1);
  });
});
