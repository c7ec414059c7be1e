/**
 * The unsubscribe pages' words in each language e-mails are written in (http/unsubscribe-pages.ts lays
 * them out). A page speaks to a person who may have come from any e-mail of the org's, so it addresses
 * them formally whatever the org's `formality`, as a service page does.
 *
 * Each language names the sender its own way: `who` where the sender is the subject of a sentence,
 * `from` where the e-mails come from it ("von Contoso", "d’Acme", "deste remetente"), so a sender
 * without a name reads as "this sender" in the right form. Names arrive HTML-escaped in bodies and as
 * text in titles; the address arrives as HTML.
 */

export interface SenderNames {
  who: string;
  from: string;
}

export interface PageWords {
  /** The `lang` attribute. */
  lang: string;
  names(sender: string | undefined): SenderNames;
  /** After "receiving … from the sender": ` to <address>`. */
  to(address: string): string;
  confirm: {
    title(names: SenderNames): string;
    heading(names: SenderNames): string;
    receiving(names: SenderNames, to: string): string;
    stops(names: SenderNames): string;
    emailOnly(names: SenderNames): string;
    button: string;
    note: string;
  };
  done: {
    title: string;
    stopped(names: SenderNames, to: string): string;
    emailOnly(names: SenderNames): string;
    note(names: SenderNames): string;
  };
  nothing: {
    title: string;
    gone(names: SenderNames): string;
    note(names: SenderNames): string;
  };
}

const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ENGLISH: PageWords = {
  lang: 'en',
  names: (sender) => ({ who: sender ?? 'this sender', from: `from ${sender ?? 'this sender'}` }),
  to: (address) => ` to ${address}`,
  confirm: {
    title: ({ from }) => `Unsubscribe ${from}`,
    heading: ({ from }) => `Stop e-mails ${from}?`,
    receiving: ({ from }, to) => `You are receiving follow-up messages ${from}${to}. If you unsubscribe:`,
    stops: ({ who }) =>
      `e-mail stops: no further follow-ups are sent to you, and ${who} keeps this address on its do-not-contact list, so no later one e-mails you;`,
    emailOnly: ({ who }) =>
      `this link concerns e-mail only: if ${who} also writes to you on WhatsApp, answer STOP there to end that too.`,
    button: 'Unsubscribe',
    note: 'Not you, or changed your mind? Close this page: nothing changes until you press the button.',
  },
  done: {
    title: 'You are unsubscribed',
    stopped: ({ who }, to) => `${who} will send no more e-mails${to}.`,
    emailOnly: ({ who }) =>
      `This stopped e-mail only. If ${who} also writes to you on WhatsApp, answer STOP there to end that too.`,
    note: ({ from }) =>
      `To hear ${from} again, reply to one of their e-mails or write to them directly. You can close this page.`,
  },
  nothing: {
    title: 'Nothing left to stop',
    gone: ({ who }) => `${who} no longer holds the follow-ups this link was for: none of them will be sent.`,
    note: ({ from }) =>
      `If you still get e-mails ${from}, reply to one and ask them to stop. You can close this page.`,
  },
};

const GERMAN: PageWords = {
  lang: 'de',
  // German sentences here name the sender after "von" and "bei" only: one case (dative) for all.
  names: (sender) => ({ who: sender ?? 'diesem Absender', from: `von ${sender ?? 'diesem Absender'}` }),
  to: (address) => ` an ${address}`,
  confirm: {
    title: ({ from }) => `E-Mails ${from} abbestellen`,
    heading: ({ from }) => `Keine E-Mails mehr ${from}?`,
    receiving: ({ from }, to) => `Sie erhalten Follow-up-Nachrichten ${from}${to}. Wenn Sie sich abmelden:`,
    stops: ({ from }) =>
      `Die E-Mails hören auf: Sie erhalten keine weiteren Follow-ups, und diese Adresse kommt auf die Sperrliste ${from}, sodass Sie auch später keine E-Mails mehr erhalten;`,
    emailOnly: ({ from }) =>
      `Dieser Link betrifft nur E-Mails: Wenn Sie ${from} auch über WhatsApp Nachrichten erhalten, antworten Sie dort mit STOP, um auch diese zu beenden.`,
    button: 'Abmelden',
    note: 'Nicht Sie, oder haben Sie es sich anders überlegt? Schließen Sie einfach diese Seite: Solange Sie nicht auf die Schaltfläche drücken, ändert sich nichts.',
  },
  done: {
    title: 'Sie sind abgemeldet',
    stopped: ({ from }, to) => `Sie erhalten keine E-Mails mehr ${from}${to}.`,
    emailOnly: ({ from }) =>
      `Abgemeldet sind nur die E-Mails. Wenn Sie ${from} auch über WhatsApp Nachrichten erhalten, antworten Sie dort mit STOP, um auch diese zu beenden.`,
    note: ({ from }) =>
      `Wenn Sie wieder ${from} hören möchten, antworten Sie auf eine der E-Mails oder schreiben Sie direkt. Sie können diese Seite schließen.`,
  },
  nothing: {
    title: 'Nichts mehr abzubestellen',
    gone: ({ who }) =>
      `Die Follow-ups, für die dieser Link galt, gibt es bei ${who} nicht mehr: Keines davon wird gesendet.`,
    note: ({ from }) =>
      `Falls Sie trotzdem noch E-Mails ${from} erhalten, antworten Sie auf eine davon und bitten Sie darum, keine weiteren zu senden. Sie können diese Seite schließen.`,
  },
};

/** "de Contoso", but "d’Acme" before a vowel. */
const frenchFrom = (sender: string) =>
  /^[aeiouyàâäéèêëîïôöùûü]/i.test(sender) ? `d’${sender}` : `de ${sender}`;

const FRENCH: PageWords = {
  lang: 'fr',
  names: (sender) =>
    sender === undefined
      ? { who: 'cet expéditeur', from: 'de cet expéditeur' }
      : { who: sender, from: frenchFrom(sender) },
  to: (address) => ` à l’adresse ${address}`,
  confirm: {
    title: ({ from }) => `Se désabonner des e-mails ${from}`,
    heading: ({ from }) => `Ne plus recevoir d’e-mails ${from} ?`,
    receiving: ({ from }, to) =>
      `Vous recevez des messages de relance ${from}${to}. Si vous vous désabonnez :`,
    stops: ({ who }) =>
      `les e-mails s’arrêtent : aucune autre relance ne vous sera envoyée, et ${who} garde cette adresse sur sa liste d’exclusion, pour qu’aucun envoi ultérieur ne vous parvienne ;`,
    emailOnly: ({ who }) =>
      `ce lien ne concerne que les e-mails : si ${who} vous écrit aussi sur WhatsApp, répondez STOP là-bas pour y mettre fin également.`,
    button: 'Se désabonner',
    note: 'Ce n’est pas vous, ou vous avez changé d’avis ? Fermez cette page : rien ne change tant que vous n’appuyez pas sur le bouton.',
  },
  done: {
    title: 'Désabonnement confirmé',
    stopped: ({ who }, to) => `${upper(who)} ne vous enverra plus d’e-mails${to}.`,
    emailOnly: ({ who }) =>
      `Seuls les e-mails sont arrêtés. Si ${who} vous écrit aussi sur WhatsApp, répondez STOP là-bas pour y mettre fin également.`,
    note: ({ from }) =>
      `Pour avoir à nouveau des nouvelles ${from}, répondez à l’un de ses e-mails ou écrivez-lui directement. Vous pouvez fermer cette page.`,
  },
  nothing: {
    title: 'Plus rien à arrêter',
    gone: ({ who }) =>
      `${upper(who)} ne détient plus les relances auxquelles ce lien correspondait : aucune ne sera envoyée.`,
    note: ({ from }) =>
      `Si vous recevez encore des e-mails ${from}, répondez à l’un d’eux pour demander qu’ils cessent. Vous pouvez fermer cette page.`,
  },
};

const SPANISH: PageWords = {
  lang: 'es',
  names: (sender) => ({ who: sender ?? 'este remitente', from: `de ${sender ?? 'este remitente'}` }),
  to: (address) => ` en ${address}`,
  confirm: {
    title: ({ from }) => `Darse de baja de los correos ${from}`,
    heading: ({ from }) => `¿Dejar de recibir correos ${from}?`,
    receiving: ({ from }, to) => `Está recibiendo mensajes de seguimiento ${from}${to}. Si se da de baja:`,
    stops: ({ who }) =>
      `los correos se detienen: no se le enviarán más seguimientos, y ${who} mantiene esta dirección en su lista de exclusión, para que ningún envío posterior le llegue;`,
    emailOnly: ({ who }) =>
      `este enlace afecta solo al correo electrónico: si ${who} también le escribe por WhatsApp, responda STOP allí para detenerlo también.`,
    button: 'Darse de baja',
    note: '¿No es usted o ha cambiado de opinión? Cierre esta página: no cambia nada hasta que pulse el botón.',
  },
  done: {
    title: 'Se ha dado de baja',
    stopped: ({ who }, to) => `${upper(who)} no le enviará más correos${to}.`,
    emailOnly: ({ who }) =>
      `Esto solo detiene el correo electrónico. Si ${who} también le escribe por WhatsApp, responda STOP allí para detenerlo también.`,
    note: ({ from }) =>
      `Para volver a saber ${from}, responda a uno de sus correos o escríbale directamente. Puede cerrar esta página.`,
  },
  nothing: {
    title: 'No queda nada que detener',
    gone: ({ who }) =>
      `${upper(who)} ya no tiene los seguimientos a los que se refería este enlace: no se enviará ninguno.`,
    note: ({ from }) =>
      `Si aún recibe correos ${from}, responda a uno y pida que dejen de enviarlos. Puede cerrar esta página.`,
  },
};

const ITALIAN: PageWords = {
  lang: 'it',
  names: (sender) => ({ who: sender ?? 'questo mittente', from: `da ${sender ?? 'questo mittente'}` }),
  to: (address) => ` all’indirizzo ${address}`,
  confirm: {
    title: ({ from }) => `Non ricevere più e-mail ${from}`,
    heading: ({ from }) => `Non ricevere più e-mail ${from}?`,
    receiving: ({ from }, to) => `Sta ricevendo messaggi di follow-up ${from}${to}. Se annulla l’iscrizione:`,
    stops: ({ who }) =>
      `le e-mail si interrompono: non le verranno inviati altri follow-up, e ${who} terrà questo indirizzo nel proprio elenco dei contatti da non disturbare, così nessun invio successivo le arriverà;`,
    emailOnly: ({ who }) =>
      `questo link riguarda solo le e-mail: se ${who} le scrive anche su WhatsApp, risponda STOP lì per interrompere anche quei messaggi.`,
    button: 'Annulla l’iscrizione',
    note: 'Non è lei, o ha cambiato idea? Chiuda questa pagina: non cambia nulla finché non preme il pulsante.',
  },
  done: {
    title: 'Iscrizione annullata',
    stopped: ({ who }, to) => `${upper(who)} non le invierà più e-mail${to}.`,
    emailOnly: ({ who }) =>
      `Sono state interrotte solo le e-mail. Se ${who} le scrive anche su WhatsApp, risponda STOP lì per interrompere anche quei messaggi.`,
    note: ({ from }) =>
      `Per ricevere di nuovo notizie ${from}, risponda a una delle sue e-mail o scriva direttamente. Può chiudere questa pagina.`,
  },
  nothing: {
    title: 'Niente da interrompere',
    gone: ({ who }) =>
      `${upper(who)} non ha più i follow-up a cui si riferiva questo link: nessuno verrà inviato.`,
    note: ({ from }) =>
      `Se riceve ancora e-mail ${from}, risponda a una di esse chiedendo di smettere. Può chiudere questa pagina.`,
  },
};

const DUTCH: PageWords = {
  lang: 'nl',
  names: (sender) => ({ who: sender ?? 'deze afzender', from: `van ${sender ?? 'deze afzender'}` }),
  to: (address) => ` op ${address}`,
  confirm: {
    title: ({ from }) => `Afmelden voor e-mails ${from}`,
    heading: ({ from }) => `Geen e-mails meer ${from}?`,
    receiving: ({ from }, to) => `U ontvangt follow-upberichten ${from}${to}. Als u zich afmeldt:`,
    stops: ({ who }) =>
      `krijgt u geen e-mails meer: er worden geen follow-ups meer verstuurd, en ${who} zet dit adres op een lijst van adressen die niet meer gemaild worden, zodat u ook later niets meer ontvangt;`,
    emailOnly: ({ who }) =>
      `geldt dat alleen voor e-mail: als ${who} u ook via WhatsApp schrijft, antwoord daar dan met STOP om ook dat te beëindigen.`,
    button: 'Afmelden',
    note: 'Bent u het niet, of hebt u zich bedacht? Sluit deze pagina: er verandert niets zolang u niet op de knop drukt.',
  },
  done: {
    title: 'U bent afgemeld',
    stopped: ({ who }, to) => `${upper(who)} stuurt u geen e-mails meer${to}.`,
    emailOnly: ({ who }) =>
      `Dit stopt alleen e-mail. Als ${who} u ook via WhatsApp schrijft, antwoord daar dan met STOP om ook dat te beëindigen.`,
    note: ({ from }) =>
      `Wilt u weer iets ${from} horen? Beantwoord dan een van de e-mails of neem rechtstreeks contact op. U kunt deze pagina sluiten.`,
  },
  nothing: {
    title: 'Niets meer te stoppen',
    gone: ({ who }) =>
      `${upper(who)} heeft de follow-ups waarvoor deze link bedoeld was niet meer: geen ervan wordt verstuurd.`,
    note: ({ from }) =>
      `Krijgt u toch nog e-mails ${from}? Beantwoord er een en vraag of ze ermee stoppen. U kunt deze pagina sluiten.`,
  },
};

/** Written to read right in Portugal and in Brazil: no "você"/"tu", third-person courtesy forms. */
const PORTUGUESE: PageWords = {
  lang: 'pt',
  names: (sender) =>
    sender === undefined
      ? { who: 'este remetente', from: 'deste remetente' }
      : { who: sender, from: `de ${sender}` },
  to: (address) => ` em ${address}`,
  confirm: {
    title: ({ from }) => `Cancelar a inscrição nos e-mails ${from}`,
    heading: ({ from }) => `Deixar de receber e-mails ${from}?`,
    receiving: ({ from }, to) => `Recebe mensagens de acompanhamento ${from}${to}. Se cancelar a inscrição:`,
    stops: ({ who }) =>
      `os e-mails param: não serão enviadas mais mensagens de acompanhamento, e ${who} mantém este endereço na sua lista de exclusão, para que não receba mais nenhum e-mail no futuro;`,
    emailOnly: ({ who }) =>
      `este link diz respeito apenas ao e-mail: se ${who} também lhe escreve pelo WhatsApp, responda STOP lá para terminar isso também.`,
    button: 'Cancelar inscrição',
    note: 'Não foi quem pediu, ou mudou de ideia? Feche esta página: nada muda até clicar no botão.',
  },
  done: {
    title: 'Inscrição cancelada',
    stopped: ({ who }, to) => `${upper(who)} não enviará mais e-mails${to}.`,
    emailOnly: ({ who }) =>
      `Isto interrompeu apenas o e-mail. Se ${who} também lhe escreve pelo WhatsApp, responda STOP lá para terminar isso também.`,
    note: ({ from }) =>
      `Para voltar a ter notícias ${from}, responda a um dos e-mails ou escreva diretamente. Pode fechar esta página.`,
  },
  nothing: {
    title: 'Nada mais para interromper',
    gone: ({ who }) =>
      `${upper(who)} já não tem as mensagens de acompanhamento a que este link se referia: nenhuma será enviada.`,
    note: ({ from }) =>
      `Se ainda receber e-mails ${from}, responda a um deles e peça que parem. Pode fechar esta página.`,
  },
};

const PAGE_WORDS: Readonly<Record<string, PageWords>> = {
  en: ENGLISH,
  de: GERMAN,
  fr: FRENCH,
  es: SPANISH,
  it: ITALIAN,
  nl: DUTCH,
  pt: PORTUGUESE,
};

/** The pages' words in `language` (a BCP 47 tag: its primary language decides), else in English. */
export function pageWords(language: string | undefined): PageWords {
  if (language === undefined) return ENGLISH;
  return PAGE_WORDS[new Intl.Locale(language).language] ?? ENGLISH;
}
