import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WhatsAppCredentials, WhatsAppTemplateMessage } from '../../lambdas/adapters/whatsapp-sender';
import { type SinchStub, startSinchStub } from '../../local/sinch-stub';

interface FreshAdapter {
  sendWhatsAppTemplate: typeof import('../../lambdas/adapters/whatsapp-sender').sendWhatsAppTemplate;
  errors: typeof import('../../lambdas/adapters/provider-errors');
}

const KEY = { keyId: 'key-1', keySecret: 'secret-must-not-leak' };

/** Each test gets its own project so the adapter's client cache and the stub's records do not mix. */
function credentialsFor(projectId: string): WhatsAppCredentials {
  return { projectId, ...KEY, appId: `app-of-${projectId}`, region: 'eu' };
}

const template: WhatsAppTemplateMessage = {
  to: '+4915112345678',
  templateName: 'follow_up_gentle',
  languageCode: 'en_US',
  bodyParameters: ['Ana', 'Acme GmbH'],
};

/**
 * The adapter pointed at `origin`, as the sender's entry file points it at SINCH_*_HOSTNAME; the error
 * classes come from the same fresh module graph, or `instanceof` would compare strangers.
 */
async function importAdapterWithHosts(origin: string): Promise<FreshAdapter> {
  vi.resetModules();
  const adapter = await import('../../lambdas/adapters/whatsapp-sender');
  const hosts = { authHostname: origin, conversationHostname: origin };
  return {
    sendWhatsAppTemplate: (credentials, message) => adapter.sendWhatsAppTemplate(credentials, message, hosts),
    errors: await import('../../lambdas/adapters/provider-errors'),
  };
}

async function failureOf(send: Promise<unknown>): Promise<unknown> {
  return send.then(
    () => expect.fail('the send should have failed'),
    (error: unknown) => error,
  );
}

async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('Sinch stub driven by @sinch/sdk-core through the WhatsApp adapter', () => {
  let stub: SinchStub;
  let sendWhatsAppTemplate: FreshAdapter['sendWhatsAppTemplate'];
  let errors: FreshAdapter['errors'];

  beforeAll(async () => {
    stub = await startSinchStub({ credentials: KEY });
    ({ sendWhatsAppTemplate, errors } = await importAdapterWithHosts(stub.endpoint));
  });

  afterAll(async () => {
    await stub.stop();
  });

  it('records the template, recipient and positional body parameters the SDK sent', async () => {
    // Prepare
    const credentials = credentialsFor('project-records');

    // Act
    const result = await sendWhatsAppTemplate(credentials, template);

    // Assess
    const recorded = stub.sent().filter((message) => message.projectId === 'project-records');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      projectId: 'project-records',
      appId: 'app-of-project-records',
      channel: 'WHATSAPP',
      recipientIdentity: '+4915112345678',
      templateId: 'follow_up_gentle',
      languageCode: 'en_US',
      parameters: { 'body[1]text': 'Ana', 'body[2]text': 'Acme GmbH' },
      messageId: result.providerMessageId,
    });
    expect(result.providerMessageId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(recorded[0]?.at).toBeInstanceOf(Date);
  });

  it('reuses one client and its token for repeated sends with the same credentials', async () => {
    // Prepare
    const credentials = credentialsFor('project-warm');
    const tokensBefore = stub.tokensIssued();

    // Act
    const first = await sendWhatsAppTemplate(credentials, template);
    const second = await sendWhatsAppTemplate(credentials, { ...template, bodyParameters: ['Ben'] });

    // Assess
    expect(stub.tokensIssued() - tokensBefore).toBe(1);
    expect(first.providerMessageId).not.toBe(second.providerMessageId);
    const recorded = stub.sent().filter((message) => message.projectId === 'project-warm');
    expect(recorded.map((message) => message.parameters)).toEqual([
      { 'body[1]text': 'Ana', 'body[2]text': 'Acme GmbH' },
      { 'body[1]text': 'Ben' },
    ]);
  });

  it('throws ProviderTransientError on a 503 and succeeds when sent again', async () => {
    // Prepare
    const credentials = credentialsFor('project-503');
    stub.failNext(503);

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentials, template));
    const retried = await sendWhatsAppTemplate(credentials, template);

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderTransientError);
    expect(failure).toMatchObject({
      provider: 'sinch',
      statusCode: 503,
      providerCode: 'UNAVAILABLE',
      retryable: true,
    });
    const recorded = stub.sent().filter((message) => message.projectId === 'project-503');
    expect(recorded.map((message) => message.messageId)).toEqual([retried.providerMessageId]);
  });

  it('throws ProviderTransientError on 429 throttling', async () => {
    // Prepare
    stub.failNext(429);

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentialsFor('project-429'), template));

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderTransientError);
    expect(failure).toMatchObject({ statusCode: 429, providerCode: 'RESOURCE_EXHAUSTED' });
  });

  it('throws ProviderRejectedError on a 400 and records nothing', async () => {
    // Prepare
    const credentials = credentialsFor('project-400');
    stub.failNext(400);

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentials, template));

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderRejectedError);
    expect(failure).toMatchObject({
      provider: 'sinch',
      statusCode: 400,
      providerCode: 'INVALID_ARGUMENT',
      retryable: false,
    });
    expect(stub.sent().filter((message) => message.projectId === 'project-400')).toEqual([]);
  });

  it('rejects wrong key credentials without putting the secret in the error', async () => {
    // Prepare
    const credentials = { ...credentialsFor('project-bad-key'), keySecret: 'wrong-secret-value' };

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentials, template));

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderRejectedError);
    expect(failure).toMatchObject({ statusCode: 401 });
    const everythingLogged = inspect(failure, { depth: null });
    expect(everythingLogged).toContain('401');
    expect(everythingLogged).not.toContain('wrong-secret-value');
    expect(everythingLogged).not.toContain(Buffer.from('key-1:wrong-secret-value').toString('base64'));
  });

  it('rejects incomplete credentials before calling Sinch', async () => {
    // Prepare
    const tokensBefore = stub.tokensIssued();
    const credentials = { ...credentialsFor('project-incomplete'), keySecret: '' };

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentials, template));

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderRejectedError);
    expect(String(failure)).toContain('missing keySecret');
    expect(stub.tokensIssued()).toBe(tokensBefore);
  });

  it('refuses failNext statuses that are not HTTP errors', () => {
    // Prepare
    const invalidStatus = 200;

    // Act
    const act = () => stub.failNext(invalidStatus);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('WhatsApp adapter when Sinch cannot be reached', () => {
  it('throws ProviderTransientError without a status', async () => {
    // Prepare
    const { sendWhatsAppTemplate, errors } = await importAdapterWithHosts(await closedPortOrigin());

    // Act
    const failure = await failureOf(sendWhatsAppTemplate(credentialsFor('project-offline'), template));

    // Assess
    expect(failure).toBeInstanceOf(errors.ProviderTransientError);
    expect(failure).toMatchObject({ provider: 'sinch', statusCode: undefined });
  });
});
