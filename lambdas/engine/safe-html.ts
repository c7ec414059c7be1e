/**
 * A person's HTML held to what a custom message's is: sanitized, and refused when nothing would be left
 * to send. The rendering stack (sanitize-html, html-to-text) loads with the first body checked.
 */
import { ValidationError } from '../core/errors';

export const NOTHING_LEFT =
  'Nothing would be sent: what is left after removing scripts, styles and other unsafe HTML is empty';

const rendering = () => import('../core/rendering/message-rendering');

/** Whether sanitized HTML still says something (text, or an image). */
export function saysSomething(clean: string, htmlToPlainText: (html: string) => string): boolean {
  return htmlToPlainText(clean).trim() !== '' || /<img\b/i.test(clean);
}

/** `html` sanitized; a 400 at `path` when nothing would be left (an approval draft's edited body). */
export async function sanitizedBody(html: string, path: string): Promise<string> {
  const { sanitizeEmailHtml, htmlToPlainText } = await rendering();
  const clean = sanitizeEmailHtml(html);
  if (!saysSomething(clean, htmlToPlainText)) throw new ValidationError([{ path, message: NOTHING_LEFT }]);
  return clean;
}
