/** The profiles previews render for: the caller's lead and assistant, or documented samples. */
import type { Assistant } from '../core/assistants';
import type { LeadDetails } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import {
  type AssistantProfile,
  type LeadProfile,
  type OrgProfile,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from '../core/rendering/profiles';

export function previewLead(lead: Partial<LeadDetails> | undefined): LeadProfile {
  if (!lead) return SAMPLE_LEAD;
  const { customFields, ...details } = lead;
  return {
    ...details,
    id: 'preview-lead',
    firstName: details.firstName ?? SAMPLE_LEAD.firstName,
    customFields: customFields ?? {},
  };
}

export function previewAssistant(
  assistant: Partial<AssistantProfile> | Assistant | undefined,
): AssistantProfile {
  if (!assistant) return SAMPLE_ASSISTANT;
  return { ...SAMPLE_ASSISTANT, ...assistant };
}

/** The org's own name and website once set; the sample org's until then. */
export function previewOrg(settings: OrgSettings): OrgProfile {
  return settings.name ? { name: settings.name, website: settings.website } : SAMPLE_ORG;
}
