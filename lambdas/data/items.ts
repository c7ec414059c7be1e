/** Conversions between domain records and table items shared by the entity modules. */
import { KEY_ATTRIBUTE_NAMES, TABLE_KEYS } from './table-schema';

export type Item = Record<string, unknown>;

const KEY_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...KEY_ATTRIBUTE_NAMES,
  TABLE_KEYS.ttlAttribute,
  'entity',
]);

/** The record an item stores, without the table's key and bookkeeping attributes. */
export function recordOf<T>(item: Item, alsoDrop: readonly string[] = []): T {
  const dropped = new Set(alsoDrop);
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => !KEY_ATTRIBUTES.has(key) && !dropped.has(key)),
  ) as T;
}

/** The partition every org-wide catalogue item (sequences, messages, their names) lives in. */
export const orgKey = (orgId: string) => `ORG#${orgId}`;
/** The partition of a lead's log: its sends, timeline, drafts and approvals (erased with the lead). */
export const leadLogKey = (orgId: string, leadId: string) => `LEADLOG#${orgId}#${leadId}`;

/**
 * `SET a = :a, ...` for every defined field and `REMOVE` for the undefined ones, so an update can
 * replace a record's fields without touching attributes other writers maintain.
 */
export function replaceFieldsExpression(fields: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    names[`#${field}`] = field;
    if (value === undefined) removes.push(`#${field}`);
    else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
