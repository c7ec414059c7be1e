/**
 * A customer's webhook receiver in a few lines, for `npm run demo` and tests: it verifies every request
 * with the `standardwebhooks` package (as the README tells receivers to), de-duplicates by `webhook-id`,
 * answers 204, and hands each event it verified on; a request it cannot verify gets 401.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { DomainEvent } from '../lambdas/core/domain-events';
import { closeServer, listenLocally } from './ports';

export interface WebhookReceiver {
  /** e.g. `http://127.0.0.1:43125/webhooks`: loopback http, which the local stack alone allows. */
  url: string;
  /** The secrets it verifies with (several while one is being rotated). */
  secrets: string[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(
  onEvent: (event: DomainEvent, id: string) => void,
  onRefused: (reason: string) => void = () => {},
): Promise<WebhookReceiver> {
  const secrets: string[] = [];
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      const event = secrets
        .map((secret) => {
          try {
            return new Webhook(secret).verify(body, headers) as DomainEvent;
          } catch {
            return undefined;
          }
        })
        .find((verified) => verified !== undefined);
      if (!event) {
        onRefused(`a request to ${request.url ?? '/'} whose signature did not verify`);
        response.writeHead(401).end();
        return;
      }
      const id = headers['webhook-id'] ?? '';
      // Retries and redeliveries carry the same id: act on each id once.
      if (!seen.has(id)) {
        seen.add(id);
        onEvent(event, id);
      }
      response.writeHead(204).end();
    });
  });
  const origin = await listenLocally(server, 0);
  return { url: `${origin}/webhooks`, secrets, stop: () => closeServer(server) };
}
