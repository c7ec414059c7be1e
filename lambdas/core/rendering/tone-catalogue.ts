/**
 * The tones offered for generated follow-ups, as the sequence editor lists them, and a sample of each
 * rendered for the documented sample lead (`SAMPLE_LEAD`, from `SAMPLE_ASSISTANT` at `SAMPLE_ORG`).
 */
import type { MessageStep } from '../sequences';
import type { Tone } from '../tones';
import { SAMPLE_ASSISTANT, SAMPLE_LEAD, SAMPLE_ORG } from './profiles';
import { previewThread } from './render-email';

export interface ToneInfo {
  tone: Tone;
  label: string;
  description: string;
}

export const TONE_CATALOGUE: readonly ToneInfo[] = [
  {
    tone: 'candid',
    label: 'Candid',
    description: 'Straightforward and honest: says plainly why you are writing and asks for a clear answer.',
  },
  {
    tone: 'gentle',
    label: 'Gentle',
    description: 'A soft, low-pressure nudge that leaves the lead plenty of room.',
  },
  {
    tone: 'appreciative',
    label: 'Appreciative',
    description: 'Thanks the lead for their time and attention before checking in.',
  },
  {
    tone: 'hopeful',
    label: 'Hopeful',
    description: 'Upbeat and optimistic about what working together could bring.',
  },
  {
    tone: 'assertive',
    label: 'Assertive',
    description: 'Confident and direct: proposes a concrete next step.',
  },
  {
    tone: 'cautionary',
    label: 'Cautionary',
    description: 'Points out, politely, that waiting tends to make things harder and that timing matters.',
  },
  {
    tone: 'curious',
    label: 'Curious',
    description: "Asks a genuine question about the lead's priorities to restart the conversation.",
  },
];

export interface ToneSample {
  tone: Tone;
  subject: string;
  html: string;
  text: string;
}

const SAMPLE_SEQUENCE_ID = 'sample-sequence';
/** Fixed, so a sample reads the same on every call. */
const SAMPLE_SENT_AT = '2026-03-02T15:00:00.000Z';

/**
 * A follow-up in `tone` as `SAMPLE_LEAD` would receive it: step 1 of a three-step sequence, replying
 * under the first e-mail, without the quote so the sample stays short.
 */
export function sampleFor(tone: Tone): ToneSample {
  const step: MessageStep = { afterDays: 2, channel: 'email', messageType: 'generated', tone };
  const { subject, html, text } = previewThread({
    lead: SAMPLE_LEAD,
    org: SAMPLE_ORG,
    assistant: { ...SAMPLE_ASSISTANT, includeFirstEmail: false },
    sequence: { id: SAMPLE_SEQUENCE_ID, type: 'standard', steps: [{ ...step, afterDays: 0 }, step, step] },
    stepIndex: 1,
    firstSentAt: SAMPLE_SENT_AT,
  });
  return { tone, subject, html, text };
}
