/**
 * Calls a Lambda handler the way API Gateway would for one operation of the contract: the route key,
 * path parameters and JWT claims of a caller. For handler tests that skip the HTTP server.
 */
import type { Handler } from 'aws-lambda';
import type { ApiEvent, ApiResponse } from '../../lambdas/http/api-handler';
import { type OperationId, operations, routeKey } from '../../lambdas/http/contract';
import type { JwtClaims } from '../../lambdas/http/identity';
import { apiGatewayEvent, lambdaContext } from '../../local/api-gateway-event';

export interface TestCaller {
  orgId: string;
  userId: string;
  role?: 'admin' | 'member';
}

export interface Invocation {
  caller?: TestCaller;
  claims?: JwtClaims;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the Lambda context says is left of the invocation's time (default: the local 10 s). */
  remainingTimeMs?: number;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
  body: any;
}

export async function invoke(
  handler: Handler<ApiEvent, ApiResponse>,
  operationId: OperationId,
  invocation: Invocation = {},
): Promise<InvokeResult> {
  const operation = operations[operationId];
  const params = invocation.params ?? {};
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
  const query = new URLSearchParams(invocation.query).toString();
  const claims =
    invocation.claims ??
    (invocation.caller && {
      sub: invocation.caller.userId,
      org_id: invocation.caller.orgId,
      role: invocation.caller.role ?? 'member',
    });
  const event = apiGatewayEvent(
    { routeKey: routeKey(operation), pathParameters: params },
    {
      method: operation.method,
      url: query ? `${path}?${query}` : path,
      headers: { 'content-type': 'application/json', ...invocation.headers },
      body:
        invocation.body === undefined
          ? undefined
          : typeof invocation.body === 'string'
            ? invocation.body
            : JSON.stringify(invocation.body),
      claims,
    },
  );
  const context = lambdaContext(`test-${operation.fn}`);
  const { remainingTimeMs } = invocation;
  if (remainingTimeMs !== undefined) context.getRemainingTimeInMillis = () => remainingTimeMs;
  const response = (await handler(event, context, () => {})) ?? {};
  const text = response.body ?? '';
  return {
    status: response.statusCode ?? 200,
    headers: (response.headers ?? {}) as Record<string, string>,
    body:
      text === ''
        ? undefined
        : response.headers?.['content-type'] === 'application/json'
          ? JSON.parse(text)
          : text,
  };
}
