import { createServer } from 'node:net';
import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifySesFailure,
  messageIdHeader,
  type OutgoingEmail,
  sendEmail,
} from '../../lambdas/adapters/email-sender';
import { ProviderRejectedError, ProviderTransientError } from '../../lambdas/adapters/provider-errors';
import { type SesLocal, startSesLocal } from '../../local/ses-local';

const FAKE_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const followUp: OutgoingEmail = {
  from: 'Ava Assistant <ava@seller.example>',
  to: ['lead@buyer.example'],
  cc: ['colleague@buyer.example'],
  subject: 'Re: Our call on Tuesday',
  html: '<p>Hi Lena, just checking in.</p>',
  text: 'Hi Lena, just checking in.',
  headers: [
    { name: 'In-Reply-To', value: '<first@eu-west-1.amazonses.com>' },
    { name: 'References', value: '<first@eu-west-1.amazonses.com>' },
    { name: 'List-Unsubscribe', value: '<https://app.example/unsubscribe/abc>' },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ],
};

async function failureOf(send: Promise<unknown>): Promise<unknown> {
  return send.then(
    () => expect.fail('the send should have failed'),
    (error: unknown) => error,
  );
}

describe('sendEmail through a real SESv2Client into aws-ses-v2-local', () => {
  let ses: SesLocal;
  let client: SESv2Client;

  beforeAll(async () => {
    ses = await startSesLocal();
    client = new SESv2Client({ region: 'eu-west-1', endpoint: ses.endpoint, credentials: FAKE_CREDENTIALS });
  });

  afterAll(async () => {
    client.destroy();
    await ses.stop();
  });

  it('delivers subject, recipients, both bodies and the threading headers to the store', async () => {
    // Prepare
    const email = followUp;

    // Act
    const { providerMessageId } = await sendEmail(client, email);

    // Assess
    const stored = (await ses.store()).emails.find((candidate) => candidate.messageId === providerMessageId);
    expect(stored).toMatchObject({
      from: 'Ava Assistant <ava@seller.example>',
      subject: 'Re: Our call on Tuesday',
      destination: { to: ['lead@buyer.example'], cc: ['colleague@buyer.example'], bcc: [] },
      body: { html: '<p>Hi Lena, just checking in.</p>', text: 'Hi Lena, just checking in.' },
      headers: [
        { name: 'In-Reply-To', value: '<first@eu-west-1.amazonses.com>' },
        { name: 'References', value: '<first@eu-west-1.amazonses.com>' },
        { name: 'List-Unsubscribe', value: '<https://app.example/unsubscribe/abc>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
    });
  });

  it('sends without cc or headers when there are none', async () => {
    // Prepare
    const { cc: _cc, ...withoutCc } = followUp;
    const firstEmail: OutgoingEmail = { ...withoutCc, subject: 'Our call on Tuesday', headers: [] };

    // Act
    const { providerMessageId } = await sendEmail(client, firstEmail);

    // Assess
    const stored = (await ses.store()).emails.find((candidate) => candidate.messageId === providerMessageId);
    expect(stored?.destination.cc).toEqual([]);
    expect(stored?.headers).toBeUndefined();
    expect(stored?.subject).toBe('Our call on Tuesday');
  });

  it('throws ProviderRejectedError when the emulator answers 400', async () => {
    // Prepare: the emulator, like SES, refuses a send without a From address.
    const withoutSender: OutgoingEmail = { ...followUp, from: '' };

    // Act
    const failure = await failureOf(sendEmail(client, withoutSender));

    // Assess
    expect(failure).toBeInstanceOf(ProviderRejectedError);
    expect(failure).toMatchObject({ provider: 'ses', statusCode: 400, retryable: false });
  });

  it('clear() empties the store', async () => {
    // Prepare
    await sendEmail(client, followUp);

    // Act
    await ses.clear();

    // Assess
    expect((await ses.store()).emails).toEqual([]);
  });
});

describe('sendEmail when SES cannot be reached', () => {
  it('throws ProviderTransientError without a status', async () => {
    // Prepare
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const client = new SESv2Client({
      region: 'eu-west-1',
      endpoint: `http://127.0.0.1:${closedPort}`,
      credentials: FAKE_CREDENTIALS,
      maxAttempts: 1,
    });

    // Act
    const failure = await failureOf(sendEmail(client, followUp));

    // Assess
    expect(failure).toBeInstanceOf(ProviderTransientError);
    expect(failure).toMatchObject({ provider: 'ses', statusCode: undefined });
    client.destroy();
  });
});

describe('classifySesFailure', () => {
  const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode }, message: 'from SES' });

  it.each([
    ['TooManyRequestsException', new TooManyRequestsException(metadata(429))],
    ['InternalServiceErrorException', new InternalServiceErrorException(metadata(500))],
  ])('treats %s as transient', (name, error) => {
    // Act
    const classified = classifySesFailure(error);

    // Assess
    expect(classified).toBeInstanceOf(ProviderTransientError);
    expect(classified.providerCode).toBe(name);
  });

  it.each([
    ['MessageRejected', new MessageRejected(metadata(400))],
    ['MailFromDomainNotVerifiedException', new MailFromDomainNotVerifiedException(metadata(400))],
    ['AccountSuspendedException', new AccountSuspendedException(metadata(400))],
    ['SendingPausedException', new SendingPausedException(metadata(400))],
    ['BadRequestException', new BadRequestException(metadata(400))],
  ])('treats %s as rejected', (name, error) => {
    // Act
    const classified = classifySesFailure(error);

    // Assess
    expect(classified).toBeInstanceOf(ProviderRejectedError);
    expect(classified).toMatchObject({ providerCode: name, statusCode: 400 });
  });

  it('treats an unnamed 503 as transient and an unnamed 403 as rejected', () => {
    // Prepare
    const outage = Object.assign(new Error('Service Unavailable'), { name: 'Unknown', ...metadata(503) });
    const forbidden = Object.assign(new Error('Forbidden'), { name: 'Unknown', ...metadata(403) });

    // Act
    const classified = [classifySesFailure(outage), classifySesFailure(forbidden)];

    // Assess
    expect(classified.map((error) => error.retryable)).toEqual([true, false]);
  });
});

describe('messageIdHeader', () => {
  it('uses email.amazonses.com in us-east-1', () => {
    // Act
    const header = messageIdHeader('0100018f-abc', 'us-east-1');

    // Assess
    expect(header).toBe('<0100018f-abc@email.amazonses.com>');
  });

  it('uses the region host elsewhere', () => {
    // Act
    const header = messageIdHeader('0102018f-def', 'eu-west-1');

    // Assess
    expect(header).toBe('<0102018f-def@eu-west-1.amazonses.com>');
  });
});
