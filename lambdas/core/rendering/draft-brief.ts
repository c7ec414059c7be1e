/**
 * What a model's kept draft of a step was written for (issue #26): the step's tone and position, the
 * sequence's type, the language and the register. A draft is reused (by a retry, a re-delivery, a
 * review's redraft, a preview) only for a step that asks for the same; a step whose tone, language or
 * formality changed since, or that a sequence edit turned into another kind of step (custom and back,
 * another position), is written anew. A sequence's version is not part of it: a rename, or another
 * step's timing, changes nothing the writer reads, and a model call would buy the same text. Apart from
 * the prompt and the guardrails, so previews match drafts without loading either.
 */
import type { Formality } from '../languages';
import type { SequenceType } from '../sequences';
import type { Tone } from '../tones';
import type { FollowupRequest } from './followup-writer';
import type { MessagePosition } from './tone-bank';

export interface DraftBrief {
  tone: Tone;
  position: MessagePosition;
  sequenceType: SequenceType;
  /** The written language (`de`), as the writer was asked it. */
  language: string;
  formality: Formality;
}

/** The fields a draft must match (the store's condition reads the same list). */
export const BRIEF_FIELDS = ['tone', 'position', 'sequenceType', 'language', 'formality'] as const;

export function draftBriefOf(request: FollowupRequest): DraftBrief {
  const { tone, position, sequenceType, language, formality } = request;
  return { tone, position, sequenceType, language, formality };
}

/** Whether a draft written for `written` is the text a step asking for `wanted` sends; none without a brief. */
export function fitsBrief(written: DraftBrief | undefined, wanted: DraftBrief): boolean {
  return written !== undefined && BRIEF_FIELDS.every((field) => written[field] === wanted[field]);
}
