/**
 * `npm run demo`: fills a running `npm start` (on PORT like it, default 3000; API_URL for another
 * address) with a small story in org "demo": its offering, an assistant working 09:00-17:30 New York time, a first e-mail, two sequences
 * (a clone of Recommended and a short custom one) and leads in New York and Berlin; then prints the
 * calls that show the engine at work (leads, timelines, moving the clock, the outbox). It ends with a
 * small A/B run on the local clock: twelve leads split between two variants of a first e-mail, replies
 * injected for one of them, and the stats route that shows the winner auto-promoted.
 *
 * It only talks HTTP, like a frontend would. Each run adds new records; restart `npm start` for a clean slate.
 */
// First: refuse an unsupported Node with one line rather than fail somewhere in the story.
import './supported-node';
import type { DomainEvent } from '../lambdas/core/domain-events';
import { startWebhookReceiver } from './webhook-receiver';

const apiUrl = (process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');

interface Created {
  id: string;
}

interface LeadView extends Created {
  firstName: string;
  timezone: string;
  enrollment: { sequenceName?: string; status: string; nextStep: number; nextSendAt?: string };
  warnings: string[];
}

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`Cannot reach ${apiUrl}: start the local stack first with \`npm start\``, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * What Demo Inc. offers, which the generated first e-mail of "Recommended" says (once: a later run
 * finds it set and leaves the settings alone).
 */
async function setOffering(token: string): Promise<void> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const current = await fetch(`${apiUrl}/org/settings`, { headers });
  const { sending: _sending, ...settings } = (await current.json()) as Record<string, unknown>;
  if (settings.offering !== undefined) return;
  const offering = {
    summary: 'We follow up with your leads for you, in your own voice and at the right moment.',
    valueProposition: 'Sales teams using Demo Inc. answer twice as many leads without adding headcount.',
    callToAction: 'Would a 20-minute call next week suit you to see it on your own pipeline?',
  };
  const saved = await fetch(`${apiUrl}/org/settings`, {
    method: 'PUT',
    headers: { ...headers, 'if-match': current.headers.get('etag') ?? '"0"' },
    body: JSON.stringify({ ...settings, name: 'Demo Inc.', website: 'https://demo.example', offering }),
  });
  if (!saved.ok) throw new Error(`PUT /org/settings answered ${saved.status}: ${await saved.text()}`);
}

async function main(): Promise<void> {
  const { token } = await call<{ token: string }>('POST', '/_local/token', {
    orgId: 'demo',
    userId: 'dana',
    role: 'admin',
    email: 'dana@demo.example',
  });
  const as = <T>(method: string, path: string, body?: unknown) => call<T>(method, path, body, token);

  await setOffering(token);
  const webhook = await startReceiving(as);

  const assistant = await as<Created & AssistantView>('POST', '/assistants', {
    name: 'Ava from Demo Inc.',
    email: 'ava@demo.example',
    signatureHtml: '<p>Ava<br>Demo Inc.</p>',
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
    dailyLimit: 50,
    includeFirstEmail: true,
  });
  // Ava's mailbox is the customer's: replies reach the engine once it forwards them to Ava's alias.
  // The local stack forwards like a customer's mailbox does, so the probe proves it before any lead
  // is enrolled, and no lead carries the "replies may not arrive" warning.
  const receiving = await verifyReceiving(as, assistant);

  // The product recommends a custom first e-mail, then short generated follow-ups.
  const intro = await as<Created>('POST', '/messages', {
    name: 'Demo intro',
    channel: 'email',
    email: {
      subject: 'A faster way to follow up at {{lead.company|your team}}',
      html: '<p>Hi {{lead.firstName|there}},</p><p>Ava here from Demo Inc. Could we show you how teams like yours follow up without the busywork?</p>',
    },
  });

  const recommended = await as<Created>('POST', '/sequences/system-recommended/clone', {
    name: 'Recommended (demo copy)',
    description: 'The system sequence: a first e-mail and 7 follow-ups over about 3-4 weeks',
  });
  const short = await as<Created>('POST', '/sequences', {
    name: 'Short, for Europe',
    description: 'A custom first e-mail and 3 follow-ups',
    type: 'standard',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'custom', messageId: intro.id },
      { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
      { afterDays: 5, channel: 'email', messageType: 'generated', tone: 'cautionary' },
    ],
  });

  const leads = [
    await as<LeadView>('POST', '/leads', {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.example',
      company: 'Harbor Logistics',
      designation: 'VP Operations',
      country: 'US',
      timezone: 'America/New_York',
      context:
        'You said at the Boston sales meetup that following up every inbound lead by hand eats your mornings',
      assistantId: assistant.id,
      sequenceId: recommended.id,
    }),
    await as<LeadView>('POST', '/leads', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@engines.example',
      company: 'Analytical Engines GmbH',
      country: 'DE',
      timezone: 'Europe/Berlin',
      assistantId: assistant.id,
      sequenceId: short.id,
    }),
  ];

  const { now } = await call<{ now: string }>('GET', '/_local/clock');
  const { sesWebUi } = await call<{ sesWebUi: string }>('GET', '/_local/services');
  const lines = leads.map((lead) => {
    const { enrollment } = lead;
    const next = enrollment.nextSendAt
      ? `step ${enrollment.nextStep} at ${enrollment.nextSendAt}`
      : enrollment.status;
    const warnings = lead.warnings.length > 0 ? ` (warnings: ${lead.warnings.join('; ')})` : '';
    return `  ${lead.firstName.padEnd(6)} ${lead.id}  ${lead.timezone.padEnd(16)} ${enrollment.sequenceName ?? ''}: next ${next}${warnings}`;
  });

  console.log(`Demo data in org "demo" at ${apiUrl} (local time ${now}):
  assistant ${assistant.id}: Ava <${assistant.email}>, 09:00-17:30 Mon-Fri America/New_York, receiving ${receiving}
  sequences ${recommended.id} (Recommended copy), ${short.id} (Short, for Europe)
  leads:
${lines.join('\n')}

Look around:
  export TOKEN=${token}
  curl -s ${apiUrl}/leads -H "authorization: Bearer $TOKEN" | jq
  curl -s ${apiUrl}/leads/${leads[0]?.id}/timeline -H "authorization: Bearer $TOKEN" | jq
  curl -s -X POST ${apiUrl}/_local/clock/advance -d '{"days":3}' | jq     # fires what falls due, in order
  curl -s "${apiUrl}/_local/outbox?orgId=demo" | jq '.items[] | {at, to, subject, leadId}'
  SES web UI (the e-mails as sent): ${sesWebUi}
    (it shows real time, newest first; the outbox and timelines show the local clock, oldest first)`);

  await abRun(as);
  console.log(`
Webhooks: a receiver at ${webhook.url} verifies every delivery (standardwebhooks) and prints it below;
  webhook ${webhook.id}: curl -s ${apiUrl}/webhooks/${webhook.id}/deliveries -H "authorization: Bearer $TOKEN" | jq
  Ctrl-C stops the receiver.`);
}

const RECEIVER_DESCRIPTION = 'npm run demo receiver';

/**
 * The demo's receiver, subscribed to every event of the org. Receivers of earlier runs are gone with
 * their process: their webhooks are deleted first, so runs do not pile them up.
 */
async function startReceiving(as: Caller): Promise<{ id: string; url: string }> {
  const print = (event: DomainEvent, id: string) =>
    console.log(
      `webhook verified ${id}: ${event.type} ${event.subject.kind} ${event.subject.id} at ${event.occurredAt}`,
    );
  const receiver = await startWebhookReceiver(print, (reason) => console.log(`webhook refused: ${reason}`));
  const { items } = await as<{ items: { id: string; description?: string }[] }>('GET', '/webhooks');
  for (const old of items.filter((item) => item.description === RECEIVER_DESCRIPTION)) {
    await as('DELETE', `/webhooks/${old.id}`);
  }
  const created = await as<{ id: string; secret: string }>('POST', '/webhooks', {
    url: receiver.url,
    events: ['*'],
    description: RECEIVER_DESCRIPTION,
    enabled: true,
  });
  receiver.secrets.push(created.secret);
  await as('POST', `/webhooks/${created.id}/test`);
  return { id: created.id, url: receiver.url };
}

/**
 * Twelve leads on a sequence whose first e-mail has two variants; the local clock moves a day so every
 * first e-mail goes, each lead whose variant is "warm" answers, and the stats show the promotion.
 */
async function abRun(as: Caller) {
  // At the inbound domain, Abby receives replies directly: nothing to forward, nothing to verify.
  const abby = await as<Created & AssistantView>('POST', '/assistants', {
    name: 'Abby from Demo Inc.',
    email: `abby.${Date.now()}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
  });
  const test = await as<Created>('POST', '/sequences', {
    name: `Opening A/B ${Date.now()}`,
    description: 'Two first e-mails, half the leads each; the one that gets answers wins',
    steps: [
      {
        afterDays: 0,
        channel: 'email',
        variants: [
          { id: 'plain', messageType: 'generated', tone: 'candid', weight: 50 },
          { id: 'warm', messageType: 'generated', tone: 'appreciative', weight: 50 },
        ],
        autoPromote: { minSendsPerVariant: 2, probability: 0.9 },
      },
      { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
    ],
  });
  const leads: { id: string; email: string }[] = [];
  for (let index = 1; index <= 12; index += 1) {
    const email = `ab-lead-${index}.${test.id.slice(0, 8)}@prospects.example`;
    const lead = await as<Created>('POST', '/leads', {
      firstName: `Lead${index}`,
      email,
      country: 'US',
      assistantId: abby.id,
      sequenceId: test.id,
    });
    leads.push({ id: lead.id, email });
  }
  const before = await call<{ now: string }>('GET', '/_local/clock');
  const moved = await call<{ now: string; fired: number }>('POST', '/_local/clock/advance', { days: 1 });
  const { items: outbox } = await call<{ items: { to: string; providerMessageId: string }[] }>(
    'GET',
    '/_local/outbox?orgId=demo',
  );
  let answered = 0;
  for (const lead of leads) {
    const { items } = await as<{ items: { kind: string; step?: number; detail?: { variant?: string } }[] }>(
      'GET',
      `/leads/${lead.id}/timeline`,
    );
    const variant = items.find((item) => item.kind === 'sent' && item.step === 0)?.detail?.variant;
    const sent = outbox.find((item) => item.to.includes(lead.email));
    if (variant !== 'warm' || !sent) continue;
    const reply = [
      `From: <${lead.email}>`,
      `To: <${abby.email}>`,
      'Subject: Re: hello',
      `Message-ID: <reply-${lead.id}@prospects.example>`,
      `In-Reply-To: <${sent.providerMessageId}@email.amazonses.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Sounds good, let us talk on Thursday.',
    ].join('\r\n');
    const answer = await fetch(`${apiUrl}/_local/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: reply,
    });
    if (!answer.ok) throw new Error(`The reply of ${lead.email} was refused: ${await answer.text()}`);
    answered += 1;
  }
  const stats = await as<{
    steps: {
      variants?: { id: string; sent: number; replied: number; probabilityBest: number }[];
      promotion?: { variant: string };
    }[];
  }>('GET', `/sequences/${test.id}/stats`);
  const [first] = stats.steps;
  const standings = (first?.variants ?? [])
    .map(
      (variant) =>
        `${variant.id}: ${variant.replied}/${variant.sent} replied, P(best) ${variant.probabilityBest}`,
    )
    .join('; ');
  console.log(`
A/B run: assistant ${abby.id}: Abby <${abby.email}>, 09:00-17:30 Mon-Fri America/New_York, receiving ${receivingText(abby)}
  sequence ${test.id}, 12 leads; the local clock (npm start's, GET /_local/clock; real time is untouched)
  moved 1 day, from ${before.now} to ${moved.now}, firing ${moved.fired} due sends; ${answered} "warm" leads answered.
  step 0: ${standings}; ${first?.promotion ? `promoted: ${first.promotion.variant}` : 'no promotion yet'}
  curl -s ${apiUrl}/sequences/${test.id}/stats -H "authorization: Bearer $TOKEN" | jq
  curl -s ${apiUrl}/stats/tones -H "authorization: Bearer $TOKEN" | jq
  curl -s ${apiUrl}/assistants/${abby.id}/stats -H "authorization: Bearer $TOKEN" | jq '.totals'`);
}

type Caller = <T>(method: string, path: string, body?: unknown) => Promise<T>;

interface AssistantView {
  email: string;
  receiving:
    | { mode: 'direct' }
    | { mode: 'forwarding'; forwardTo: string; status: 'unverified' | 'verified'; verifiedAt?: string };
}

function receivingText({ receiving }: AssistantView): string {
  return receiving.mode === 'direct'
    ? 'directly at the inbound domain'
    : `through ${receiving.forwardTo} (${receiving.status})`;
}

/**
 * Mails the assistant's receiving probe and waits (a few seconds at most) until it came back through
 * the forwarding alias: the local stack forwards each message to an assistant's mailbox as the
 * customer's mail server would. Says how the assistant receives replies.
 */
async function verifyReceiving(as: Caller, assistant: Created & AssistantView): Promise<string> {
  if (assistant.receiving.mode === 'direct') return receivingText(assistant);
  await as('POST', `/assistants/${assistant.id}/verify-receiving`);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const current = await as<AssistantView>('GET', `/assistants/${assistant.id}`);
    if (current.receiving.mode === 'direct' || current.receiving.status === 'verified') {
      return receivingText(current);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The receiving probe to ${assistant.email} did not come back through its alias`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
