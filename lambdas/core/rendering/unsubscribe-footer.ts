/**
 * The unsubscribe footer's words, before and inside its link, in each language e-mails are written in.
 * render-email.ts writes them; inbound reading (core/inbound/opt-out.ts) recognises every one of them
 * when a reply quotes our e-mail without marking the quote: our own "unsubscribe" is not the lead's. A
 * module of its own so that reading mail does not load the rendering stack (sanitize-html with
 * postcss, html-to-text) at every cold start.
 *
 * Languages with a formal and an informal register write both, `[[formal|informal]]`, as the tone
 * banks do (tone-banks/bank.ts): the org's `formality` picks one, so the footer addresses the lead the
 * way the e-mail above it does.
 */
import { type Formality, inRegister } from './tone-banks/bank';

export interface FooterWords {
  /** The sentence before the link, e.g. "If you'd rather not hear from me again,". */
  lead: string;
  /** The link's text; a full stop follows it. */
  link: string;
}

const ENGLISH: FooterWords = { lead: "If you'd rather not hear from me again,", link: 'unsubscribe here' };

const FOOTERS: Readonly<Record<string, FooterWords>> = {
  en: ENGLISH,
  de: {
    lead: 'Wenn [[Sie|du]] keine E-Mails mehr von mir erhalten [[möchten|möchtest]],',
    link: '[[melden Sie sich hier ab|melde dich hier ab]]',
  },
  fr: {
    lead: 'Si [[vous préférez|tu préfères]] ne plus recevoir de messages de ma part,',
    link: '[[désinscrivez-vous ici|désinscris-toi ici]]',
  },
  es: {
    lead: 'Si [[prefiere|prefieres]] no recibir más mensajes míos,',
    link: '[[puede darse de baja aquí|puedes darte de baja aquí]]',
  },
  it: {
    lead: 'Se [[preferisce|preferisci]] non ricevere più mie e-mail,',
    link: '[[può annullare l’iscrizione qui|puoi annullare l’iscrizione qui]]',
  },
  nl: {
    lead: '[[Wilt u|Wil je]] liever geen e-mails meer van mij ontvangen?',
    link: '[[Meld u hier af|Meld je hier af]]',
  },
  // "você" serves both registers in Brazil and reads as courteous in Portugal.
  pt: { lead: 'Se preferir não receber mais mensagens minhas,', link: 'cancele a inscrição aqui' },
};

/** The footer of an e-mail written in `language` (a bank's language), in the org's register; English for any other. */
export function unsubscribeFooter(language: string, formality: Formality): FooterWords {
  const words = FOOTERS[language] ?? ENGLISH;
  return { lead: inRegister(words.lead, formality), link: inRegister(words.link, formality) };
}

/** Every footer an e-mail of ours may carry: each language, in each register. */
export function everyUnsubscribeFooter(): FooterWords[] {
  const footers = new Map<string, FooterWords>();
  for (const language of Object.keys(FOOTERS)) {
    for (const formality of ['formal', 'informal'] as const) {
      const words = unsubscribeFooter(language, formality);
      footers.set(`${words.lead}\u0000${words.link}`, words);
    }
  }
  return [...footers.values()];
}
