/**
 * Who may do what. Everything is scoped to the caller's org by the data keys; within an org, sequences
 * and messages are visible to everyone but only their owner may change them, and system items to no one.
 */
import { ForbiddenError } from './errors';

export type Role = 'admin' | 'member';

export interface Caller {
  orgId: string;
  userId: string;
  role: Role;
  /** From the token's `email` claim, when it has one: Email CC recognizes users by it. */
  email?: string;
}

export interface Owned {
  system: boolean;
  ownerId: string;
}

export function canEdit(caller: Caller, item: Owned): boolean {
  return !item.system && item.ownerId === caller.userId;
}

/** @param kind what the item is, for the message: `sequence`, `message`. */
export function assertCanEdit(caller: Caller, item: Owned, kind: string): void {
  if (item.system) {
    throw new ForbiddenError(
      `System ${kind}s are read-only and cannot be deleted; clone it to make your own`,
    );
  }
  if (item.ownerId !== caller.userId) {
    throw new ForbiddenError(`This ${kind} belongs to someone else; clone it to make your own copy`);
  }
}

export function assertAdmin(caller: Caller, action: string): void {
  if (caller.role !== 'admin') throw new ForbiddenError(`Only an admin may ${action}`);
}

/** What every new item a user creates starts with: its org, its owner, version 1 and timestamps. */
export function newOwnedItem(owner: { orgId: string; userId: string }, id: string, now: Date) {
  const at = now.toISOString();
  return {
    id,
    orgId: owner.orgId,
    system: false,
    ownerId: owner.userId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}
