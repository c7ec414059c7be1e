/** The tones a generated follow-up can be written in. */

export const TONES = [
  'candid',
  'gentle',
  'appreciative',
  'hopeful',
  'assertive',
  'cautionary',
  'curious',
] as const;

export type Tone = (typeof TONES)[number];
