/**
 * What an inbound e-mail means for a lead's follow-up: a reply (stop), an unsubscribe or a "not
 * interested" (stop), an out-of-office or other auto-reply (postpone, to the return date when the
 * text gives one, else by the org's default days), a bounce (deactivate when permanent), or nothing to act on. Pure: the MIME parsing
 * lives in `adapters/mime.ts`, which produces the `InboundEmail` read here.
 *
 * Wording is matched on text folded to lower case without accents, so `Réponse automatique`,
 * `reponse automatique` and `RÉPONSE AUTOMATIQUE` are one phrase. Unsubscribe and not-interested
 * wording only counts in what the sender wrote: the quoted thread below a reply often carries our own
 * e-mail, whose footer may well say "unsubscribe"; and our own footer, quoted back without a quote
 * marker, is taken out too (withoutOurFooter). A short reply is also read with its typing slips
 * (`typos.ts`): `unsubcribe`, `take me of your list`.
 */
export { isAutoReply } from './auto-reply';
export { failedAddresses, isBounceMessage } from './bounce';
export { classifyReply, FREE_MAIL_DOMAINS, isSameDomain } from './classify';
export * from './model';
export { stripQuotedReply } from './quoted-reply';
