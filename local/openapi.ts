/**
 * The OpenAPI 3.1 document, generated from the API contract's zod schemas (JSON Schema 2020-12, which
 * OpenAPI 3.1 uses as is). Served at /openapi.json locally and written to docs/ by `npm run openapi`.
 */
import { z } from 'zod';
import { type Operation, operations } from '../lambdas/http/api-contract';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { description: 'For validation errors: [{path, message}] per offending field' },
      },
    },
  },
};

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input; `details` lists each offending field',
  '401': 'Missing or invalid bearer token',
  '403': 'Not allowed (no org claim, not the owner, a system item, not an admin)',
  '404': 'Not found in the caller’s organization',
  '409': 'Conflicts with stored state (a taken name, an item in use)',
  '412': 'If-Match names a version that is no longer current',
  '413': 'Body over 256 KB',
  '428': 'If-Match is required',
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, operation] of Object.entries(operations as Record<string, Operation>)) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: describe(operationId, operation),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Follow-up engine API',
      version: '1.0.0',
      description: 'Sequences, custom messages and leads of the AI sales assistant’s follow-up engine.',
    },
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema, ...namedSchemas },
      responses: Object.fromEntries(
        Object.entries(ERROR_STATUSES).map(([status, description]) => [
          status,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
    security: [{ jwt: [] }],
    paths,
  };
}

function describe(operationId: string, operation: Operation) {
  const parameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (operation.query) {
    const query = jsonSchema(operation.query, 'input') as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        schema,
      } as never);
    }
  }
  if (operation.versioned && (operation.method === 'PUT' || operation.method === 'DELETE')) {
    parameters.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } });
  }
  const success: Record<string, unknown> = { description: 'Success' };
  if (operation.response)
    success.content = { 'application/json': { schema: jsonSchema(operation.response, 'output') } };
  if (operation.versioned)
    success.headers = { ETag: { description: 'The version, quoted', schema: { type: 'string' } } };
  return {
    operationId,
    summary: operation.summary,
    tags: [operation.fn],
    // Public routes prove themselves with a signed token or a provider's signature instead of a JWT.
    ...(operation.public && { security: [] }),
    parameters,
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
      },
    }),
    responses: {
      [operation.status]: success,
      ...Object.fromEntries(
        Object.keys(ERROR_STATUSES).map((status) => [status, { $ref: `#/components/responses/${status}` }]),
      ),
    },
  };
}

/** Named schemas (zod `.meta({ id })`) found while describing operations, hoisted into components. */
const namedSchemas: Record<string, unknown> = {};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
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
