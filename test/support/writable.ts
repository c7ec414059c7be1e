/**
 * What a client sends back when it replaces something it read: the view without the fields the server
 * owns. Request bodies refuse unknown fields (lambdas/core/validation.ts), those included.
 */
const SERVER_OWNED = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'receiving',
  'warnings',
  'sending',
  'system',
  'ownerId',
  'editable',
];

export function writableOf<T extends Record<string, unknown>>(view: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(view).filter(([key]) => !SERVER_OWNED.includes(key)));
}
