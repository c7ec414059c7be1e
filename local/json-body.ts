/**
 * Request bodies as the local routes and emulators read them: JSON, `{}` for an empty body, and
 * undefined for anything else, so the schema that validates it names what is missing.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
