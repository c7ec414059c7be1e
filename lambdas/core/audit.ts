/**
 * What an audit entry may hold: the records an admin changed, without their secrets (webhook signing
 * secrets, WhatsApp keys, tokens), which are never copied anywhere but their own store.
 */

/** Attribute names whose values never go into an audit entry: secrets and tokens. */
const SECRET_KEY = /secret|token|password|keyid|apikey|authorization/i;

/** A copy of a record for the audit log, without secrets (at any depth). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}
