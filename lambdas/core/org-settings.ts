/**
 * Org-wide settings: the organization's name and website (personalization), its region policy (how
 * many follow-ups a lead's region allows, and whether exceeding it warns or refuses), and how long an
 * out-of-office without a return date holds the next step back, and the sending-reputation guard's thresholds.
 */
import { z } from 'zod';
import { UnprocessableError } from './errors';
import { DEFAULT_MAX_FOLLOWUPS, REGIONS, type Region, regionOf } from './regions';
import { DEFAULT_REPUTATION_GUARD, ReputationGuardSchema } from './sending-reputation';
import { optionalDisplayText } from './text';

export const OrgSettingsSchema = z.object({
  name: optionalDisplayText(200).default(''),
  website: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  regionPolicy: z
    .object({
      mode: z.enum(['off', 'warn', 'enforce']).default('warn'),
      maxFollowups: z.partialRecord(z.enum(REGIONS), z.number().int().min(0).max(19)).default({}),
    })
    .default({ mode: 'warn', maxFollowups: {} }),
  /** Calendar days an out-of-office that names no return date postpones the next step, counted from it. */
  outOfOfficeDefaultDays: z.number().int().min(1).max(60).default(7),
  /** When an assistant's (or the org's) sending pauses for its bounce or complaint rate. */
  reputationGuard: ReputationGuardSchema.default(DEFAULT_REPUTATION_GUARD),
});

export type OrgSettings = z.output<typeof OrgSettingsSchema>;

export const DEFAULT_ORG_SETTINGS: OrgSettings = OrgSettingsSchema.parse({});

/** The policy with the product's defaults filled in for regions the org did not set. */
export function effectiveMaxFollowups(settings: OrgSettings): Record<Region, number> {
  return { ...DEFAULT_MAX_FOLLOWUPS, ...settings.regionPolicy.maxFollowups };
}

/**
 * Checks a sequence's follow-up count against the lead's region. Returns the warnings to show; throws
 * 422 when the org enforces the policy.
 */
export function checkRegionPolicy(
  settings: OrgSettings,
  country: string | undefined,
  followups: number,
): string[] {
  const { mode } = settings.regionPolicy;
  const region = country === undefined ? undefined : regionOf(country);
  if (mode === 'off' || region === undefined) return [];
  const allowed = effectiveMaxFollowups(settings)[region];
  if (followups <= allowed) return [];
  const message = `The sequence has ${followups} follow-ups; the org allows at most ${allowed} for leads in ${region}`;
  if (mode === 'enforce') throw new UnprocessableError(message, { region, allowed, followups });
  return [message];
}
