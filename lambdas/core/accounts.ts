/**
 * Accounts (issue #25 §1): the company a lead belongs to, named by its mail domain, and what the org's
 * account policy does about colleagues: pause or stop their follow-ups when one of them replies, cap
 * how many of them run at once, space the sends to one company, and cap how often one person is
 * mailed. Pure decisions; engine/accounts.ts and engine/send-step.ts act on them.
 */
import * as z from 'zod/mini';
import { ValidationError } from './errors';
import { lazy } from './lazy';
import type { ReplyIntent } from './replies';

/** A mail domain as accounts are keyed by: lower-case labels of letters, digits and hyphens. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const isAccountDomain = (value: string) => DOMAIN.test(value);

/** `accountDomain` as a request gives it: trimmed and lower-cased, then checked. */
export const AccountDomainSchema = lazy(() =>
  z
    .pipe(
      z.pipe(
        z.string().check(z.maxLength(253)),
        z.transform((value) => value.trim().toLowerCase()),
      ),
      z.string().check(z.refine(isAccountDomain, 'Expected a mail domain, e.g. acme.example')),
    )
    .check(
      z.describe(
        'The company the lead belongs to, as its mail domain (lower-cased). Default: the domain of its e-mail, unless that is a free or disposable mail domain (gmail.com, mailinator.com, ...), which never groups; an override may not name one either',
      ),
    ),
);

/**
 * Free-mail domains (email-providers) and disposable ones (disposable-email-domains-js), each a Set
 * built on first use: ~300 KB of lists that only the ways a lead gets an e-mail address load (a
 * dynamic import is a chunk of its own in the bundles), never a read route's cold start.
 * disposable-email-domains-js's own `isDisposableEmailDomain` builds a new Set on every call, so its
 * list is taken once instead.
 */
let ungrouped: Promise<(domain: string) => boolean> | undefined;

function ungroupedDomains(): Promise<(domain: string) => boolean> {
  ungrouped ??= Promise.all([
    import('email-providers/all.json', { with: { type: 'json' } }),
    import('disposable-email-domains-js'),
  ]).then(([free, disposable]) => {
    const domains = new Set<string>([...free.default, ...disposable.disposableEmailBlocklist()]);
    return (domain: string) => domains.has(domain);
  });
  return ungrouped;
}

/** Whether mail at this domain says nothing about a company: free or disposable mail. */
export async function isFreeOrDisposableDomain(domain: string): Promise<boolean> {
  return (await ungroupedDomains())(domain.toLowerCase());
}

/**
 * The lead's account: the override given (refused, naming `field`, when it is free or disposable
 * mail), else its e-mail's domain unless that is free or disposable mail; undefined: no account.
 */
export async function accountDomainOf(
  lead: { email?: string; accountDomain?: string },
  field = 'accountDomain',
): Promise<string | undefined> {
  if (lead.accountDomain !== undefined) {
    if (await isFreeOrDisposableDomain(lead.accountDomain)) {
      throw ValidationError.field(
        field,
        `${lead.accountDomain} is a free or disposable mail domain: it names no company, so leads are never grouped by it`,
      );
    }
    return lead.accountDomain;
  }
  const at = lead.email?.lastIndexOf('@') ?? -1;
  if (!lead.email || at < 0) return undefined;
  const domain = lead.email.slice(at + 1).toLowerCase();
  if (!isAccountDomain(domain) || (await isFreeOrDisposableDomain(domain))) return undefined;
  return domain;
}

export const ON_REPLY_ACTIONS = ['pause_colleagues', 'stop_colleagues', 'none'] as const;
export type OnReplyAction = (typeof ON_REPLY_ACTIONS)[number];
export const OVER_LIMIT_ACTIONS = ['refuse', 'wait'] as const;

export const AccountPolicySchema = lazy(() =>
  z
    .object({
      onReply: z
        ._default(z.enum(ON_REPLY_ACTIONS), 'pause_colleagues')
        .check(
          z.describe(
            'When one person of an account replies (any intent but unsubscribe): pause_colleagues (their pending steps wait pauseDays, then continue by themselves; POST /leads/{id}/wake resumes one earlier), stop_colleagues, or none',
          ),
        ),
      pauseDays: z
        ._default(z.number().check(z.int(), z.minimum(1), z.maximum(365)), 14)
        .check(z.describe('Calendar days pause_colleagues holds the colleagues back')),
      maxActivePerAccount: z
        .optional(z.number().check(z.int(), z.minimum(1), z.maximum(10_000)))
        .check(
          z.describe('At most this many leads of one account running (active or snoozed); unset: unlimited'),
        ),
      overLimit: z
        ._default(z.enum(OVER_LIMIT_ACTIONS), 'refuse')
        .check(
          z.describe(
            'Past maxActivePerAccount: refuse (422 account_limit, per row in batches and imports), or wait (enrolled; its first step is held, reason account_limit, until a colleague stops or completes)',
          ),
        ),
      minHoursBetweenAccountSends: z
        ._default(z.number().check(z.minimum(0), z.maximum(720)), 0)
        .check(
          z.describe(
            'Hours at least between two sends to people of one account; a step due sooner waits (reason account_spacing)',
          ),
        ),
    })
    .register(z.globalRegistry, { id: 'AccountPolicy' }),
);
export type AccountPolicy = z.output<ReturnType<typeof AccountPolicySchema>>;

export const defaultAccountPolicy = lazy((): AccountPolicy => AccountPolicySchema().parse({}));

/** `maxMessagesPerPersonPerWeek`: at most this many messages to one person in any 7 days. */
export const PersonFrequencySchema = lazy(() =>
  z
    .optional(z.number().check(z.int(), z.minimum(1), z.maximum(100)))
    .check(
      z.describe(
        'At most this many messages to one person (one lead: one address per org) in any 7 days, across assistants and sequences; a step over it waits to the next allowed moment (reason frequency_cap). Unset: unlimited',
      ),
    ),
);

/** What a person's reply does to its colleagues: nothing for an unsubscribe, which concerns only that person. */
export function colleagueActionFor(policy: AccountPolicy, intent: ReplyIntent): OnReplyAction {
  return intent === 'unsubscribe' ? 'none' : policy.onReply;
}

export const HOUR_MS = 3600 * 1000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

/**
 * When the next send to the account may go, given the last one: undefined when now is fine. A
 * spacing of 0 never holds anything.
 */
export function accountSpacingHold(
  policy: Pick<AccountPolicy, 'minHoursBetweenAccountSends'>,
  lastSentAt: string | undefined,
  now: Date,
): Date | undefined {
  if (policy.minHoursBetweenAccountSends <= 0 || lastSentAt === undefined) return undefined;
  const allowed = new Date(new Date(lastSentAt).getTime() + policy.minHoursBetweenAccountSends * HOUR_MS);
  return allowed.getTime() > now.getTime() ? allowed : undefined;
}

/**
 * When a person with these sends (their times, any order) may get another under the weekly cap:
 * undefined when now is fine. With N allowed, the send that would be the N+1th in 7 days waits until
 * the oldest of the last N is a week old.
 */
export function frequencyCapHold(
  maxPerWeek: number | undefined,
  sentAt: readonly string[],
  now: Date,
): Date | undefined {
  if (maxPerWeek === undefined) return undefined;
  const recent = sentAt
    .map((at) => new Date(at).getTime())
    .filter((at) => at > now.getTime() - WEEK_MS && at <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < maxPerWeek) return undefined;
  const oldestCounted = recent[maxPerWeek - 1];
  return oldestCounted === undefined ? undefined : new Date(oldestCounted + WEEK_MS);
}

/** How long a first step held for the account limit waits before it looks for a free slot again. */
export const ACCOUNT_LIMIT_RECHECK_MS = 24 * HOUR_MS;
