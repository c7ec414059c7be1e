/**
 * The local HTTP API: serves every operation of the API contract by building the API Gateway event and
 * calling the same handler the Lambda exports, behind a local JWT check. `/openapi.json` is answered as
 * in AWS (same headers, ETag and 304), from the document generated now rather than the one published in
 * docs/. `/_local/*` routes (tokens, later the clock and outbox) exist only here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from 'aws-lambda';
import type { ApiEvent, ApiResponse } from '../lambdas/http/api-handler';
import { type ApiFunctionName, type Operation, operations, routeKey } from '../lambdas/http/contract';
import { OPENAPI_DOCUMENT_PATH, openApiDocumentHandler } from '../lambdas/http/openapi-answer';
import { apiGatewayEvent, lambdaContext, type RouteMatch } from './api-gateway-event';
import type { LocalAuth } from './local-auth';
import { openApiDocument } from './openapi';
import { readBody } from './wire';

const API_FUNCTION_TIMEOUT_MS = 29_000;

/** API Gateway's own payload limit; handlers apply the API's tighter one. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** `raw` is the body's bytes, for a route that must keep them (a raw e-mail need not be UTF-8). */
export type LocalRoute = (request: {
  body: string;
  raw?: Buffer;
  url: URL;
}) => Promise<{ status: number; body?: unknown }>;

export interface LocalServerOptions {
  port: number;
  auth: LocalAuth;
  /** Extra routes of the local stack, keyed `METHOD /path`. */
  localRoutes?: Record<string, LocalRoute>;
  /** Requests wait for it: the server listens before the stack behind it has started. */
  ready?: Promise<unknown>;
}

interface CompiledRoute extends Operation {
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = Object.values(operations as Record<string, Operation>).map((operation) => {
  const names: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...operation, pattern: new RegExp(`^${source}/?$`), names };
});

export async function startHttpServer(
  options: LocalServerOptions,
): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const handlers = new Map<ApiFunctionName, Handler<ApiEvent, ApiResponse>>();
  const handlerOf = async (fn: ApiFunctionName) => {
    let handler = handlers.get(fn);
    if (!handler) {
      // Imported on first use, after the local stack has set the environment the handlers read.
      handler = ((await import(`../lambdas/${fn}-api.ts`)) as { handler: Handler<ApiEvent, ApiResponse> })
        .handler;
      handlers.set(fn, handler);
    }
    return handler;
  };

  const openApiDocumentOf = openApiDocumentHandler(openApiDocument());

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      console.error('local server error', error);
      send(response, 500, { error: { code: 'internal_error', message: 'Local server error' } });
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await options.ready;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const raw = await readBody(request, {
      bytes: MAX_PAYLOAD_BYTES,
      tooLarge: () => new PayloadTooLarge(),
    }).catch((error: unknown) => {
      if (error instanceof PayloadTooLarge) return undefined;
      throw error;
    });
    if (raw === undefined) return send(response, 413, errorBody('payload_too_large', 'Payload too large'));
    const body = raw.toString('utf8');

    if (method === 'OPTIONS') return send(response, 204, undefined);
    if (method === 'GET' && url.pathname === OPENAPI_DOCUMENT_PATH) {
      const {
        statusCode,
        headers,
        body: document,
      } = await openApiDocumentOf({
        headers: request.headers as Record<string, string>,
      });
      response.writeHead(statusCode ?? 200, { ...headers, ...corsHeaders });
      response.end(document);
      return;
    }
    const local = options.localRoutes?.[`${method} ${url.pathname}`];
    if (local) {
      const result = await local({ body, raw, url });
      return send(response, result.status, result.body);
    }

    const match = matchRoute(method, url.pathname);
    if (!match) {
      // A known path asked with a method it lacks is the client's mistake of method, not of address.
      // API Gateway answers both 404 (README, "Errors"): the local server is more helpful here only.
      const allowed = allowedMethods(url.pathname);
      if (allowed.length > 0) {
        return send(
          response,
          405,
          errorBody(
            'method_not_allowed',
            `${method} is not allowed on ${url.pathname}: use ${allowed.join(', ')}`,
          ),
          { allow: allowed.join(', ') },
        );
      }
      return send(response, 404, errorBody('not_found', `No route for ${method} ${url.pathname}`));
    }
    // Like API Gateway: public routes have no authorizer; every other one needs a valid token.
    const claims = match.public ? undefined : await options.auth.verify(request.headers.authorization);
    if (!match.public && !claims)
      return send(response, 401, errorBody('unauthorized', 'A valid bearer token is required'));

    const event = apiGatewayEvent(match, {
      method,
      url: request.url ?? '/',
      // API Gateway tells the handler the scheme it was reached by; here it is plain http.
      headers: { ...(request.headers as Record<string, string>), 'x-forwarded-proto': 'http' },
      body,
      claims,
    });
    const handler = await handlerOf(match.fn);
    // The API functions' timeout in AWS (lib/http-api.ts), so time-budgeted work (batches) behaves alike.
    const result = await handler(event, lambdaContext(`${match.fn}-api`, API_FUNCTION_TIMEOUT_MS), () => {});
    const { statusCode = 200, headers = {}, body: resultBody } = result ?? {};
    response.writeHead(statusCode, { ...headers, ...corsHeaders });
    response.end(resultBody);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The segment where a route's first parameter is (how far its literal prefix reaches). */
const firstParameter = (route: CompiledRoute) =>
  route.path.split('/').findIndex((part) => part.startsWith('{'));

function matchRoute(
  method: string,
  path: string,
): (RouteMatch & { fn: ApiFunctionName; public: boolean }) | undefined {
  // Literal segments beat parameters, as in API Gateway: `/sequences/preview` is not `/sequences/{id}`;
  // between as many parameters, the earlier literal wins: `/webhooks/sinch/{orgId}` (Sinch's callback)
  // before `/webhooks/{id}/test`.
  const candidates = compiled
    .filter((route) => route.method === method && route.pattern.test(path))
    .sort((a, b) => a.names.length - b.names.length || firstParameter(b) - firstParameter(a));
  const route = candidates[0];
  if (!route) return undefined;
  const values = route.pattern.exec(path)?.slice(1) ?? [];
  const pathParameters = Object.fromEntries(
    route.names.map((name, index) => [name, safelyDecoded(values[index] ?? '')]),
  );
  return { routeKey: routeKey(route), pathParameters, fn: route.fn, public: route.public === true };
}

/** The methods the contract (and GET /openapi.json) answers on `path`, for a 405's `Allow`. */
function allowedMethods(path: string): string[] {
  const methods = new Set(compiled.filter((route) => route.pattern.test(path)).map((route) => route.method));
  if (path === OPENAPI_DOCUMENT_PATH) methods.add('GET');
  return [...methods].sort();
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, if-match, if-none-match',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-expose-headers': 'etag, retry-after',
};

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    response.writeHead(status, { ...headers, ...corsHeaders });
    response.end();
    return;
  }
  response.writeHead(status, { ...headers, 'content-type': 'application/json', ...corsHeaders });
  response.end(JSON.stringify(body));
}

class PayloadTooLarge extends Error {}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** A path segment decoded as API Gateway does; a malformed escape stays as it was. */
function safelyDecoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
