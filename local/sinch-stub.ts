/**
 * A local stand-in for the two Sinch hosts that `@sinch/sdk-core` calls to send a WhatsApp template:
 * the OAuth2 server (`POST /oauth2/token`, client credentials over basic auth) and the Conversation
 * API (`POST /v1/projects/{projectId}/messages:send` with the bearer token). Point both
 * `authHostname` and `conversationHostname` at `endpoint`. It records what it accepted and can be
 * told to fail the next sends, to exercise retry and rejection handling.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { parseJsonBody } from './json-body';
import { closeServer, listenLocally } from './ports';
import { readText } from './wire';

export interface SinchSentMessage {
  projectId: string;
  appId: string;
  /** The recipient's channel, e.g. `WHATSAPP`. */
  channel: string;
  /** The recipient's identity on that channel: for WhatsApp, the phone number. */
  recipientIdentity: string;
  templateId: string;
  languageCode: string | undefined;
  parameters: Record<string, string>;
  /** The `message_id` the stub answered with. */
  messageId: string;
  /** The send request's `correlation_id`, which Sinch echoes in callbacks. */
  correlationId?: string;
  /** The send request's `message_metadata`, which Sinch echoes in delivery reports. */
  messageMetadata?: string;
  at: Date;
}

/** A fault the stub plays on one `messages:send` (see faults.ts for their meaning). */
export interface SinchFault {
  fault: 'error' | 'throttle' | 'timeout-after-accept' | 'latency' | 'duplicate-delivery';
  latencyMs?: number;
}

/** How the stub consults the local fault registry; absent, sends only fail through failNext. */
export interface SinchFaults {
  /** The fault the next send meets, recorded as fired; undefined: none. */
  takeSend(): SinchFault | undefined;
  /** The stub stored a message sent with these request headers. */
  accepted(headers: IncomingHttpHeaders): void;
}

export interface SinchStubOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** When given, token requests with other credentials get 401 as from Sinch's auth server. */
  credentials?: { keyId: string; keySecret: string };
  faults?: SinchFaults;
}

export interface SinchStub {
  /** Origin such as `http://127.0.0.1:43125`, for both `authHostname` and `conversationHostname`. */
  endpoint: string;
  sent(): SinchSentMessage[];
  /** The next `times` sends (default 1) are answered with `status` and a Sinch-shaped error body. */
  failNext(status: number, times?: number): void;
  /** How many access tokens were issued: shows whether clients reuse their token. */
  tokensIssued(): number;
  stop(): Promise<void>;
}

const TOKEN_LIFETIME_SECONDS = 3600;
const SEND_PATH = /^\/v1\/projects\/([^/]+)\/messages:send$/;

const GOOGLE_STYLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const TemplateReference = z.object({
  template_id: z.string().min(1),
  language_code: z.string().optional(),
  parameters: z.record(z.string(), z.string()).optional(),
});

/** Only the shape this project sends: a channel template to a recipient identified by channel identity. */
const SendTemplateRequest = z.object({
  app_id: z.string().min(1),
  recipient: z.object({
    identified_by: z.object({
      channel_identities: z.array(z.object({ channel: z.string(), identity: z.string().min(1) })).min(1),
    }),
  }),
  message: z.object({
    template_message: z.object({ channel_template: z.record(z.string(), TemplateReference) }),
  }),
  correlation_id: z.string().optional(),
  message_metadata: z.string().optional(),
});

export async function startSinchStub(options: SinchStubOptions = {}): Promise<SinchStub> {
  const sentMessages: SinchSentMessage[] = [];
  const issuedTokens = new Set<string>();
  const pendingFailures: number[] = [];

  const server = createServer((request, response) => {
    readText(request)
      .then((body) => route(request, body, response))
      .catch((error: unknown) => answerError(response, 500, `Stub failure: ${String(error)}`));
  });

  async function route(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://stub').pathname;
    const sendPath = SEND_PATH.exec(path);
    if (request.method === 'POST' && path === '/oauth2/token') {
      issueToken(request, body, response);
    } else if (request.method === 'POST' && sendPath?.[1]) {
      await acceptSend(request, decodeURIComponent(sendPath[1]), body, response);
    } else {
      answerError(response, 404, `No stubbed route for ${request.method} ${path}`);
    }
  }

  function issueToken(request: IncomingMessage, body: string, response: ServerResponse): void {
    const client = basicCredentials(request.headers.authorization);
    const expected = options.credentials;
    const wrongClient =
      !client || (expected && (client.keyId !== expected.keyId || client.keySecret !== expected.keySecret));
    if (wrongClient) {
      answerJson(response, 401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
      return;
    }
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      answerJson(response, 400, { error: 'unsupported_grant_type' });
      return;
    }
    const accessToken = unsignedJwt(client.keyId);
    issuedTokens.add(accessToken);
    answerJson(response, 200, {
      access_token: accessToken,
      expires_in: TOKEN_LIFETIME_SECONDS - 1,
      scope: '',
      token_type: 'bearer',
    });
  }

  async function acceptSend(
    request: IncomingMessage,
    projectId: string,
    body: string,
    response: ServerResponse,
  ): Promise<void> {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !issuedTokens.has(token)) {
      response.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      answerError(response, 401, 'Request had invalid authentication credentials.');
      return;
    }
    const failure = pendingFailures.shift();
    if (failure !== undefined) {
      answerError(response, failure, `Stubbed failure ${failure}`);
      return;
    }
    const fault = options.faults?.takeSend();
    if (fault?.fault === 'latency') await sleep(fault.latencyMs ?? 0);
    if (fault?.fault === 'error' || fault?.fault === 'throttle') {
      const status = fault.fault === 'error' ? 500 : 429;
      answerError(response, status, `Injected by the local fault registry: ${GOOGLE_STYLE_STATUS[status]}`);
      return;
    }
    const parsed = SendTemplateRequest.safeParse(parseJsonBody(body));
    if (!parsed.success) {
      answerError(
        response,
        400,
        `Invalid messages:send body: ${parsed.error.issues[0]?.message ?? 'unreadable'}`,
      );
      return;
    }
    const { app_id: appId, recipient, message, correlation_id, message_metadata } = parsed.data;
    const identity = recipient.identified_by.channel_identities[0];
    const template = identity ? message.template_message.channel_template[identity.channel] : undefined;
    if (!identity || !template) {
      answerError(response, 400, 'channel_template has no entry for the recipient channel');
      return;
    }
    if (identity.channel === 'WHATSAPP' && !template.language_code) {
      answerError(response, 400, 'language_code is required for WhatsApp channel-specific templates');
      return;
    }
    const accepted: SinchSentMessage = {
      projectId,
      appId,
      channel: identity.channel,
      recipientIdentity: identity.identity,
      templateId: template.template_id,
      languageCode: template.language_code,
      parameters: template.parameters ?? {},
      messageId: ulidLike(),
      ...(correlation_id === undefined ? {} : { correlationId: correlation_id }),
      ...(message_metadata === undefined ? {} : { messageMetadata: message_metadata }),
      at: new Date(),
    };
    sentMessages.push(accepted);
    options.faults?.accepted(request.headers);
    if (fault?.fault === 'timeout-after-accept') {
      // Stored, never answered: the client's fetch fails with a reset instead of hanging.
      request.socket.destroy();
      return;
    }
    answerJson(response, 200, { message_id: accepted.messageId, accepted_time: accepted.at.toISOString() });
  }

  const endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    sent: () => sentMessages.map((message) => ({ ...message, parameters: { ...message.parameters } })),
    failNext(status, times = 1) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError(`failNext needs an HTTP error status (400-599), got ${status}`);
      }
      for (let i = 0; i < times; i += 1) pendingFailures.push(status);
    },
    tokensIssued: () => issuedTokens.size,
    stop: () => closeServer(server),
  };
}

function basicCredentials(header: string | undefined): { keyId: string; keySecret: string } | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  return { keyId: decoded.slice(0, separator), keySecret: decoded.slice(separator + 1) };
}

/** JWT-shaped so the SDK reads `exp` and refreshes ahead of expiry, as it does with Sinch's tokens. */
function unsignedJwt(subject: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    sub: subject,
    iat: now,
    exp: now + TOKEN_LIFETIME_SECONDS,
    jti: randomBytes(8).toString('hex'),
  };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.${randomBytes(16).toString('base64url')}`;
}

/** Sinch message ids are 26-character ULIDs (time, then randomness, Crockford base32). */
function ulidLike(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = Date.now();
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = alphabet.charAt(time % 32) + timePart;
    time = Math.floor(time / 32);
  }
  const randomPart = Array.from(randomBytes(16), (byte) => alphabet.charAt(byte % 32)).join('');
  return timePart + randomPart;
}

function answerError(response: ServerResponse, status: number, message: string): void {
  answerJson(response, status, {
    error: { code: status, message, status: GOOGLE_STYLE_STATUS[status] ?? 'UNKNOWN' },
  });
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
