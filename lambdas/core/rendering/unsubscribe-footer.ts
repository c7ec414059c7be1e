/**
 * The unsubscribe footer's words, before and inside its link. render-email.ts writes them; inbound
 * reading (core/inbound/opt-out.ts) recognises them when a reply quotes our e-mail without marking the
 * quote: our own "unsubscribe" is not the lead's. A module of its own so that reading mail does not
 * load the rendering stack (sanitize-html with postcss, html-to-text) at every cold start.
 */
export const UNSUBSCRIBE_FOOTER = {
  lead: "If you'd rather not hear from me again,",
  link: 'unsubscribe here',
};
