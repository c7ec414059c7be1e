/**
 * The pages an unsubscribe link shows, the one part of the product a lead sees: a confirmation naming
 * who wrote and which channel stops (e-mail: the link withdraws e-mail consent only), with one button, then the result; and, for a link that cannot work (cut
 * short or altered) or whose lead is gone, a page saying so rather than an API error. Self-contained (inline styles, no
 * script, no external assets), readable on a phone, and showing nothing the link's holder does not
 * already know but the sender's name and a masked address. In the language of the e-mail the link
 * came in (else the lead's) where its words are written (unsubscribe-page-words.ts), else English; the page for a link that does not verify
 * knows no lead, and is English.
 */
import { escapeHtml } from '../core/rendering/personalize';
import { type PageWords, pageWords } from './unsubscribe-page-words';

export interface UnsubscribeView {
  /** Who the lead hears from: the org's name, else the assistant's, else undefined. */
  sender?: string;
  /** The assistant who signed the e-mails, when different from `sender`. */
  assistant?: string;
  /** The lead's address, masked (a•••@example.com). */
  address?: string;
  /** The e-mail's language, else the lead's (BCP 47): the page is in it where there are words for it, else in English. */
  language?: string;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2937;--muted:#4b5563;--bg:#f3f4f6;--card:#fff;--line:#e5e7eb;--accent:#b91c1c;--ok:#047857}
@media (prefers-color-scheme:dark){:root{--fg:#f3f4f6;--muted:#d1d5db;--bg:#111827;--card:#1f2937;--line:#374151;--accent:#f87171;--ok:#34d399}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;display:flex;align-items:flex-start;justify-content:center;padding:12vh 1rem 2rem}
main{width:100%;max-width:30rem;background:var(--card);border:1px solid var(--line);border-radius:.9rem;padding:2rem 1.5rem;box-shadow:0 1px 3px rgb(0 0 0/.08)}
.from{margin:0 0 .25rem;font-size:.9rem;letter-spacing:.02em;text-transform:uppercase;color:var(--muted)}
h1{margin:0 0 1rem;font-size:1.5rem;line-height:1.25}
p{margin:0 0 1rem}
ul{margin:0 0 1.5rem;padding-left:1.2rem}
li{margin:.3rem 0}
.address{font-weight:600;overflow-wrap:anywhere}
button{display:block;width:100%;font:inherit;font-weight:600;padding:.85rem 1rem;border-radius:.6rem;border:0;background:var(--accent);color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
.check{display:inline-flex;align-items:center;justify-content:center;width:2.5rem;height:2.5rem;border-radius:50%;background:var(--ok);color:#fff;font-size:1.4rem;margin-bottom:1rem}
.mark{display:inline-flex;align-items:center;justify-content:center;width:2.5rem;height:2.5rem;border-radius:50%;background:var(--muted);color:var(--card);font-size:1.4rem;font-weight:700;margin-bottom:1rem}
.note{font-size:.9rem;color:var(--muted);margin:1.25rem 0 0}
`;

const page = (title: string, body: string, lang = 'en') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>
</head><body><main>${body}</main></body></html>`;

/** The view's words, and the sender named as text (titles) and as HTML (bodies). */
function wordsFor(view: UnsubscribeView) {
  const words: PageWords = pageWords(view.language);
  return {
    words,
    text: words.names(view.sender),
    html: words.names(view.sender === undefined ? undefined : escapeHtml(view.sender)),
    to: view.address ? words.to(`<span class="address">${escapeHtml(view.address)}</span>`) : '',
  };
}

const fromLine = (view: UnsubscribeView) =>
  view.sender
    ? `<p class="from">${escapeHtml(view.sender)}${view.assistant ? ` · ${escapeHtml(view.assistant)}` : ''}</p>`
    : '';

/**
 * Nothing changes until the button is pressed (mail scanners open links). The form posts the RFC 8058
 * one-click body to the same URL, so a mail client's one-click and this button are one endpoint.
 */
export function unsubscribePage(view: UnsubscribeView): string {
  const { words, text, html, to } = wordsFor(view);
  const { confirm } = words;
  return page(
    confirm.title(text),
    `${fromLine(view)}<h1>${confirm.heading(html)}</h1>
<p>${confirm.receiving(html, to)}</p>
<ul><li>${confirm.stops(html)}</li>
<li>${confirm.emailOnly(html)}</li></ul>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${confirm.button}</button></form>
<p class="note">${confirm.note}</p>`,
    words.lang,
  );
}

export function unsubscribedPage(view: UnsubscribeView): string {
  const { words, html, to } = wordsFor(view);
  const { done } = words;
  return page(
    done.title,
    `${fromLine(view)}<div class="check" aria-hidden="true">✓</div><h1>${done.title}</h1>
<p>${done.stopped(html, to)}</p>
<p>${done.emailOnly(html)}</p>
<p class="note">${done.note(html)}</p>`,
    words.lang,
  );
}

/**
 * The link's signature does not verify: mail clients and forwarding wrap or cut long links, and people
 * copy them partly. Nothing was changed, and the page says how to stop the e-mails anyway.
 */
export function invalidLinkPage(): string {
  return page(
    'This unsubscribe link does not work',
    `<div class="mark" aria-hidden="true">!</div><h1>This unsubscribe link does not work</h1>
<p>The link is incomplete or was changed on its way here, so nothing was changed.</p>
<ul><li>Open the link from the e-mail again, or copy all of it into the address bar (long links are sometimes cut in two);</li>
<li>or reply to the e-mail asking to stop: a reply ends the follow-ups too.</li></ul>
<p class="note">You can close this page.</p>`,
  );
}

/** The link is genuine but its lead was deleted: nothing is planned for it, so nothing is left to stop. */
export function nothingToStopPage(view: UnsubscribeView): string {
  const { words, html } = wordsFor(view);
  const { nothing } = words;
  return page(
    nothing.title,
    `${fromLine(view)}<div class="check" aria-hidden="true">✓</div><h1>${nothing.title}</h1>
<p>${nothing.gone(html)}</p>
<p class="note">${nothing.note(html)}</p>`,
    words.lang,
  );
}

/** a•••@example.com: enough for the lead to recognise the address, too little to harvest it. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
