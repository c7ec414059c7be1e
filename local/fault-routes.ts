/**
 * `/_local/faults`: add fault rules (POST), read them with their hits and the latest firings (GET),
 * remove them all (DELETE). The rules and their meaning are in faults.ts.
 */
import type { FaultRegistry } from './faults';
import type { LocalRoute } from './http-server';

export function createFaultRoutes(faults: FaultRegistry): Record<string, LocalRoute> {
  return {
    'POST /_local/faults': async ({ body }) => {
      const added = faults.add(parseJson(body));
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

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
