/** The schemas of what the API shows of the sending-reputation guard (engine/sending-reputation.ts). */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';

export const sendingViewSchema = lazy(() =>
  z
    .object({
      status: z.enum(['active', 'paused']),
      reason: z
        .optional(z.string())
        .check(z.describe('Why sending paused: which rate passed which threshold')),
      since: z.optional(z.iso.datetime()).check(z.describe('When sending paused, or was last resumed')),
      bounceRate: z.number().check(z.describe('Hard bounces over the window’s sends (0.04 = 4 %)')),
      complaintRate: z.number().check(z.describe('Complaints over the window’s sends')),
      window: z
        .object({
          sends: z.number().check(z.int()),
          bounces: z.number().check(z.int()),
          complaints: z.number().check(z.int()),
        })
        .check(
          z.describe(
            'The latest sends the rates are over (since the last resume), with their bounces and complaints',
          ),
        ),
    })
    .register(z.globalRegistry, {
      id: 'Sending',
      description:
        'The sending-reputation guard: paused, due steps are deferred (reason sending_paused) until an admin resumes',
    }),
);

export const resumedSendingSchema = lazy(() =>
  z
    .extend(sendingViewSchema(), {
      replanned: z
        .number()
        .check(
          z.int(),
          z.describe(
            'Deferred leads re-planned to the first business moment from now (at most 100 a request; others send at the opening they were deferred to)',
          ),
        ),
    })
    .register(z.globalRegistry, { id: 'ResumedSending' }),
);
