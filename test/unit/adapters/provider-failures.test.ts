/**
 * How SES failures reach the engine: certainly not taken for now (transient), refused (rejected), or
 * possibly taken with the answer lost (unknown) — the last one must never be sent again blindly.
 */

import {
  InternalServiceErrorException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classifySesFailure,
  type OutgoingEmail,
  sendEmail,
  sesClient,
} from '../../../lambdas/adapters/email-sender';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderTransientError,
} from '../../../lambdas/adapters/provider-errors';

const email: OutgoingEmail = {
  from: 'Maya <maya@contoso.example>',
  to: ['ada@example.com'],
  subject: 'Hi',
  html: '<p>Hi</p>',
  text: 'Hi',
  headers: [],
  tags: { sendId: 'abcdefghijklmnopqrstuvwxyz012345' },
};

/** What Node's sockets throw: an Error with an errno code, as the SDK's handler passes it on. */
const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('classifying SES failures', () => {
  it('calls a refused connection transient: SES never saw the request', () => {
    const refused = socketError('ECONNREFUSED', 'connect ECONNREFUSED 52.0.0.1:443');

    expect(classifySesFailure(refused)).toBeInstanceOf(ProviderTransientError);
    // As the SDK may wrap it, with the socket's error as the cause.
    expect(classifySesFailure(new Error('request failed', { cause: refused }))).toBeInstanceOf(
      ProviderTransientError,
    );
  });

  it('calls a connection that timed out before it was established transient', () => {
    const timedOut = Object.assign(
      new Error('Socket timed out without establishing a connection within 3000 ms'),
      { name: 'TimeoutError' },
    );

    expect(classifySesFailure(timedOut)).toBeInstanceOf(ProviderTransientError);
  });

  it.each([
    ['a timeout', Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })],
    ['a reset connection', socketError('ECONNRESET', 'socket hang up')],
  ])('calls %s without an HTTP status of unknown outcome', (_what, error) => {
    const failure = classifySesFailure(error);

    expect(failure).toBeInstanceOf(ProviderOutcomeUnknownError);
    expect(failure.statusCode).toBeUndefined();
    expect(failure.retryable).toBe(false);
  });

  it.each([
    [
      '429 TooManyRequests',
      new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }),
    ],
    [
      '429 of another name',
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 429 } }),
    ],
    [
      '500 InternalServiceError',
      new InternalServiceErrorException({ message: 'oops', $metadata: { httpStatusCode: 500 } }),
    ],
    [
      '503 of another name',
      Object.assign(new Error('unavailable'), {
        name: 'ServiceUnavailable',
        $metadata: { httpStatusCode: 503 },
      }),
    ],
  ])('calls %s transient', (_what, error) => {
    const failure = classifySesFailure(error);

    expect(failure).toBeInstanceOf(ProviderTransientError);
    expect(failure.retryable).toBe(true);
  });

  it('calls a 400 MessageRejected rejected, keeping SES’s code and status', () => {
    const rejected = new MessageRejected({
      message: 'Email address is not verified',
      $metadata: { httpStatusCode: 400 },
    });

    const failure = classifySesFailure(rejected);

    expect(failure).toBeInstanceOf(ProviderRejectedError);
    expect(failure).toMatchObject({ provider: 'ses', statusCode: 400, providerCode: 'MessageRejected' });
    expect(failure.message).toContain('not verified');
  });
});

describe('sending an e-mail through SES', () => {
  const client = new SESv2Client({ region: 'us-east-1' });
  const ses = mockClient(client);

  beforeEach(() => {
    ses.reset();
  });

  it('sends the tags, and answers the MessageId SES gave', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    await expect(sendEmail(client, email)).resolves.toEqual({ providerMessageId: 'ses-1' });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      EmailTags: [{ Name: 'sendId', Value: 'abcdefghijklmnopqrstuvwxyz012345' }],
    });
  });

  it('calls a success without a MessageId of unknown outcome', async () => {
    ses.on(SendEmailCommand).resolves({});

    await expect(sendEmail(client, email)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('reports a failure already classified', async () => {
    ses.on(SendEmailCommand).rejects(socketError('ECONNREFUSED', 'connect ECONNREFUSED 52.0.0.1:443'));

    await expect(sendEmail(client, email)).rejects.toBeInstanceOf(ProviderTransientError);
  });
});

describe('the shared SES client', () => {
  /** A transport whose every request times out after it was written, as a lost answer does. */
  const timingOut = () => {
    const handle = vi.fn(async () => {
      throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
    });
    const handler = { handle, updateHttpClientConfig: () => {}, httpHandlerConfigs: () => ({}) };
    return { handler: handler as unknown as SESv2Client['config']['requestHandler'], handle };
  };
  const sharedHandler = sesClient.config.requestHandler;

  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDUNITTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit-test-secret');
  });
  afterEach(() => {
    sesClient.config.requestHandler = sharedHandler;
    vi.unstubAllEnvs();
  });

  it('makes one attempt at SendEmail: a timed-out request is not sent again by the SDK', async () => {
    const { handler, handle } = timingOut();
    sesClient.config.requestHandler = handler;

    await expect(sendEmail(sesClient, email)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);

    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('differs there from a client with the SDK’s default retries (the check above can fail)', async () => {
    const { handler, handle } = timingOut();
    const retrying = new SESv2Client({
      region: 'us-east-1',
      requestHandler: handler,
    });

    await expect(sendEmail(retrying, email)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);

    expect(handle.mock.calls.length).toBeGreaterThan(1);
  });
});
