/** The published OpenAPI document is the one the contract generates: docs cannot drift from the routes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Operation, type OperationId, operations, routeKey } from '../../../lambdas/http/api-contract';
import { openApiDocument } from '../../../local/openapi';
import { EXAMPLES } from '../../../local/openapi-examples';

describe('OpenAPI document', () => {
  it('matches docs/openapi.json (run npm run openapi after changing the contract)', () => {
    const published = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));

    expect(published).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
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
});
