/**
 * Examples shown in the OpenAPI document: a request body for every operation that takes one, and the
 * main responses. The contract's own schemas check them (test/unit/http/openapi.test.ts), and so do
 * the document's linters.
 */
import type { OperationId } from '../lambdas/http/contract';

const AT = '2030-03-04T09:00:00.000Z';

const steps = [
  { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'gentle' },
  { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
  { afterDays: 7, channel: 'whatsapp', messageType: 'custom', messageId: 'msg-checking-in' },
];

const sequence = {
  id: 'seq-3f2a',
  name: 'Three touches',
  description: 'Two e-mails, then WhatsApp',
  type: 'standard',
  system: false,
  ownerId: 'user-1',
  editable: true,
  version: 3,
  createdAt: AT,
  updatedAt: AT,
  steps,
  review: 'first_step',
  approvalTimeoutDays: 7,
  warnings: [],
};

const approval = {
  id: 'bGVhZC03YzFlCnJ1bi0yYjlkCjA',
  status: 'approved',
  leadId: 'lead-7c1e',
  lead: { name: 'Ada Lovelace', email: 'ada@example.com' },
  sequenceId: 'seq-3f2a',
  sequenceVersion: 3,
  // Its draft's version (the millisecond it was drafted), and one more for the decision
  version: 1898758800001,
  stepIndex: 0,
  channel: 'email',
  opensThread: true,
  draft: {
    subject: 'Analytical Engines and Acme',
    body: '<p>Hi Ada,</p><p>I noticed Analytical Engines is hiring analysts. Would a short call help?</p>',
  },
  approved: {
    subject: 'A quick idea for Analytical Engines',
    body: '<p>Hi {{lead.firstName}},</p><p>Would a 15-minute call next week help?</p>',
    edited: true,
  },
  draftedAt: '2030-03-03T09:00:00.000Z',
  dueAt: '2030-03-04T09:00:00.000Z',
  timesOutAt: '2030-03-11T09:00:00.000Z',
  decidedAt: '2030-03-03T15:20:00.000Z',
  decidedBy: 'user-1',
};
const { approved: _approved, decidedAt: _decidedAt, decidedBy: _decidedBy, ...decidedFields } = approval;
const pendingApproval = { ...decidedFields, version: 1898758800000 };

const message = {
  id: 'msg-checking-in',
  name: 'Checking in',
  channel: 'whatsapp',
  system: false,
  ownerId: 'user-1',
  editable: true,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  whatsapp: {
    templateName: 'checking_in',
    languageCode: 'en',
    otherLanguageCodes: ['de', 'fr'],
    parameters: [{ position: 1, value: '{{lead.firstName}}' }],
  },
  warnings: [],
};

const assistantInput = {
  name: 'Sam from Acme',
  email: 'sam@acme.example',
  signatureHtml: '<p>Sam, Acme</p>',
  timezone: 'Europe/Berlin',
  businessHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
  holidays: ['2030-12-31'],
  country: 'DE',
  holidayCalendar: 'lead-country',
  dailyLimit: 100,
  defaultSequenceId: 'system-recommended',
  defaultEmailCcSequenceId: 'system-recommended-email-cc',
  includeFirstEmail: true,
};

const leadInput = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines',
  country: 'GB',
  assistantId: 'asst-7c1d',
  sequenceId: 'seq-3f2a',
};

const lead = {
  id: 'lead-91b0',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines',
  accountDomain: 'example.com',
  country: 'GB',
  language: 'en',
  customFields: {},
  timezone: 'Europe/London',
  assistantId: 'asst-7c1d',
  version: 2,
  createdAt: AT,
  updatedAt: AT,
  consent: { email: true, whatsapp: true },
  enrollment: {
    sequenceId: 'seq-3f2a',
    sequenceName: 'Three touches',
    status: 'active',
    nextStep: 1,
    nextSendAt: '2030-03-07T09:00:00.000Z',
    nextReasons: [],
  },
  warnings: [],
};

const settings = {
  name: 'Acme',
  website: 'https://acme.example',
  regionPolicy: { mode: 'warn', maxFollowups: { EU: 3 } },
  outOfOfficeDefaultDays: 7,
  replyActions: { referral: 'stop', objection: 'snooze' },
  notNowDefaultDays: 90,
  reputationGuard: { window: 200, minSends: 50, bounceRate: 0.04, complaintRate: 0.0008 },
  accountPolicy: {
    onReply: 'pause_colleagues',
    pauseDays: 14,
    maxActivePerAccount: 3,
    overLimit: 'refuse',
    minHoursBetweenAccountSends: 24,
  },
  maxMessagesPerPersonPerWeek: 3,
  defaultLanguage: 'en',
  formality: 'formal',
  offering: {
    summary: 'We turn your support inbox into answers your customers find themselves.',
    valueProposition: 'Teams using Acme answer 30 % fewer tickets within a quarter.',
    callToAction: 'Would a 20-minute call next week suit you to see it on your own tickets?',
  },
};

/** The case: 4 of 80 sends bounced, which paused; 2 more bounces of those sends came after. */
const pausedWindow = {
  status: 'paused',
  reason: 'hard-bounce rate 5 % over the last 80 sends passed 4 %; now 7.5 % over the last 80 sends',
  cause: {
    rate: 'bounceRate',
    value: 0.05,
    threshold: 0.04,
    window: { sends: 80, bounces: 4, complaints: 0 },
  },
  since: AT,
  bounceRate: 0.075,
  complaintRate: 0,
  window: { sends: 80, bounces: 6, complaints: 0 },
};

/** An assistant paused on its own and by its org (the org's only assistant). */
const pausedAssistantSending = {
  ...pausedWindow,
  canSendNow: false,
  heldBy: ['assistant', 'org'],
  resume: ['POST /assistants/asst-7c1d/resume-sending', 'POST /org/resume-sending'],
};

const pausedOrgSending = {
  ...pausedWindow,
  canSendNow: false,
  heldBy: ['org'],
  resume: ['POST /org/resume-sending'],
};

const resumedWindow = {
  status: 'active',
  since: AT,
  bounceRate: 0,
  complaintRate: 0,
  window: { sends: 0, bounces: 0, complaints: 0 },
  replanned: 3,
};

/** The assistant resumed while its org's pause still holds it. */
const resumedAssistantSending = {
  ...resumedWindow,
  canSendNow: false,
  heldBy: ['org'],
  resume: ['POST /org/resume-sending'],
};

const resumedOrgSending = { ...resumedWindow, canSendNow: true, heldBy: [], resume: [] };

const emailPreview = {
  channel: 'email',
  subject: 'Ada, a quick follow-up',
  html: '<p>Hi Ada,</p><p>Just checking in.</p>',
  text: 'Hi Ada,\n\nJust checking in.',
  language: 'en',
  warnings: [],
};

const intents = (counts: Record<string, number>) => ({
  interested: 0,
  meeting_request: 0,
  question: 0,
  objection: 0,
  not_now: 0,
  referral: 0,
  wrong_person: 0,
  not_interested: 0,
  unsubscribe: 0,
  other: 0,
  ...counts,
});

const webhook = {
  id: '0c9e2b1a-7f4d-4f8e-9a51-3d2f6b7c8e90',
  url: 'https://crm.example.com/hooks/followup',
  events: ['lead.bounced', 'lead.replied', 'step.sent'],
  description: 'CRM sync',
  enabled: true,
  secretRotatedAt: AT,
  createdAt: AT,
  updatedAt: AT,
};

const webhookDelivery = {
  id: 'msg_2Zk3mR8bqT1xV5nW0cJ7yQ4eHs',
  eventId: 'evt-lead-7c1d-replied-3',
  eventType: 'lead.replied',
  subject: { kind: 'lead', id: 'lead-7c1d' },
  status: 'delivered',
  attempts: 2,
  createdAt: AT,
  lastAttemptAt: '2030-03-04T09:00:31.000Z',
  lastResponseCode: 200,
  lastLatencyMs: 142,
  deliveredAt: '2030-03-04T09:00:31.000Z',
};

export const EXAMPLES: Partial<Record<OperationId, { body?: unknown; response?: unknown }>> = {
  getSequence: { response: sequence },
  createSequence: {
    body: {
      name: 'Three touches',
      description: 'Two e-mails, then WhatsApp',
      type: 'standard',
      steps,
      review: 'first_step',
    },
    response: sequence,
  },
  cloneSequence: { body: { name: 'Three touches (copy)' } },
  replaceSequence: {
    body: {
      name: 'Three touches',
      description: 'Two e-mails, then WhatsApp',
      type: 'standard',
      steps,
      review: 'first_step',
      approvalTimeoutDays: 7,
    },
    response: sequence,
  },
  listApprovals: { response: { items: [{ ...pendingApproval, status: 'pending' }] } },
  getApproval: { response: { ...pendingApproval, status: 'pending' } },
  approveApproval: {
    body: {
      subject: 'A quick idea for Analytical Engines',
      body: '<p>Hi {{lead.firstName}},</p><p>Would a 15-minute call next week help?</p>',
    },
    response: approval,
  },
  rejectApproval: {
    body: { reason: 'Ada asked us to write in March' },
    response: {
      ...pendingApproval,
      version: approval.version,
      status: 'rejected',
      decidedAt: '2030-03-03T15:20:00.000Z',
      decidedBy: 'user-1',
      reason: 'Ada asked us to write in March',
    },
  },
  sequenceImpact: { body: { steps } },
  previewSequenceStep: {
    body: { lead: { firstName: 'Ada', company: 'Analytical Engines', email: 'ada@example.com' } },
    response: {
      ...emailPreview,
      samples: ['assistant'],
      from: 'Sam from Acme <sam@acme.example>',
      to: 'ada@example.com',
      cc: [],
      headers: [{ name: 'In-Reply-To', value: '<root@acme.example>' }],
    },
  },
  previewStepDates: {
    body: {
      steps: [{ afterDays: 0 }, { afterDays: 5 }, { afterDays: 3 }],
      startAt: '2030-12-20T10:00:00+01:00',
      country: 'DE',
      subdivision: 'BY',
    },
    response: {
      mode: 'business',
      timezone: 'Europe/Berlin',
      holidayCalendar: { country: 'DE', subdivision: 'BY' },
      items: [
        { step: 0, sendAt: '2030-12-20T09:00:00.000Z', reasons: [] },
        {
          step: 1,
          sendAt: '2030-12-27T08:00:00.000Z',
          reasons: ['public_holiday'],
          holidays: [
            { date: '2030-12-25', name: 'Christmas Day', country: 'DE', subdivision: 'BY' },
            { date: '2030-12-26', name: 'Boxing Day', country: 'DE', subdivision: 'BY' },
          ],
        },
        { step: 2, sendAt: '2030-12-30T08:00:00.000Z', reasons: [] },
      ],
    },
  },
  getMessage: { response: message },
  createMessage: {
    body: { name: 'Checking in', channel: 'whatsapp', whatsapp: message.whatsapp },
    response: message,
  },
  cloneMessage: { body: { name: 'Checking in (copy)' } },
  replaceMessage: { body: { name: 'Checking in', channel: 'whatsapp', whatsapp: message.whatsapp } },
  previewMessage: {
    body: {
      message: {
        name: 'Hello',
        channel: 'email',
        email: {
          subject: '{{lead.firstName}}, a quick follow-up',
          html: '<p>Hi {{lead.firstName}},</p>',
          translations: {
            de: { subject: '{{lead.firstName}}, kurz nachgefragt', body: '<p>Hallo {{lead.firstName}},</p>' },
            fr: { subject: '{{lead.firstName}}, un petit suivi', body: '<p>Bonjour {{lead.firstName}},</p>' },
          },
        },
      },
      lead: { firstName: 'Ada' },
    },
    response: emailPreview,
  },
  getAssistant: {
    response: {
      id: 'asst-7c1d',
      ...assistantInput,
      version: 1,
      createdAt: AT,
      updatedAt: AT,
      receiving: {
        mode: 'forwarding',
        forwardTo: 'fwd-3b9e0c1d2a4f5e6b7c8d9e0f1a@assistants.example.com',
        status: 'verified',
        verifiedAt: AT,
      },
      warnings: [],
      sending: pausedAssistantSending,
    },
  },
  createAssistant: { body: assistantInput },
  replaceAssistant: { body: assistantInput },
  getOrgSettings: { response: { ...settings, sending: pausedOrgSending } },
  resumeOrgSending: { response: resumedOrgSending },
  resumeAssistantSending: { response: resumedAssistantSending },
  putOrgSettings: { body: settings, response: settings },
  putWhatsApp: {
    body: {
      projectId: 'project-1',
      keyId: 'key-1',
      keySecret: 'a-key-secret',
      appId: 'app-1',
      region: 'eu',
      webhookSecret: 'a-webhook-secret-of-16+',
    },
  },
  unsubscribe: { body: { 'List-Unsubscribe': 'One-Click' } },
  sinchWebhook: {
    body: {
      app_id: 'app-1',
      message: { id: 'm-1', direction: 'TO_APP', contact_message: { text_message: { text: 'Thanks!' } } },
    },
    response: { handled: 'reply', leads: 1 },
  },
  createLead: { body: leadInput, response: lead },
  createLeads: {
    body: { leads: [leadInput, { ...leadInput, firstName: 'Charles', email: 'charles@example.com' }] },
    response: {
      items: [
        { index: 0, status: 201, lead },
        {
          index: 1,
          status: 409,
          error: {
            code: 'conflict',
            message: 'A lead with this e-mail address already exists',
            details: { existingLeadId: 'lead-22aa' },
          },
        },
      ],
    },
  },
  getLead: { response: lead },
  getAccount: {
    response: {
      domain: 'example.com',
      leadCount: 2,
      createdAt: AT,
      lastReply: { leadId: 'lead-91b0', at: '2030-03-06T10:12:00.000Z' },
      leads: [
        {
          id: 'lead-91b0',
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@example.com',
          assistantId: 'asst-7c1d',
          sequenceId: 'seq-3f2a',
          status: 'stopped',
          stopReason: 'replied',
          lastReplyAt: '2030-03-06T10:12:00.000Z',
          lastReplyIntent: 'interested',
        },
        {
          id: 'lead-4e2a',
          firstName: 'Charles',
          email: 'charles@example.com',
          assistantId: 'asst-7c1d',
          sequenceId: 'seq-3f2a',
          status: 'snoozed',
          nextSendAt: '2030-03-20T10:13:00.000Z',
          snoozedUntil: '2030-03-20T10:12:00.000Z',
        },
      ],
    },
  },
  listAccounts: {
    response: {
      items: [
        {
          domain: 'example.com',
          leadCount: 2,
          createdAt: AT,
          lastReply: { leadId: 'lead-91b0', at: '2030-03-06T10:12:00.000Z' },
        },
      ],
    },
  },
  updateLead: { body: { ...leadInput, timezone: 'Europe/London' }, response: lead },
  continueLead: { body: { startAt: AT } },
  restartLead: { body: { sequenceId: 'seq-3f2a' } },
  snoozeLead: {
    body: { until: '2030-06-03' },
    response: {
      ...lead,
      enrollment: {
        ...lead.enrollment,
        status: 'snoozed',
        // 3 June 2030 begins at 23:00 UTC the day before in London; the step goes when the window opens.
        snoozedUntil: '2030-06-02T23:00:00.000Z',
        nextSendAt: '2030-06-03T08:00:00.000Z',
        nextReasons: ['snoozed', 'business_hours'],
      },
    },
  },
  wakeLead: { response: lead },
  correctReplyIntent: {
    body: { intent: 'not_now' },
    response: {
      ...lead,
      lastReplyAt: '2030-03-05T14:12:00.000Z',
      lastReply: {
        at: '2030-03-05T14:12:00.000Z',
        channel: 'email',
        intent: 'not_now',
        confidence: 1,
        correctedBy: 'user-7',
      },
      enrollment: {
        ...lead.enrollment,
        status: 'snoozed',
        // Read as "other" (stopped); corrected to "not now" without a date: the org's 90 days.
        snoozedUntil: '2030-06-03T14:12:00.000Z',
        nextSendAt: '2030-06-04T08:00:00.000Z',
        nextReasons: ['snoozed', 'business_hours'],
      },
    },
  },
  replyStats: {
    response: {
      from: '2030-03-01',
      to: '2030-03-31',
      total: 7,
      byIntent: intents({ interested: 2, meeting_request: 1, not_now: 2, referral: 1, unsubscribe: 1 }),
      sequences: [
        {
          sequenceId: 'seq-3f2a',
          sequenceName: 'Three touches',
          total: 6,
          byIntent: intents({ interested: 2, meeting_request: 1, not_now: 2, referral: 1 }),
          steps: [
            { step: 0, total: 4, byIntent: intents({ interested: 2, meeting_request: 1, not_now: 1 }) },
            { step: 1, total: 2, byIntent: intents({ not_now: 1, referral: 1 }) },
          ],
        },
        {
          sequenceId: 'seq-0b71',
          deleted: true,
          total: 1,
          byIntent: intents({ unsubscribe: 1 }),
          steps: [{ step: 2, total: 1, byIntent: intents({ unsubscribe: 1 }) }],
        },
      ],
      corrections: {
        total: 1,
        byIntent: intents({ interested: 1 }),
        pairs: [{ from: 'interested', to: 'not_now', count: 1 }],
      },
    },
  },
  addSuppressions: {
    body: { domains: ['competitor.example'], addresses: ['ada@example.com'], reason: 'asked by phone' },
    response: { added: 2, alreadyListed: 0, stoppedLeads: 1 },
  },
  listSuppressions: {
    response: {
      items: [
        { value: 'ada@example.com', kind: 'address', reason: 'asked by phone', at: AT, addedBy: 'user-1' },
        { value: 'competitor.example', kind: 'domain', reason: 'manual', at: AT, addedBy: 'user-1' },
      ],
    },
  },
  createWebhook: {
    body: {
      url: 'https://crm.example.com/hooks/followup',
      events: ['lead.replied', 'lead.bounced', 'step.sent'],
      description: 'CRM sync',
      enabled: true,
    },
    response: {
      ...webhook,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Y0HMtOnDZs=',
    },
  },
  listWebhooks: { response: { items: [webhook] } },
  getWebhook: { response: webhook },
  putWebhook: {
    body: { url: 'https://crm.example.com/hooks/followup', events: ['*'], enabled: true },
    response: {
      id: webhook.id,
      url: webhook.url,
      events: ['*'],
      enabled: true,
      secretRotatedAt: AT,
      createdAt: AT,
      updatedAt: '2030-03-04T10:00:00.000Z',
    },
  },
  rotateWebhookSecret: {
    response: {
      secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD6c0RgbF+ZvM=',
      previousValidUntil: '2030-03-05T09:00:00.000Z',
    },
  },
  listWebhookDeliveries: { response: { items: [webhookDelivery] } },
  redeliverWebhookDelivery: {
    response: { ...webhookDelivery, status: 'pending', attempts: 0, nextAttemptAt: AT, redeliveries: 1 },
  },
  testWebhook: { response: { deliveryId: 'msg_q3vS0cJ1T7m6Zl1XbqfJ8kWQ2aU', eventId: 'evt_test_5f0c' } },
};
