/**
 * What the sender receives when a step's schedule fires: ids and the plan revision only, so a stale
 * schedule is recognizable. The scheduler writes it (adapters/step-scheduler.ts), the sender's entry
 * point parses it, and the send state is read by it (data/send-state.ts).
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';

export const SenderInputSchema = lazy(() =>
  z.object({
    orgId: z.string().check(z.minLength(1)),
    leadId: z.string().check(z.minLength(1)),
    /** The lead's assistant and sequence for this plan, so the sender reads all it needs in one request. */
    assistantId: z.string().check(z.minLength(1)),
    sequenceId: z.string().check(z.minLength(1)),
    runId: z.string().check(z.minLength(1)),
    revision: z.number().check(z.int(), z.minimum(1)),
    stepIndex: z.number().check(z.int(), z.minimum(0)),
    /** When the schedule was due (ISO); tells a late orphan from a schedule whose plan is being stored. */
    dueAt: z.optional(z.iso.datetime()),
    /**
     * The custom messages the step named when it was planned (its own, or its variants'), read with the
     * rest of the send state in the same request. Only a hint: a step that names another message now
     * (the sequence changed since) has it read apart.
     */
    messageIds: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
  }),
);

export type SenderInput = z.output<ReturnType<typeof SenderInputSchema>>;
