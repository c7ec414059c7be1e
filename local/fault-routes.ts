/**
 * `/_local/faults`: add fault rules (POST), read them with their hits and the latest firings (GET),
 * remove them all (DELETE). The rules and their meaning are in faults.ts.
 */
import type { FaultRegistry } from './faults';
import type { LocalRoute } from './http-server';
import { parseJsonBody } from './json-body';

export function createFaultRoutes(faults: FaultRegistry): Record<string, LocalRoute> {
  return {
    'POST /_local/faults': async ({ body }) => {
      const added = faults.add(parseJsonBody(body));
      if (!added.ok) {
        return {
          status: 400,
          body: {
            error: { code: 'validation_failed', message: 'Invalid fault rules', details: added.issues },
          },
        };
      }
      return { status: 201, body: { items: added.items } };
    },
    'GET /_local/faults': async () => ({ status: 200, body: faults.list() }),
    'DELETE /_local/faults': async () => {
      faults.clear();
      return { status: 204 };
    },
  };
}
