/**
 * Turns an HTTP request into the API Gateway HTTP API (payload 2.0) event a Lambda receives behind a
 * JWT authorizer, and back. The local server and handler tests both use it, so handlers see locally
 * exactly the event shape they get in AWS.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { ApiEvent } from '../lambdas/http/api-handler';
import type { JwtClaims } from '../lambdas/http/identity';

export interface RouteMatch {
  routeKey: string;
  pathParameters: Record<string, string>;
}

export interface HttpRequestParts {
  method: string;
  /** Path with the query string, e.g. `/leads?status=active`. */
  url: string;
  headers: Record<string, string | undefined>;
  body?: string;
  claims?: JwtClaims;
}

export function apiGatewayEvent(route: RouteMatch, request: HttpRequestParts): ApiEvent {
  const parsed = new URL(request.url, 'http://localhost');
  const query = Object.fromEntries(parsed.searchParams);
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => [name.toLowerCase(), value]),
  );
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(route.pathParameters).length > 0 ? route.pathParameters : undefined,
    body: request.body === undefined || request.body === '' ? undefined : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      http: {
        method: request.method,
        path: parsed.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: request.claims ?? {}, scopes: [] },
      },
    },
  };
}

/**
 * A Lambda context good enough for middy and the Powertools logger. With `timeoutMs`, the remaining
 * time counts down from the context's creation as Lambda's does; without, it always says 10 s.
 */
export function lambdaContext(functionName: string, timeoutMs?: number): Context {
  const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () =>
      deadline === undefined ? 10_000 : Math.max(0, Math.round(deadline - performance.now())),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
