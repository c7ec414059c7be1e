/** The published OpenAPI document is the one the contract generates: docs cannot drift from the routes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Operation, type OperationId, operations, routeKey } from '../../../lambdas/http/contract';
import { openApiDocument, summaryOf } from '../../../local/openapi';
import { EXAMPLES } from '../../../local/openapi-examples';

describe('OpenAPI document', () => {
  it('matches docs/openapi.json (run npm run openapi after changing the contract)', () => {
    const published = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));

    expect(published).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it.each([
    ['listSequences', 'List sequences'],
    ['getWhatsApp', 'Get WhatsApp'],
    ['putWhatsApp', 'Put WhatsApp'],
    ['sendWhatsAppMessage', 'Send WhatsApp message'],
    ['importCSVRows', 'Import CSV rows'],
    ['getOpenAPIDocument', 'Get OpenAPI document'],
    ['unsubscribe', 'Unsubscribe'],
  ])('summarises %s as "%s"', (operationId, summary) => {
    expect(summaryOf(operationId)).toBe(summary);
  });

  it('describes every operation of the contract, public ones without security', () => {
    const document = openApiDocument();

    for (const operation of Object.values(operations)) {
      const described = document.paths[operation.path]?.[operation.method.toLowerCase()] as {
        security?: unknown;
      };
      expect(described, routeKey(operation)).toBeDefined();
      expect(described.security, routeKey(operation)).toEqual('public' in operation ? [] : undefined);
    }
  });

  it.each(Object.entries(EXAMPLES))(
    'shows examples of %s that its schemas accept',
    (operationId, example) => {
      const operation: Operation = operations[operationId as OperationId];
      const bodySchema = operation.documentedBody ?? operation.body;

      if (example.body !== undefined) expect(bodySchema?.safeParse(example.body).error).toBeUndefined();
      if (example.response !== undefined)
        expect(operation.response?.safeParse(example.response).error).toBeUndefined();
    },
  );

  it('documents exactly the statuses an operation can answer', () => {
    const { paths } = openApiDocument();
    const statuses = (path: string, method: string) =>
      Object.keys((paths[path]?.[method] as { responses?: object } | undefined)?.responses ?? {});

    expect(statuses('/tones', 'get')).toEqual(['200', '401', '403', '500']);
    expect(statuses('/messages/preview', 'post')).toContain('422');
    expect(statuses('/sequences/{id}/steps/{index}/preview', 'post')).toContain('422');
    expect(statuses('/leads', 'post')).toEqual(expect.arrayContaining(['409', '422']));
    for (const [path, method] of [
      ['/leads/{id}', 'put'],
      ['/org/settings', 'put'],
      ['/sequences/{id}', 'put'],
    ] as const) {
      expect(statuses(path, method), `${method} ${path}`).toEqual(expect.arrayContaining(['412', '428']));
      expect(paths[path]?.[method], `${method} ${path}`).toMatchObject({
        parameters: expect.arrayContaining([expect.objectContaining({ name: 'If-Match', required: true })]),
      });
    }
    for (const [path, methods] of Object.entries(paths))
      for (const method of Object.keys(methods))
        if (method === 'get') expect(statuses(path, method), `${method} ${path}`).not.toContain('412');
  });

  it('gives every operation a summary, a description and a success schema unless it answers nothing', () => {
    const document = openApiDocument();
    for (const [operationId, operation] of Object.entries(operations as Record<string, Operation>)) {
      const described = document.paths[operation.path]?.[operation.method.toLowerCase()] as {
        summary?: string;
        description?: string;
        responses: Record<string, { content?: object }>;
      };

      expect(described.summary, operationId).toBeTruthy();
      expect(described.description, operationId).toBeTruthy();
      if (operation.status !== 204)
        expect(described.responses[operation.status]?.content, operationId).toBeDefined();
    }
  });
});
