/** The plain-text alternative of an e-mail, derived from its HTML (quoted blocks become `> ` lines). */
import { convert, type HtmlToTextOptions } from 'html-to-text';

const PLAIN_TEXT: HtmlToTextOptions = {
  wordwrap: 78,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
  ],
};

export function htmlToPlainText(html: string): string {
  return convert(html, PLAIN_TEXT);
}
