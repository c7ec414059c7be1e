/**
 * The pages an unsubscribe link shows, the one part of the product a lead sees: a confirmation naming
 * who wrote and which channel stops (e-mail: the link withdraws e-mail consent only), with one button, then the result; and, for a link that cannot work (cut
 * short or altered) or whose lead is gone, a page saying so rather than an API error. Self-contained (inline styles, no
 * script, no external assets), readable on a phone, and showing nothing the link's holder does not
 * already know but the sender's name and a masked address.
 */
import { escapeHtml } from '../core/rendering/personalize';

export interface UnsubscribeView {
  /** Who the lead hears from: the org's name, else the assistant's, else undefined. */
  sender?: string;
  /** The assistant who signed the e-mails, when different from `sender`. */
  assistant?: string;
  /** The lead's address, masked (a•••@example.com). */
  address?: string;
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

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>
</head><body><main>${body}</main></body></html>`;

const senderOf = (view: UnsubscribeView) => view.sender ?? 'this sender';
const fromLine = (view: UnsubscribeView) =>
  view.sender
    ? `<p class="from">${escapeHtml(view.sender)}${view.assistant ? ` · ${escapeHtml(view.assistant)}` : ''}</p>`
    : '';
const toAddress = (view: UnsubscribeView) =>
  view.address ? ` to <span class="address">${escapeHtml(view.address)}</span>` : '';

/**
 * Nothing changes until the button is pressed (mail scanners open links). The form posts the RFC 8058
 * one-click body to the same URL, so a mail client's one-click and this button are one endpoint.
 */
export function unsubscribePage(view: UnsubscribeView): string {
  const sender = escapeHtml(senderOf(view));
  return page(
    `Unsubscribe from ${senderOf(view)}`,
    `${fromLine(view)}<h1>Stop e-mails from ${sender}?</h1>
<p>You are receiving follow-up messages from ${sender}${toAddress(view)}. If you unsubscribe:</p>
<ul><li>e-mail stops: no further follow-ups are sent to you, and ${sender} keeps this address on its do-not-contact list, so no later one e-mails you;</li>
<li>this link concerns e-mail only: if ${sender} also writes to you on WhatsApp, answer STOP there to end that too.</li></ul>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>
<p class="note">Not you, or changed your mind? Close this page: nothing changes until you press the button.</p>`,
  );
}

export function unsubscribedPage(view: UnsubscribeView): string {
  const sender = escapeHtml(senderOf(view));
  return page(
    'You are unsubscribed',
    `${fromLine(view)}<div class="check" aria-hidden="true">✓</div><h1>You are unsubscribed</h1>
<p>${sender} will send no more e-mails${toAddress(view)}.</p>
<p>This stopped e-mail only. If ${sender} also writes to you on WhatsApp, answer STOP there to end that too.</p>
<p class="note">To hear from ${sender} again, reply to one of their e-mails or write to them directly. You can close this page.</p>`,
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
  const sender = escapeHtml(senderOf(view));
  return page(
    'Nothing left to stop',
    `${fromLine(view)}<div class="check" aria-hidden="true">✓</div><h1>Nothing left to stop</h1>
<p>${sender} no longer holds the follow-ups this link was for: none of them will be sent.</p>
<p class="note">If you still get e-mails from ${sender}, reply to one and ask them to stop. You can close this page.</p>`,
  );
}

/** a•••@example.com: enough for the lead to recognise the address, too little to harvest it. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
