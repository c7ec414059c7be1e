/** The org API's operations (lambdas/org-api.ts): settings, paused sending, WhatsApp, users. */
import * as z from 'zod/mini';
import { OrgSettingsSchema } from '../../core/org-settings';
import { resumedSendingSchema, sendingViewSchema } from '../sending-views';
import { catalogueQuery, declareOperations, pageOf } from './operation';

const whatsAppInputSchema = () =>
  z.object({
    projectId: z.string().check(z.minLength(1), z.maxLength(100)),
    keyId: z.string().check(z.minLength(1), z.maxLength(200)),
    keySecret: z.string().check(z.minLength(1), z.maxLength(500)),
    appId: z.string().check(z.minLength(1), z.maxLength(100)),
    region: z.enum(['us', 'eu', 'br']),
    webhookSecret: z
      .optional(z.string().check(z.minLength(16), z.maxLength(500)))
      .check(z.describe('The secret Sinch signs its callbacks with')),
  });

const whatsAppViewSchema = () =>
  z.object({
    connected: z.boolean(),
    projectId: z.optional(z.string()),
    appId: z.optional(z.string()),
    region: z.optional(z.enum(['us', 'eu', 'br'])),
    callbackUrl: z.optional(z.url()).check(z.describe('Paste into the Sinch app’s webhook settings')),
    webhookVerified: z
      .optional(z.boolean())
      .check(z.describe('Whether a webhook secret is set, so callbacks are verified')),
  });

export const orgOperations = declareOperations('org', {
  getOrgSettings: {
    method: 'GET',
    path: '/org/settings',
    summary:
      'The org’s name, website, offering, region policy and reputation guard, with the org’s sending state',
    status: 200,
    versioned: true,
    schemas: () => ({
      response: z.extend(OrgSettingsSchema(), { sending: sendingViewSchema() }),
    }),
  },
  putOrgSettings: {
    method: 'PUT',
    path: '/org/settings',
    summary:
      'Replace the org’s settings (admins); needs If-Match with the version read. Generated first e-mails say the offering; without one, sequences and leads whose first e-mail is generated answer a warning',
    status: 200,
    audit: { action: 'org.settings_update', target: 'org' },
    versioned: true,
    schemas: () => ({
      body: OrgSettingsSchema(),
      response: OrgSettingsSchema(),
    }),
  },
  resumeOrgSending: {
    method: 'POST',
    path: '/org/resume-sending',
    summary:
      'Resume the org’s sending paused by its bounce or complaint rate (admins); its rates start over, and the steps its pause deferred are re-planned from now',
    status: 200,
    audit: { action: 'org.resume_sending', target: 'org' },
    schemas: () => ({
      response: resumedSendingSchema(),
    }),
  },
  getWhatsApp: {
    method: 'GET',
    path: '/org/whatsapp',
    summary: 'Whether the org’s Sinch account is connected; never the secret',
    status: 200,
    schemas: () => ({
      response: whatsAppViewSchema(),
    }),
  },
  putWhatsApp: {
    method: 'PUT',
    path: '/org/whatsapp',
    summary: 'Connect the org’s Sinch account (admins); the key secret goes to Secrets Manager',
    status: 200,
    audit: { action: 'org.whatsapp_update', target: 'org' },
    schemas: () => ({
      body: whatsAppInputSchema(),
      response: whatsAppViewSchema(),
    }),
  },
  listUsers: {
    method: 'GET',
    path: '/users',
    summary:
      'A page of the org’s users as the API has seen them, by user id, with the e-mail of their token (admins); pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: catalogueQuery('the users'),
      response: pageOf(
        z.object({ userId: z.string(), email: z.optional(z.string()), role: z.enum(['admin', 'member']) }),
      ),
    }),
  },
});
