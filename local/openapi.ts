/**
 * The OpenAPI 3.1 document, generated from the API contract's zod schemas (JSON Schema 2020-12, which
 * OpenAPI 3.1 uses as is) and from the one error mapping. Served at /openapi.json locally and written
 * to docs/ by `npm run openapi`.
 */
import * as z from 'zod/mini';
import { strictInput } from '../lambdas/core/validation';
import {
  API_FUNCTIONS,
  type ApiFunctionName,
  type Operation,
  type OperationId,
  operations,
} from '../lambdas/http/contract';
import {
  ERRORS,
  type ErrorCode,
  type ErrorKind,
  errorBodyOf,
  errorSchema,
} from '../lambdas/http/error-response';
import { EXAMPLES } from './openapi-examples';

const TAGS: Record<ApiFunctionName, string> = {
  sequences: 'Sequences of follow-up steps: the system ones and the org’s own; previews of their sends',
  messages: 'Custom e-mail and WhatsApp messages that steps send, the tones of generated ones, previews',
  assistants: 'The org’s AI sales assistants: the sender of each lead’s follow-up',
  org: 'Org settings (name, website, region policy), the WhatsApp connection and the users seen',
  leads: 'Leads on a sequence: adding, reading, changing, stopping, continuing, restarting, the timeline',
  imports: 'Imports of up to 100,000 leads (JSON or CSV), worked through in the background',
  public: 'Routes without a JWT: unsubscribe links in e-mails and Sinch’s signed callbacks',
  stats: 'Which follow-ups work: funnels per sequence, step and A/B variant, per tone, per assistant',
  webhooks: 'The org’s webhooks: signed deliveries of its events (Standard Webhooks), retried for 24 h',
  accounts: 'Accounts: the companies (mail domains) the org’s leads belong to, their people and last reply',
  suppressions: 'The org’s suppression list: addresses and domains never e-mailed, imported as JSON or CSV',
  privacy: 'A person’s erasure and export (GDPR), and the org’s audit log of admin and owner changes',
};

/**
 * The refusals an operation can answer: those every operation of its kind can (see
 * lambdas/http/api-handler.ts: identity, path ids, body, If-Match), then its own from the contract.
 */
export function errorCodesOf(operation: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (!operation.public) codes.add('unauthorized').add('forbidden');
  if (operation.body || operation.query) codes.add('validation_failed');
  if (operation.body || operation.csvBody) codes.add('malformed_request');
  // Every path id is bounded: a longer one names nothing and answers 404.
  if (operation.path.includes('{')) codes.add('not_found');
  if (operation.body || operation.documentedBody) codes.add('payload_too_large');
  if (needsIfMatch(operation))
    codes.add('validation_failed').add('precondition_failed').add('precondition_required');
  for (const code of operation.errors ?? []) codes.add(code);
  codes.add('internal_error');
  return [...codes];
}

const needsIfMatch = (operation: Operation) =>
  operation.ifMatch === true ||
  (operation.versioned === true && (operation.method === 'PUT' || operation.method === 'DELETE'));

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, operation] of Object.entries(operations as Record<string, Operation>)) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: describe(operationId, operation),
    };
  }
  jsonSchema(errorSchema(), 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Follow-up engine API',
      version: '1.0.0',
      description:
        'Sequences, custom messages and leads of the AI sales assistant’s follow-up engine. Every error answers `{error: {code, message, details?}}`; `code` tells the shape of `details` (see the `Error` schema).',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      contact: { name: 'Follow-up engine team' },
    },
    servers: [
      { url: 'http://localhost:3000', description: 'The local stack (`npm start`)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'A deployed stage: the stack’s ApiUrl output',
        variables: {
          apiId: { default: 'api-id', description: 'The HTTP API’s id' },
          region: { default: 'eu-central-1', description: 'The AWS region it is deployed in' },
        },
      },
    ],
    tags: API_FUNCTIONS.map((name) => ({ name, description: TAGS[name] })),
    components: {
      securitySchemes: {
        jwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT from the org’s identity provider (verified by API Gateway’s JWT authorizer). Claims read: `sub` (the user), `org_id` or `custom:org_id` (the organization, required: without it 403), `role` (`admin` or `member`; admins may change org settings, assistants and WhatsApp) and `email` (shown in GET /users).',
        },
      },
      schemas: namedSchemas,
    },
    security: [{ jwt: [] }],
    paths,
  };
}

function describe(operationId: string, operation: Operation) {
  const examples = EXAMPLES[operationId as OperationId];
  const parameters: Record<string, unknown>[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map(
    ([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }),
  );
  for (const [location, schema] of [
    ['query', operation.query],
    ['header', operation.headers],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as {
      properties?: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    for (const [name, { description, ...property }] of Object.entries(object.properties ?? {})) {
      parameters.push({
        name,
        in: location,
        required: object.required?.includes(name) ?? false,
        ...(description !== undefined && { description }),
        schema: property,
      });
    }
  }
  if (needsIfMatch(operation)) {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description:
        'The ETag of the version read, quotes included, e.g. "3". Compared strongly (RFC 9110): a weak ETag never matches (412); a value that is not one ETag answers 400',
      schema: { type: 'string' },
    });
  }
  const body = operation.documentedBody ?? operation.body;
  return {
    operationId,
    summary: summaryOf(operationId),
    description: operation.summary,
    tags: [operation.fn],
    // Public routes prove themselves with a signed token or a provider's signature instead of a JWT.
    ...(operation.public && { security: [] }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && {
      requestBody: {
        required: !operation.bodyType,
        content: {
          [operation.bodyType ?? 'application/json']: {
            // JSON bodies (and a batch's or an import's rows) are parsed strictly, unknown fields refused
            // (lambdas/core/validation.ts): documented as the server reads them. A form is not parsed.
            schema: jsonSchema(operation.bodyType ? body : strictInput(body), 'input'),
            ...(examples?.body !== undefined && {
              example: examples?.body,
            }),
          },
          ...(operation.csvBody && {
            'text/csv': {
              schema: {
                type: 'string',
                description:
                  operation.csvBody === true
                    ? 'A header row naming the columns (the lead’s fields, customFields.<name> for custom ones), then one lead a line; empty cells are absent fields'
                    : operation.csvBody.description,
              },
              example:
                operation.csvBody === true
                  ? 'firstName,email,company,customFields.plan\nAda,ada@example.com,Lovelace Ltd,pro\n'
                  : operation.csvBody.example,
            },
          }),
        },
      },
    }),
    responses: {
      [operation.status]: success(operation, examples?.response),
      ...errorResponses(errorCodesOf(operation), operation.html === true),
    },
  };
}

function success(operation: Operation, example: unknown) {
  const answer: Record<string, unknown> = {
    description: operation.status === 204 ? 'Done; no body' : 'Success',
  };
  if (operation.html) {
    answer.content = { 'text/html': { schema: { type: 'string' } } };
  } else if (operation.response) {
    answer.content = {
      'application/json': {
        schema: jsonSchema(operation.response, 'output'),
        ...(example !== undefined && { example }),
      },
    };
  }
  if (operation.versioned)
    answer.headers = {
      ETag: {
        description: 'The version, quoted: send it back as If-Match',
        required: true,
        schema: { type: 'string' },
      },
    };
  return answer;
}

/** `html`: the operation is a page a person opens, whose errors are pages too unless JSON is asked for. */
function errorResponses(codes: ErrorCode[], html = false) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, statusCodes]) => {
      const headers = Object.assign({}, ...statusCodes.map((code) => (ERRORS[code] as ErrorKind).headers));
      return [
        String(status),
        {
          description: statusCodes.map((code) => `${code}: ${ERRORS[code].description}`).join('; '),
          ...(Object.keys(headers).length > 0 && { headers }),
          content: {
            ...(html && {
              'text/html': {
                schema: {
                  type: 'string',
                  description:
                    'A page saying what went wrong, unless Accept names application/json and not text/html',
                },
              },
            }),
            'application/json': { schema: jsonSchema(errorBodyOf(statusCodes), 'output') },
          },
        },
      ];
    }),
  );
}

/**
 * Names split by camel case that keep their own spelling in a summary: `getWhatsApp` is "Get WhatsApp",
 * not "Get whats app".
 */
const PROPER_NAMES = ['WhatsApp', 'OpenAPI'];
/** A proper name, an acronym (`CSV` in `importCSVRows`), a word, or a number. */
const WORD = new RegExp(`${PROPER_NAMES.join('|')}|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\\d+`, 'g');

/** `listSequences` -> `List sequences`; proper names and acronyms keep their case. */
export function summaryOf(operationId: string): string {
  const words = (operationId.match(WORD) ?? []).map((word, index) => {
    if (PROPER_NAMES.includes(word) || /^[A-Z]{2,}$/.test(word)) return word;
    return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toLowerCase();
  });
  return words.join(' ');
}

/** Named schemas (zod `.meta({ id })`) found while describing operations, hoisted into components. */
const namedSchemas: Record<string, unknown> = {};

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output') {
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const hoist = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
    namedSchemas[name] = hoist(definition);
  }
  return hoist(rest);
}
