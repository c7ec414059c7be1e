/**
 * Runs the `aws-ses-v2-local` SES v2 emulator in this process, so a real `SESv2Client` pointed at
 * `endpoint` (any fake credentials) sends into it, and reads back what it received from `GET /store`.
 *
 * The emulator keeps its store in module state: every instance in one process shares it, so tests
 * should find their own messages by id (or `clear()` first) rather than count all of them.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { parseJsonBody } from './json-body';
import { closeServer, listenLocally } from './ports';

export interface SesLocalOptions {
  /** 0 or absent: a free port. */
  port?: number;
}

const SesLocalEmailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  /** Epoch seconds when the emulator accepted the message. */
  at: z.number(),
});

const SesLocalStoreSchema = z.object({ emails: z.array(SesLocalEmailSchema) });

/** The parts of a SendEmail request and answer the front reads to remember a message's EmailTags. */
const SendEmailTagsSchema = z.object({
  EmailTags: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
});
const SendEmailAnswerSchema = z.object({ MessageId: z.string() });

export type SesLocalEmail = z.output<typeof SesLocalEmailSchema> & {
  /** The SendEmail request's EmailTags (Name -> Value), which SES puts on the message's events. */
  tags?: Record<string, string>;
};
export interface SesLocalStore {
  emails: SesLocalEmail[];
}

export interface SesLocal {
  /** Origin such as `http://127.0.0.1:43125`, for `new SESv2Client({ endpoint })`. */
  endpoint: string;
  store(): Promise<SesLocalStore>;
  clear(): Promise<void>;
  /**
   * The next `times` SendEmail calls answer `status` the way SES does (429 TooManyRequestsException,
   * 5xx InternalServiceErrorException, 400 MessageRejected), so retries can be tested end to end.
   */
  failNext(status: number, times?: number): void;
  /**
   * The addresses put on the account-level suppression list (PutSuppressedDestination), in order: the
   * emulator has no such list, so the front answers those calls as SES does and keeps them here.
   */
  accountSuppressions(): { address: string; reason: string }[];
  stop(): Promise<void>;
}

const PutSuppressedDestinationSchema = z.object({
  EmailAddress: z.string(),
  Reason: z.enum(['BOUNCE', 'COMPLAINT']),
});

const SES_ERRORS: Record<number, string> = {
  400: 'MessageRejected',
  429: 'TooManyRequestsException',
  500: 'InternalServiceErrorException',
  503: 'InternalServiceErrorException',
};

type SesLocalModule = typeof import('aws-ses-v2-local');

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  // The package is CommonJS with `exports.default`; require() gives the same shape under Node, tsx and vitest.
  const { default: startEmulator } = createRequire(import.meta.url)('aws-ses-v2-local') as SesLocalModule;
  const server = await startEmulator({ host: '127.0.0.1', port: 0 });
  const inner = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const faults: number[] = [];
  // The emulator drops EmailTags; the front keeps them per MessageId it answered.
  const tagsByMessageId = new Map<string, Record<string, string>>();
  const accountSuppressions: { address: string; reason: string }[] = [];
  // A thin front that can fail SendEmail on demand and keeps the account-level suppression list;
  // everything else (the web UI, /store) passes through.
  const front = createServer((request, response) => {
    if (request.method === 'PUT' && request.url === '/v2/email/suppression/addresses') {
      putSuppressedDestination(request, response);
      return;
    }
    const isSend = request.method === 'POST' && request.url?.startsWith('/v2/email/outbound-emails') === true;
    const fault = isSend ? faults.shift() : undefined;
    if (fault !== undefined) {
      request.resume();
      const type = SES_ERRORS[fault] ?? 'InternalServiceErrorException';
      response.writeHead(fault, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      response.end(JSON.stringify({ message: `Injected ${type}` }));
      return;
    }
    if (isSend) {
      forwardSend(request, response);
      return;
    }
    const forward = httpRequest(
      `${inner}${request.url ?? '/'}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });
  function putSuppressedDestination(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const put = PutSuppressedDestinationSchema.safeParse(
        parseJsonBody(Buffer.concat(chunks).toString('utf8')),
      );
      if (!put.success) {
        response.writeHead(400, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'BadRequestException',
        });
        response.end(JSON.stringify({ message: put.error.message }));
        return;
      }
      accountSuppressions.push({ address: put.data.EmailAddress, reason: put.data.Reason });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  }
  function forwardSend(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const tags = SendEmailTagsSchema.safeParse(parseJsonBody(body.toString('utf8'))).data?.EmailTags;
      const forward = httpRequest(
        `${inner}${request.url ?? '/'}`,
        { method: request.method, headers: { ...request.headers, 'content-length': String(body.length) } },
        (answer) => {
          const answered: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answered.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(answered);
            const messageId = SendEmailAnswerSchema.safeParse(parseJsonBody(text.toString('utf8'))).data
              ?.MessageId;
            if (messageId !== undefined && tags !== undefined && tags.length > 0) {
              tagsByMessageId.set(messageId, Object.fromEntries(tags.map((tag) => [tag.Name, tag.Value])));
            }
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(text);
          });
        },
      );
      forward.on('error', () => response.writeHead(502).end());
      forward.end(body);
    });
  }

  const endpoint = await listenLocally(front, options.port);

  return {
    endpoint,
    async store() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`aws-ses-v2-local /store answered ${response.status}`);
      const { emails } = SesLocalStoreSchema.parse(await response.json());
      return {
        emails: emails.map((email) => {
          const tags = tagsByMessageId.get(email.messageId);
          return tags === undefined ? email : { ...email, tags: { ...tags } };
        }),
      };
    },
    async clear() {
      const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`aws-ses-v2-local /clear-store answered ${response.status}`);
      tagsByMessageId.clear();
      accountSuppressions.length = 0;
    },
    accountSuppressions: () => accountSuppressions.map((entry) => ({ ...entry })),
    failNext(status: number, times = 1) {
      faults.push(...Array.from({ length: times }, () => status));
    },
    stop: async () => {
      await closeServer(front);
      await closeServer(server);
    },
  };
}
