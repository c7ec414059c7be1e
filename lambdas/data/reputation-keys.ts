/**
 * The partition of an assistant's or an org's sending reputation (data/sending-reputation.ts): spelled
 * here once, because the stream's readers (stream-images.ts) read the scope back from a state's key, the
 * item holding no org or assistant attribute of its own.
 */
import { orgKey } from './items';

/** Whose sends: one assistant's, or the whole org's. */
export type ReputationScope =
  | { orgId: string; assistantId: string }
  | { orgId: string; assistantId?: undefined };

const ASSISTANT_PART = '#REPUTATION#ASSISTANT#';
const ORG_PART = '#REPUTATION#ORG';

export const reputationScopePk = (scope: ReputationScope) =>
  `${orgKey(scope.orgId)}${scope.assistantId === undefined ? ORG_PART : `${ASSISTANT_PART}${scope.assistantId}`}`;

/** The scope a reputation partition key names, or undefined when it names none. */
export function reputationScopeOf(pk: string): ReputationScope | undefined {
  const org = orgKey('');
  if (!pk.startsWith(org)) return undefined;
  const rest = pk.slice(org.length);
  if (rest.endsWith(ORG_PART) && rest.length > ORG_PART.length) {
    return { orgId: rest.slice(0, -ORG_PART.length) };
  }
  const at = rest.indexOf(ASSISTANT_PART);
  if (at <= 0 || at + ASSISTANT_PART.length === rest.length) return undefined;
  return { orgId: rest.slice(0, at), assistantId: rest.slice(at + ASSISTANT_PART.length) };
}
