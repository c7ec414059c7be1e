/** The schemas of what the API shows of the sending-reputation guard (engine/sending-reputation.ts). */
import * as z from 'zod';
import { lazy } from '../core/lazy';

export const sendingViewSchema = lazy(() =>
  z
    .object({
      status: z.enum(['active', 'paused']),
      reason: z.string().optional().describe('Why sending paused: which rate passed which threshold'),
      since: z.iso.datetime().optional().describe('When sending paused, or was last resumed'),
      bounceRate: z.number().describe('Hard bounces over the window’s sends (0.04 = 4 %)'),
      complaintRate: z.number().describe('Complaints over the window’s sends'),
      window: z
        .object({ sends: z.number().int(), bounces: z.number().int(), complaints: z.number().int() })
        .describe(
          'The latest sends the rates are over (since the last resume), with their bounces and complaints',
        ),
    })
    .describe(
      'The sending-reputation guard: paused, due steps are deferred (reason sending_paused) until an admin resumes',
    )
    .meta({ id: 'Sending' }),
);

export const resumedSendingSchema = lazy(() =>
  sendingViewSchema()
    .extend({
      replanned: z
        .number()
        .int()
        .describe(
          'Deferred leads re-planned to the first business moment from now (at most 100 a request; others send at the opening they were deferred to)',
        ),
    })
    .meta({ id: 'ResumedSending' }),
);
