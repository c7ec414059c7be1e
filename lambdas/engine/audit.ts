/**
 * Recording a change in the org's audit log. The API handler calls it once per audited operation (the
 * contract's `audit`), right after the change succeeded, so no route records it by hand: the entry's
 * `after` is what the route answered unless the route says otherwise, `before` what the route read
 * before changing, and secrets are dropped at any depth (core/audit.ts `withoutSecrets`).
 *
 * Not in the change's own transaction: most changes are not one transaction (a sequence's, an
 * assistant's, a webhook's with its secret), and one writer for all keeps every route honest. The
 * entry follows the change within the same invocation; if its write fails, the change (committed
 * already) still answers, and the failure is logged with the entry and counted (AuditWriteFailures),
 * which an alarm can watch.
 */
import { withoutSecrets } from '../core/audit';
import type { Caller } from '../core/permissions';
import { appendAuditEntry } from '../data/audit-log';
import { countEvent, logger } from '../runtime/observability';

export interface AuditedChange {
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

export async function recordChange(
  caller: Caller,
  audit: { action: string; target: string },
  change: AuditedChange,
  now: Date,
): Promise<void> {
  const entry = {
    at: now.toISOString(),
    actor: { userId: caller.userId, role: caller.role },
    action: audit.action,
    target: { kind: audit.target, ...(change.targetId !== undefined && { id: change.targetId }) },
    ...(change.before !== undefined && { before: withoutSecrets(change.before) }),
    ...(change.after !== undefined && { after: withoutSecrets(change.after) }),
  };
  try {
    await appendAuditEntry(caller.orgId, entry);
  } catch (error) {
    logger.error('The audit entry of a change could not be written', { entry, error });
    countEvent('AuditWriteFailures', { kind: audit.action });
  }
}
