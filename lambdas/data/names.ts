/**
 * Name reservations: a name is unique per org and kind, case-insensitively, because the item
 * `pk=ORG#<org>, sk=NAME#<kind>#<name key>` is written with `attribute_not_exists` in the same
 * transaction as the record that takes the name.
 */
import { nameKey } from '../core/system-catalogue';
import { tableName } from './client';
import { orgKey } from './items';
import type { TransactItem } from './transactions';

export type NamedKind = 'SEQ' | 'MSG';

interface Named {
  orgId: string;
  id: string;
  name: string;
}

const reservationKey = (kind: NamedKind, orgId: string, name: string) => ({
  pk: orgKey(orgId),
  sk: `NAME#${kind}#${nameKey(name)}`,
});

export function reserveName(kind: NamedKind, owner: Named): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...reservationKey(kind, owner.orgId, owner.name), entity: 'name', ownerId: owner.id },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function releaseName(kind: NamedKind, owner: Named): TransactItem {
  return { Delete: { TableName: tableName(), Key: reservationKey(kind, owner.orgId, owner.name) } };
}
