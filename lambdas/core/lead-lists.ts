/**
 * How the leads list can be ordered and searched: the contract's values (http/contract/leads.ts), which
 * the listing (data/lead-listing.ts) turns into one Query each.
 */

/** `createdAt` oldest first, `-createdAt` newest first, `nextSendAt` soonest first, `lastReplyAt` newest first. */
export const LEAD_SORTS = ['createdAt', '-createdAt', 'nextSendAt', 'lastReplyAt'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** Search keys (and so `q`) are cut to this many characters. */
export const MAX_SEARCH_KEY_LENGTH = 100;
