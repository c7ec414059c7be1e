/** The schemas of what the API shows of the sending-reputation guard (engine/sending-reputation.ts). */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';

const countsSchema = lazy(() =>
  z.object({
    sends: z.number().check(z.int()),
    bounces: z.number().check(z.int()),
    complaints: z.number().check(z.int()),
  }),
);

export const sendingViewSchema = lazy(() =>
  z
    .object({
      status: z
        .enum(['active', 'paused'])
        .check(
          z.describe(
            'This scope’s own state. On an assistant, `active` does not mean it sends: its org’s pause holds it too (see canSendNow, heldBy)',
          ),
        ),
      reason: z
        .optional(z.string())
        .check(
          z.describe(
            'Why this scope is paused: which rate passed which threshold over which sends (the figures of `cause`), then the rate over the window now when it has moved on since (the figures of bounceRate/complaintRate and `window`)',
          ),
        ),
      cause: z
        .optional(
          z.object({
            rate: z.enum(['bounceRate', 'complaintRate']),
            value: z.number().check(z.describe('The rate when sending paused')),
            threshold: z.number().check(z.describe('The threshold it passed')),
            window: countsSchema(),
          }),
        )
        .check(
          z.describe(
            'While paused: the rate that paused this scope, over the window as it stood then. Bounces and complaints of earlier sends still count after the pause, so the window now may differ',
          ),
        ),
      since: z.optional(z.iso.datetime()).check(z.describe('When sending paused, or was last resumed')),
      bounceRate: z.number().check(z.describe('Hard bounces over the window’s sends (0.04 = 4 %)')),
      complaintRate: z.number().check(z.describe('Complaints over the window’s sends')),
      window: countsSchema().check(
        z.describe(
          'The latest sends the rates are over (since the last resume), with their bounces and complaints',
        ),
      ),
      canSendNow: z
        .boolean()
        .check(
          z.describe(
            'Whether a due step may go out now: on an assistant, neither its own pause nor its org’s holds it; on the org, the org’s pause does not (an assistant may still be paused on its own)',
          ),
        ),
      heldBy: z
        .array(z.enum(['assistant', 'org']))
        .check(
          z.describe(
            'The paused scopes that hold sending, in the order the sender checks them; empty when canSendNow',
          ),
        ),
      resume: z
        .array(z.string())
        .check(
          z.describe(
            'The requests (admins) that lift those holds, one per entry of heldBy and in its order, e.g. "POST /org/resume-sending"',
          ),
        ),
    })
    .register(z.globalRegistry, {
      id: 'Sending',
      description:
        'The sending-reputation guard: while the assistant or its org is paused, due steps are deferred (reason sending_paused) until an admin resumes every scope in heldBy',
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
    .register(z.globalRegistry, {
      id: 'ResumedSending',
      description:
        'The scope after its resume. Resuming an assistant while its org is paused succeeds for the assistant (status active, its window restarts) but leaves canSendNow false, heldBy ["org"] and resume ["POST /org/resume-sending"]',
    }),
);
