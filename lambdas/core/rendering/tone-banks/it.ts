/**
 * The Italian bank, written for this project from the English one (en.ts), variant for variant: each
 * keeps its English original's intent, tone, length and placeholders, in the words an Italian
 * copywriter would use. Formal register: "Lei", with the courtesy capitals of business letters (Lei, La,
 * Le, Suo, scriverLe); informal: "tu". Nothing agrees with the writer's or the reader's gender ("sarò
 * felice", never "sono convinto"/"grato"), since neither is known; company names go without an article
 * ("per Acme", "in Acme").
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

const BUONGIORNO = '[[Buongiorno|Ciao]] {{lead.firstName|}},';
const GENTILE = '[[Gentile|Ciao]] {{lead.firstName|}},';

const BEST = '[[Un cordiale saluto|Un saluto]],';
const BEST_REGARDS = '[[Cordiali saluti|Un caro saluto]],';
const KIND_REGARDS = '[[Un cordiale saluto|Un caro saluto]],';
const WARM_REGARDS = 'Un caro saluto,';
const THANKS = 'Grazie,';
const MANY_THANKS = 'Grazie mille,';
const WITH_THANKS = '[[La ringrazio|Ti ringrazio]],';
const ALL_THE_BEST = '[[Buona giornata|A presto]],';
const BEST_WISHES = 'Buon lavoro,';
const LOOKING_FORWARD = '[[Resto in attesa di un Suo riscontro|Aspetto tue notizie]],';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Vale la pena parlarne?',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] senza giri di parole: {{lead.context}}',
          '[[Se Le sembra|Se ti sembra]] un tema da approfondire, [[avrebbe|avresti]] 20 minuti per una telefonata la settimana prossima? Altrimenti va benissimo anche un semplice no.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Una domanda veloce e sincera',
        greeting: GENTILE,
        body: [
          'Sono {{assistant.name}} di {{org.name}}. Ecco perché [[La contatto|ti contatto]]: {{lead.context}}',
          "È una priorità per [[Lei|te]] in questo momento? Una risposta di una riga, in un senso o nell'altro, mi sarebbe davvero utile.",
        ],
        signOff: THANKS,
      },
      {
        subject: "Un'idea per {{lead.company}}",
        greeting: BUONGIORNO,
        body: [
          'Sarò breve. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Varrebbe la pena fare una breve telefonata per capire se possiamo essere utili a {{lead.company}}? Se non è il momento giusto, [[me lo dica pure|dimmelo pure]].',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Vale la pena parlarne?',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le dico|ti dico]] subito come stanno le cose: credo che potremmo [[esserLe|esserti]] utili e vorrei capire se è davvero così.',
          '[[Ha|Hai]] 20 minuti la settimana prossima per una breve telefonata?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Una domanda diretta',
        greeting: GENTILE,
        body: [
          'Vengo subito al punto: vorrei 20 minuti del [[Suo|tuo]] tempo per capire se quello che facciamo può [[esserLe|esserti]] utile.',
          'Se non fa al caso [[Suo|tuo]], [[me lo dica|dimmelo]] e non insisterò.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Vale la pena parlarne?',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] senza giri di parole: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Se non fa al caso [[Suo|tuo]], va benissimo anche un semplice no.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Una domanda veloce e sincera',
        greeting: GENTILE,
        body: [
          'Sarò breve. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Di cosa ci occupiamo: {{org.offering.summary}} Perché conta: {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Un sì, un no o un «non ora», anche in una riga, mi sarebbe davvero utile.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Vale la pena sentirci?',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e vengo subito al punto. {{org.offering.summary}}',
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          'Se al momento non è una priorità, [[me lo dica pure|dimmelo pure]] e non insisterò.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Una domanda diretta',
        greeting: GENTILE,
        body: [
          'Sono {{assistant.name}}. In una riga, ecco di cosa ci occupiamo: {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Qualunque risposta va bene.',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Visto che questa conversazione si è fermata, [[Le faccio|ti faccio]] una domanda diretta: è un tema che [[vorrebbe|vorresti]] approfondire o al momento non è una priorità?',
        ],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'So quanto può essere piena la casella di posta, quindi sarò breve: una telefonata di 15 minuti questa settimana o la prossima è realistica?',
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          "Domanda sincera: è un tema su cui {{lead.company}} sta lavorando in questo momento, o è meglio che [[La ricontatti|ti ricontatti]] più avanti nel corso dell'anno?",
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Preferisco chiedere piuttosto che tirare a indovinare: sto scrivendo alla persona giusta? Se se ne occupa qualcun altro, [[mi farebbe un favore|mi faresti un favore]] indicandomi a chi rivolgermi.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          '[[Le scrivo|Ti scrivo]] perché, come {{lead.designation}}, di solito è un tema di [[Sua|tua]] competenza. Ho capito bene o è meglio che ne parli con qualcun altro?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: ['Un sì, un no o un «non ora» mi aiuterebbe molto. Tutte e tre sono risposte più che valide.'],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Riprendo questa conversazione con una domanda semplice: per [[Lei|te]] vale la pena parlarne o è meglio lasciar perdere per ora?',
        ],
        signOff: THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Non avendo ricevuto risposta, immagino che non sia il momento giusto e non [[La disturberò|ti disturberò]] oltre. Se le cose dovessero cambiare, basta rispondere a questa e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: GENTILE,
        body: [
          'Questo sarà il mio ultimo messaggio per ora. Se più avanti il tema diventasse una priorità per {{lead.company}}, sarò felice di riprendere il discorso.',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Non voglio [[intasarLe|intasarti]] la casella di posta, quindi questo è il mio ultimo promemoria. Se più avanti [[volesse|volessi]] parlarne, la mia porta resta aperta.',
        ],
        signOff: BEST_REGARDS,
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Un breve saluto',
        greeting: BUONGIORNO,
        body: [
          'Spero che la settimana stia andando bene. Sono {{assistant.name}} ed ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Se [[Le può|ti può]] essere utile, sarò felice di condividere qualche idea quando [[Le fa|ti fa]] più comodo. Senza alcun impegno.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Un saluto da {{org.name}}',
        greeting: GENTILE,
        body: [
          '[[Spero che stia bene|Spero che tu stia bene]]. Sono {{assistant.name}} di {{org.name}}; due parole sul perché [[Le scrivo|ti scrivo]]: {{lead.context}}',
          'Quando [[avrà|avrai]] un momento, mi farebbe piacere sapere se può [[esserLe|esserti]] utile.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Uno spunto per {{lead.company}}',
        greeting: BUONGIORNO,
        body: [
          "[[Spero che stia bene|Spero che tu stia bene]]. Un po' di contesto sul motivo del mio messaggio: {{lead.context}}",
          '[[Se Le sembra|Se ti sembra]] rilevante per {{lead.company}}, sarò felice di trovare un momento che [[Le|ti]] vada bene.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Un breve saluto',
        greeting: BUONGIORNO,
        body: [
          'Spero che la settimana sia iniziata bene. Sono {{assistant.name}} e mi piacerebbe sapere qualcosa di più su ciò di cui [[si occupa|ti occupi]] e capire se possiamo [[darLe|darti]] una mano.',
          "Se [[è|sei]] d'accordo, una breve telefonata quando [[Le fa|ti fa]] comodo sarebbe perfetta.",
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: '[[Quando ha un momento|Quando hai un momento]]',
        greeting: GENTILE,
        body: [
          'Spero che tutto proceda bene. [[Le scrivo|Ti scrivo]] per presentarmi e per capire se una breve conversazione potrebbe [[esserLe|esserti]] utile.',
          'Nessuna fretta: mi adatto volentieri ai [[Suoi|tuoi]] impegni.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Un breve saluto',
        greeting: BUONGIORNO,
        body: [
          'Spero che la settimana stia andando bene. Sono {{assistant.name}} ed ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Due parole su di noi: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Nessun impegno: va bene quando [[Le fa|ti fa]] più comodo.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: '[[Uno spunto che potrebbe esserLe utile|Uno spunto che potrebbe esserti utile]]',
        greeting: GENTILE,
        body: [
          "Spero che tutto proceda bene. Un po' di contesto sul motivo del mio messaggio: {{lead.context}}",
          'Mi ha fatto pensare a quello che facciamo: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Se non è il momento giusto, nessun problema.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: '[[Quando ha un momento|Quando hai un momento]]',
        greeting: BUONGIORNO,
        body: [
          'Spero che la settimana sia iniziata bene. Sono {{assistant.name}} e vorrei [[condividere con Lei|condividere con te]] brevemente una cosa.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Nessuna fretta: mi adatto volentieri ai [[Suoi|tuoi]] impegni.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Una breve presentazione',
        greeting: GENTILE,
        body: [
          'Spero che tutto proceda bene. [[Le scrivo|Ti scrivo]] per presentarmi e raccontare cosa facciamo, nel caso possa [[esserLe|esserti]] utile.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} E se non è il momento giusto, non [[si senta|sentirti]] in dovere di rispondere.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Volevo solo riportare con discrezione in cima alla [[Sua|tua]] casella il mio messaggio precedente, nel caso [[Le|ti]] fosse sfuggito.',
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GENTILE,
        body: [
          'Nessuna fretta. Volevo solo sapere se [[ha|hai]] avuto modo di leggere la mia e-mail precedente.',
        ],
        signOff: KIND_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'So che in {{lead.company}} le giornate possono essere piene, quindi [[Le riscrivo|ti riscrivo]] con discrezione. Posso aspettare volentieri il momento più adatto per [[Lei|te]].',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Un piccolo promemoria amichevole su questo scambio. Quando [[avrà|avrai]] un momento libero, mi farebbe piacere conoscere il [[Suo|tuo]] parere.',
        ],
        signOff: BEST_WISHES,
      },
      {
        greeting: GENTILE,
        body: [
          'Immagino che in un settore come {{lead.industry}} i ritmi siano serrati, quindi nessuna fretta. Sono qui quando [[vorrà|vorrai]] riprendere il discorso.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Un breve promemoria, nel caso questo messaggio fosse finito sotto altri. Se non è il momento giusto, nessun problema.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          "Riprendo con discrezione l'e-mail precedente di questa conversazione, nel caso sia andata persa in una settimana piena. Nessuna fretta.",
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Non voglio [[riempirLe|riempirti]] ulteriormente la casella di posta, quindi questo sarà il mio ultimo messaggio per ora. Se [[vorrà|vorrai]] parlarne, basta una risposta.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          'Per ora mi faccio da parte, per non risultare invadente. Se più avanti il momento fosse più adatto per {{lead.company}}, sarò felice di [[sentirLa|sentirti]].',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Dopo questo messaggio non [[La ricontatterò|ti ricontatterò]]. [[La ringrazio|Ti ringrazio]] per la pazienza e spero che le nostre strade si incrocino di nuovo al momento giusto.',
        ],
        signOff: BEST_WISHES,
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: '[[Grazie per il Suo tempo|Grazie per il tuo tempo]]',
        greeting: BUONGIORNO,
        body: [
          'Grazie per aver dedicato un momento a questa e-mail. Sono {{assistant.name}} ed ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Mi piacerebbe molto conoscere meglio le [[Sue|tue]] priorità. [[Le andrebbe bene|Ti andrebbe bene]] una breve telefonata la settimana prossima?',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Grazie, e una breve presentazione',
        greeting: GENTILE,
        body: [
          "Grazie per aver aperto questa e-mail. Sono {{assistant.name}} di {{org.name}}; ecco un po' di contesto: {{lead.context}}",
          "Se [[è|sei]] d'accordo, [[Le|ti]] chiederei 20 minuti per capire cosa conta di più per [[Lei|te]] in questo momento.",
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Qualcosa che potrebbe aiutare {{lead.company}}',
        greeting: BUONGIORNO,
        body: [
          'Grazie per la lettura. Due parole sul perché [[Le scrivo|ti scrivo]]: {{lead.context}}',
          "Apprezzerei davvero l'occasione di [[mostrarLe|mostrarti]] come potremmo aiutare {{lead.company}}. [[Le andrebbe|Ti andrebbe]] una breve telefonata?",
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: '[[Grazie per il Suo tempo|Grazie per il tuo tempo]]',
        greeting: BUONGIORNO,
        body: [
          'Grazie per aver dedicato un momento a questa e-mail. Sono {{assistant.name}} e mi piacerebbe sapere su cosa [[si sta concentrando|ti stai concentrando]] in questo trimestre.',
          'Se una breve telefonata può [[esserLe|esserti]] utile, mi adatto volentieri ai [[Suoi|tuoi]] impegni.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Una breve presentazione, con un grazie',
        greeting: GENTILE,
        body: [
          "[[La ringrazio|Ti ringrazio]] per aver aperto questa e-mail. [[Le scrivo|Ti scrivo]] perché credo che potremmo [[semplificarLe|semplificarti]] un po' il lavoro, e il [[Suo|tuo]] punto di vista sarebbe prezioso.",
          '[[Sarebbe disponibile|Saresti disponibile]] per una breve conversazione nelle prossime due settimane?',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: '[[Grazie per il Suo tempo|Grazie per il tuo tempo]]',
        greeting: BUONGIORNO,
        body: [
          'Grazie per aver dedicato un momento a questa e-mail. Sono {{assistant.name}} ed ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Mi farebbe davvero piacere conoscere la [[Sua|tua]] opinione.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Grazie, e una breve presentazione',
        greeting: GENTILE,
        body: [
          "Grazie per aver aperto questa e-mail. Ecco un po' di contesto: {{lead.context}}",
          'Per questo ho pensato a [[Lei|te]]. {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Grazie per l'attenzione.",
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Una breve presentazione, con un grazie',
        greeting: BUONGIORNO,
        body: [
          'Grazie per aver dedicato un momento a questa e-mail. Sono {{assistant.name}} e vorrei [[raccontarLe|raccontarti]] brevemente di cosa ci occupiamo.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} In ogni caso, il [[Suo|tuo]] parere mi sarebbe prezioso.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Grazie per la lettura',
        greeting: GENTILE,
        body: [
          'Grazie per aver aperto questa e-mail: per rispetto del [[Suo|tuo]] tempo, sarò breve.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Anche una risposta di una riga sarebbe molto apprezzata.',
        ],
        signOff: WITH_THANKS,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Grazie per il tempo che [[potrà|potrai]] dedicarmi. Il [[Suo|tuo]] parere mi sarebbe davvero prezioso, quando [[avrà|avrai]] un momento.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: GENTILE,
        body: [
          'So quanto possono essere piene le giornate, quindi grazie per la pazienza con un altro breve messaggio. Una telefonata veloce la settimana prossima [[Le|ti]] sarebbe utile?',
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Grazie per il [[Suo|tuo]] tempo. Mi piacerebbe davvero sapere come {{lead.company}} sta affrontando questo tema al momento.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Ogni minuto che [[potrà|potrai]] dedicarmi è prezioso. Anche una risposta di una riga significherebbe molto.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: GENTILE,
        body: [
          'So che come {{lead.designation}} il [[Suo|tuo]] tempo è prezioso, quindi grazie per aver letto fin qui. Vale la pena fare una breve chiacchierata?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Grazie per la considerazione. Se è difficile trovare spazio per una telefonata, posso volentieri [[inviarLe|inviarti]] un breve riepilogo scritto.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Grazie per aver letto l'e-mail precedente di questa conversazione. Mi farebbe piacere sapere se l'argomento [[Le|ti]] interessa.",
        ],
        signOff: MANY_THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          "Grazie per il tempo e l'attenzione. Con questo chiudo i miei promemoria, ma sarò felice di [[sentirLa|sentirti]] quando il momento sarà quello giusto.",
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: GENTILE,
        body: [
          'Grazie per il [[Suo|tuo]] tempo. Questo sarà il mio ultimo messaggio per ora; se qualcosa dovesse cambiare per {{lead.company}}, sarò felice di risentirci.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Grazie per la lettura; mi fermo qui per non [[rubarLe|rubarti]] altro tempo. [[Le auguro|Ti auguro]] ogni bene.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: '[[Spero possa esserLe utile|Spero possa esserti utile]]',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e spero che questo messaggio arrivi al momento giusto. Un po' di contesto sul perché [[Le scrivo|ti scrivo]]: {{lead.context}}",
          "Mi piacerebbe capire se possiamo [[esserLe|esserti]] d'aiuto. [[Le andrebbe bene|Ti andrebbe bene]] una breve telefonata la settimana prossima?",
        ],
        signOff: BEST,
      },
      {
        subject: "Un'idea da {{org.name}}",
        greeting: GENTILE,
        body: [
          'Sono {{assistant.name}} di {{org.name}}. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Ho la sensazione che potremmo [[esserLe|esserti]] utili e mi piacerebbe scoprirlo insieme. [[Sarebbe disponibile|Saresti disponibile]] per una breve chiacchierata?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: "Un'opportunità interessante per {{lead.company}}",
        greeting: BUONGIORNO,
        body: [
          '[[Spero che stia bene|Spero che tu stia bene]]. Ecco perché [[La contatto|ti contatto]]: {{lead.context}}',
          'Credo che per {{lead.company}} ci sia una vera opportunità, e mi piacerebbe [[mostrarLe|mostrarti]] cosa intendo. [[Le andrebbe|Ti andrebbe]] una telefonata di 20 minuti?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: '[[Spero possa esserLe utile|Spero possa esserti utile]]',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] nella speranza di poter semplificare qualcosa a [[Lei|te]] e al [[Suo|tuo]] team.',
          'Mi piacerebbe sapere su cosa [[si sta concentrando|ti stai concentrando]] in questo periodo. [[Le andrebbe bene|Ti andrebbe bene]] una breve telefonata la settimana prossima?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Una conversazione che vale la pena fare?',
        greeting: GENTILE,
        body: [
          "[[Spero che stia bene|Spero che tu stia bene]]. Ho la sensazione che potremmo [[esserLe|esserti]] davvero utili, e mi piacerebbe avere l'occasione di scoprirlo.",
          'Riusciamo a trovare 20 minuti nelle prossime due settimane?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: '[[Spero possa esserLe utile|Spero possa esserti utile]]',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e spero che questo messaggio arrivi al momento giusto. Un po' di contesto sul perché [[Le scrivo|ti scrivo]]: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "Ho la sensazione che possa [[esserLe|esserti]] d'aiuto. {{org.offering.callToAction}}",
        ],
        signOff: BEST,
      },
      {
        subject: "Un'opportunità interessante",
        greeting: GENTILE,
        body: [
          '[[Spero che stia bene|Spero che tu stia bene]]. Ecco perché [[La contatto|ti contatto]]: {{lead.context}}',
          'Credo che potremmo fare davvero la differenza. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Una conversazione che vale la pena fare?',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] nella speranza di poter semplificare qualcosa a [[Lei|te]] e al [[Suo|tuo]] team.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Spero sia il momento giusto',
        greeting: GENTILE,
        body: [
          '[[Spero che stia bene|Spero che tu stia bene]]. Ho la sensazione che quello che facciamo possa [[esserLe|esserti]] davvero utile.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Credo davvero che sarebbe tempo ben speso.',
        ],
        signOff: LOOKING_FORWARD,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Spero ancora che riusciremo a trovare un momento per parlarne. La settimana prossima [[potrebbe andarLe|potrebbe andarti]] bene?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: GENTILE,
        body: [
          "Ho la sensazione che per [[Lei|te]] ne valga la pena, e mi piacerebbe avere l'occasione di [[mostrarLe|mostrarti]] perché.",
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Credo davvero che potremmo fare la differenza per {{lead.company}}. Riusciamo a trovare 15 minuti per parlarne?',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Spero che il mio messaggio precedente sia arrivato in un buon momento. Sarò felice di condividere qualche idea quando [[vorrà|vorrai]].',
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GENTILE,
        body: [
          "Mi piacerebbe sapere quali sono oggi le [[Sue|tue]] priorità in un settore come {{lead.industry}}. Spero che ci sia un modo per [[esserLe|esserti]] d'aiuto.",
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Incrocio le dita: magari questa settimana il momento è più favorevole. Se è così, mi farebbe piacere fissare una breve telefonata.',
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          "Riprendo l'e-mail precedente di questa conversazione, sperando che ora il momento sia più adatto. [[Le andrebbe|Ti andrebbe]] una breve telefonata?",
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Mi fermo qui con i promemoria, ma spero ancora che avremo occasione di lavorare insieme. Se il momento diventasse più favorevole, basta rispondere a questa e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: GENTILE,
        body: [
          'Questo è il mio ultimo messaggio per ora. Continuo a credere che potremmo aiutare {{lead.company}} e spero che [[vorrà|vorrai]] ricontattarmi quando sarà il momento giusto.',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Non voglio [[riempirLe|riempirti]] la casella di posta, quindi questo è il mio ultimo promemoria. Spero che potremo risentirci più avanti; nel frattempo, [[Le auguro|ti auguro]] ogni successo.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Proposta: una telefonata di 20 minuti',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] per un motivo preciso: {{lead.context}}',
          '[[Le propongo|Ti propongo]] una telefonata di 20 minuti la settimana prossima. Quale giorno [[Le|ti]] va meglio?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Il prossimo passo con {{org.name}}',
        greeting: GENTILE,
        body: [
          'Sono {{assistant.name}} di {{org.name}}. Ecco perché [[La contatto|ti contatto]]: {{lead.context}}',
          'Il passo successivo più utile è una breve telefonata in cui [[Le mostro|ti mostro]] esattamente come potremmo [[aiutarLa|aiutarti]]. [[Potrebbe indicarmi|Potresti indicarmi]] due orari che [[Le|ti]] vanno bene?',
        ],
        signOff: BEST,
      },
      {
        subject: "Un'idea concreta per {{lead.company}}",
        greeting: BUONGIORNO,
        body: [
          'Vengo subito al punto. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Non ho dubbi che possiamo aiutare {{lead.company}}, e vorrei [[mostrarLe|mostrarti]] come in una telefonata di 20 minuti. Che disponibilità [[ha|hai]] la settimana prossima?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Proposta: una telefonata di 20 minuti',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e non ho dubbi che possiamo [[esserLe|esserti]] utili. Vorrei [[mostrarLe|mostrarti]] come in una telefonata di 20 minuti.',
          '[[Può|Puoi]] rispondermi con un orario che [[Le|ti]] va bene, questa settimana o la prossima?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Troviamo 20 minuti',
        greeting: GENTILE,
        body: [
          'Vengo subito al punto: credo che possiamo [[farLe|farti]] risparmiare parecchio tempo, e una breve telefonata è il modo più rapido per scoprirlo.',
          "[[Ha|Hai]] 20 minuti liberi all'inizio della prossima settimana?",
        ],
        signOff: BEST,
      },
      {
        subject: 'Un passo concreto',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e [[Le scrivo|ti scrivo]] per un motivo preciso: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} [[Mi indichi|Indicami]] un orario che [[Le|ti]] va bene e [[Le|ti]] mando l'invito.",
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Una proposta per il prossimo passo',
        greeting: GENTILE,
        body: [
          'Vengo subito al punto. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Ecco cosa facciamo: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Credo davvero che ne varrà la pena.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Troviamo un momento',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e vengo subito al punto. {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Mi indichi|Indicami]] un orario che [[Le|ti]] va bene e al resto penso io.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Una proposta chiara',
        greeting: GENTILE,
        body: [
          'Credo davvero che possiamo [[esserLe|esserti]] utili, ed ecco perché.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Quale giorno [[Le|ti]] va meglio?',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          "Vorrei fissare 20 minuti nella [[Sua|tua]] agenda. L'inizio della prossima settimana [[Le|ti]] va bene, o [[preferisce|preferisci]] un altro momento?",
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          "Fissiamo una breve telefonata per capire se c'è sintonia. [[Mi indichi|Indicami]] un orario che [[Le|ti]] va bene e [[Le|ti]] mando un invito.",
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Credo davvero che per {{lead.company}} valga la pena parlarne. Possiamo bloccare 15 minuti questa settimana?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Il modo più rapido per capire se può [[esserLe|esserti]] utile è una breve telefonata. [[Ha|Hai]] un momento libero nei prossimi giorni?',
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          'Come {{lead.designation}}, [[è Lei|sei tu]] la persona giusta per valutare se vale la pena andare avanti. Possiamo sentirci per 15 minuti questa settimana?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          '[[Le|Ti]] semplifico le cose: [[mi risponda|rispondimi]] con un giorno che [[Le|ti]] va bene e [[Le|ti]] mando subito un invito in calendario.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Riprendo l'e-mail precedente di questa conversazione. [[Potrebbe rispondermi|Potresti rispondermi]] con un orario comodo per una telefonata di 15 minuti?",
        ],
        signOff: BEST_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Non avendo avuto modo di sentirci, per ora chiudo qui. [[Se vuole|Se vuoi]] parlarne, [[risponda|rispondi]] a questa e-mail e troverò il tempo.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          'Questo è il mio ultimo promemoria. Se il tema diventasse una priorità per {{lead.company}}, [[risponda|rispondi]] qui e potremo partire subito.',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Dopo questo messaggio non [[La ricontatterò|ti ricontatterò]]. Quando [[vorrà|vorrai]] andare avanti, basta una [[Sua|tua]] risposta e organizzo una telefonata.',
        ],
        signOff: BEST,
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Prima che diventi urgente',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e [[La contatto|ti contatto]] per tempo, prima che la questione diventi pressante. Un po' di contesto: {{lead.context}}",
          'Varrebbe la pena fare una breve telefonata, così che nulla passi inosservato?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Un messaggio tempestivo da {{org.name}}',
        greeting: GENTILE,
        body: [
          'Sono {{assistant.name}} di {{org.name}}. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}',
          'Per esperienza, queste cose sono più facili da affrontare per tempo, quindi [[Le suggerirei|ti suggerirei]] di parlarne presto.',
        ],
        signOff: BEST,
      },
      {
        subject: "Un'idea tempestiva per {{lead.company}}",
        greeting: BUONGIORNO,
        body: [
          'Sarò breve. Ecco perché [[Le scrivo|ti scrivo]]: {{lead.context}}',
          'Di solito è più facile agire prima che la pressione aumenti. Una breve telefonata nelle prossime due settimane avrebbe senso per {{lead.company}}?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Prima che diventi urgente',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}}. [[La contatto|Ti contatto]] ora perché i problemi che aiutiamo a risolvere costano meno se affrontati per tempo.',
          'Una breve telefonata nelle prossime due settimane [[Le|ti]] sarebbe utile?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Un messaggio tempestivo',
        greeting: GENTILE,
        body: [
          "Sarò breve. Molti team aspettano che un piccolo problema diventi grande prima di cercare aiuto: vorrei [[aiutarLa|aiutarti]] a giocare d'anticipo.",
          'Riusciamo a trovare 20 minuti per parlarne?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Prima che diventi urgente',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e [[La contatto|ti contatto]] per tempo, prima che la questione diventi pressante. Un po' di contesto: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Di solito è più facile agire prima che la pressione aumenti.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Un messaggio tempestivo',
        greeting: GENTILE,
        body: [
          'Sarò breve. Ecco perché [[Le scrivo|ti scrivo]]: {{lead.context}}',
          'Per esperienza, queste cose sono più facili da affrontare per tempo. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Meglio pensarci per tempo',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}}. [[La contatto|Ti contatto]] ora perché i problemi che aiutiamo a risolvere costano meno se affrontati per tempo.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Prima del prossimo periodo intenso',
        greeting: GENTILE,
        body: [
          "Sarò breve. Molti team aspettano che un piccolo problema diventi grande prima di cercare aiuto; vorrei [[aiutarLa|aiutarti]] a giocare d'anticipo.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Muoversi prima è quasi sempre più semplice.',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Non vorrei che la cosa [[Le|ti]] sfuggisse. Vale ancora la pena fare una breve chiacchierata?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          'Per esperienza, rimandare questo tipo di cose di solito le complica invece di semplificarle. Riusciamo a trovare 15 minuti prima che i ritmi si facciano più intensi?',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Mi dispiacerebbe che il tema diventasse urgente per {{lead.company}} prima di avere avuto modo di parlarne. Una breve telefonata questa settimana avrebbe senso?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Un piccolo avvertimento, con garbo: queste cose tendono a costare di più quanto più si aspetta. Sarò felice di [[aiutarLa|aiutarti]] a giocare d'anticipo.",
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          'Come {{lead.designation}}, [[saprà|saprai]] bene quanto in fretta possano crescere i piccoli problemi. Possiamo parlarne per 15 minuti prima che succeda anche con questo?',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Prima che arrivi il prossimo periodo intenso, volevo verificare ancora una volta se una breve telefonata [[Le|ti]] sarebbe utile.',
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          "Riprendo l'e-mail precedente di questa conversazione prima che arrivi il prossimo periodo intenso. Vale ancora la pena fare una breve chiacchierata?",
        ],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Questo sarà il mio ultimo messaggio. Se più avanti la questione diventasse pressante, [[risponda|rispondi]] pure qui: preferisco di gran lunga aiutare prima che dopo.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: GENTILE,
        body: [
          'Dopo questo messaggio non [[La ricontatterò|ti ricontatterò]]. Se per {{lead.company}} il tema diventasse più pressante, basta una risposta.',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Chiudo qui, per non [[intasarLe|intasarti]] la casella di posta. Se più avanti i tempi dovessero stringere, sarò felice di [[aiutarLa|aiutarti]] anche con poco preavviso.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Una domanda veloce',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e c'è una cosa che mi incuriosisce. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}",
          'Come [[vede|vedi]] la questione in questo momento? Mi piacerebbe conoscere il [[Suo|tuo]] punto di vista, anche in una riga o due.',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Mi interessa il Suo punto di vista|Mi interessa il tuo punto di vista]]',
        greeting: GENTILE,
        body: [
          "Sono {{assistant.name}} di {{org.name}}. Ecco un po' di contesto: {{lead.context}}",
          'Mi piacerebbe capire cosa sia più importante per [[Lei|te]] in questo momento. [[Sarebbe disponibile|Saresti disponibile]] per una breve telefonata?',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Una domanda su {{lead.company}}',
        greeting: BUONGIORNO,
        body: [
          'Spero non [[Le dispiaccia|ti dispiaccia]] una domanda a bruciapelo. Ecco perché [[glielo|te lo]] chiedo: {{lead.context}}',
          "Qual è oggi la priorità più grande per {{lead.company}} in quest'ambito?",
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Una domanda veloce',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e ho una curiosità: qual è la cosa che più [[vorrebbe|vorresti]] migliorare nel [[Suo|tuo]] team in questo trimestre?',
          "Se c'è affinità con quello che facciamo, sarò felice di [[raccontarLe|raccontarti]] di più.",
        ],
        signOff: BEST,
      },
      {
        subject: '[[Una curiosità sulle Sue priorità|Una curiosità sulle tue priorità]]',
        greeting: GENTILE,
        body: [
          'Spero non [[Le dispiaccia|ti dispiaccia]] una domanda a bruciapelo: cosa [[La|ti]] sta impegnando di più in questo periodo?',
          "[[Glielo|Te lo]] chiedo perché potremmo [[esserLe|esserti]] d'aiuto, e preferisco capire le [[Sue|tue]] priorità prima di proporre qualsiasi cosa.",
        ],
        signOff: THANKS,
      },
      {
        subject: 'Una domanda veloce',
        greeting: BUONGIORNO,
        body: [
          "Sono {{assistant.name}} e c'è una cosa che mi incuriosisce. Ecco cosa mi ha spinto a [[scriverLe|scriverti]]: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Come [[gestisce|gestisci]] oggi questo aspetto? {{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Mi interessa il Suo punto di vista|Mi interessa il tuo punto di vista]]',
        greeting: GENTILE,
        body: [
          'Spero non [[Le dispiaccia|ti dispiaccia]] una domanda a bruciapelo. Ecco perché [[glielo|te lo]] chiedo: {{lead.context}}',
          "Per [[darLe|darti]] un po' di contesto, ecco cosa facciamo: {{org.offering.summary}} {{org.offering.valueProposition}}",
          'Mi piacerebbe sapere se corrisponde a quello che [[vede|vedi]] ogni giorno. {{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
      {
        subject: '[[Una domanda sulle Sue priorità|Una domanda sulle tue priorità]]',
        greeting: BUONGIORNO,
        body: [
          'Sono {{assistant.name}} e ho una curiosità: qual è la cosa che più [[vorrebbe|vorresti]] migliorare nel [[Suo|tuo]] team in questo trimestre?',
          '[[Glielo|Te lo]] chiedo per via di quello che facciamo: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Potrebbe fare al caso Suo?|Potrebbe fare al caso tuo?]]',
        greeting: GENTILE,
        body: [
          'In una frase, ecco cosa facciamo: {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Mi incuriosisce sapere se per [[Lei|te]] potrebbe fare la differenza.',
          '{{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: BUONGIORNO,
        body: [
          'Mi chiedevo se il mio messaggio precedente fosse in qualche modo rilevante per [[Lei|te]]. Cosa [[Le|ti]] farebbe pensare che valga la pena parlarne?',
        ],
        signOff: BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GENTILE,
        body: [
          'Una domanda veloce: come [[gestisce|gestisci]] oggi questo aspetto? Mi piacerebbe sapere cosa funziona per [[Lei|te]].',
        ],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Mi incuriosisce sapere come {{lead.company}} stia affrontando questo tema al momento. È qualcosa che state valutando attivamente?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Per curiosità: c'è un periodo dell'anno più adatto per parlarne, o semplicemente non è una priorità?",
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          'Come {{lead.designation}}, qual è la sfida più grande che [[ha|hai]] sul tavolo in questo momento? Mi interessa davvero saperlo.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          'Mi piacerebbe conoscere il [[Suo|tuo]] parere, anche solo in una frase o due. [[Le sembra|Ti sembra]] un tema rilevante, o sono fuori strada?',
        ],
        signOff: BEST,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Riprendo l'e-mail precedente di questa conversazione: cosa [[Le|ti]] farebbe pensare che valga la pena parlarne?",
        ],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BUONGIORNO,
        body: [
          'Non avendo ricevuto risposta, mi fermo qui. [[Prima di salutarLa|Prima di salutarti]], una curiosità: era una questione di tempi, o semplicemente non fa al caso [[Suo|tuo]]?',
        ],
        signOff: BEST,
      },
      {
        greeting: GENTILE,
        body: [
          'Questo è il mio ultimo messaggio per ora. Se un giorno [[vorrà|vorrai]] raccontarmi quali sono le priorità di {{lead.company}}, sarò felice di [[ascoltarLa|ascoltarti]].',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BUONGIORNO,
        body: [
          "Chiudo qui. Se [[ha|hai]] un attimo, mi piacerebbe sapere se ha senso [[ricontattarLa|ricontattarti]] più avanti nel corso dell'anno.",
        ],
        signOff: THANKS,
      },
    ],
  },
};

/** Per tone, each opening as a function of how it names the referrer; in English's order. */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} mi ha suggerito che [[è Lei|sei tu]] la persona con cui parlare.`,
    (referrer) =>
      `${referrer} mi ha dato il [[Suo|tuo]] nome, dicendomi che [[è Lei|sei tu]] la persona a cui rivolgermi.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} mi ha gentilmente suggerito di [[contattarLa|contattarti]], quindi mi permetto di [[scriverLe|scriverti]] due righe.`,
    (referrer) =>
      `[[La contatto|Ti contatto]] perché, secondo ${referrer}, [[potrebbe essere Lei|potresti essere tu]] la persona giusta con cui parlare.`,
  ],
  appreciative: [
    (referrer) => `${referrer} ha avuto la gentilezza di suggerirmi di [[contattarLa|contattarti]].`,
    (referrer) => `Devo il [[Suo|tuo]] contatto alla gentilezza di ${referrer}.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} mi ha suggerito di [[contattarLa|contattarti]], e questo mi fa ben sperare: credo che avremo molto di cui parlare.`,
    (referrer) =>
      `${referrer} mi ha detto che [[potrebbe essere Lei|potresti essere tu]] la persona giusta con cui parlare: mi sembra un ottimo inizio.`,
  ],
  assertive: [
    (referrer) =>
      `${referrer} mi ha detto che [[è Lei|sei tu]] la persona con cui parlare, quindi mi rivolgo direttamente a [[Lei|te]].`,
    (referrer) =>
      `${referrer} mi ha suggerito di [[contattarLa|contattarti]] direttamente, e vorrei sfruttare al meglio questa presentazione.`,
  ],
  cautionary: [
    (referrer) =>
      `${referrer} mi ha suggerito di [[contattarLa|contattarti]], e non voglio dare per scontato nulla di più.`,
    (referrer) =>
      `[[Le scrivo|Ti scrivo]] su suggerimento di ${referrer}; se la persona giusta non [[fosse Lei|fossi tu]], [[me lo dica|dimmelo]] pure.`,
  ],
  curious: [
    (referrer) =>
      `${referrer} mi ha detto che [[è Lei|sei tu]] la persona giusta con cui parlare, e mi piacerebbe molto conoscere il [[Suo|tuo]] punto di vista.`,
    (referrer) =>
      `${referrer} mi ha suggerito di [[contattarLa|contattarti]], e mi interessa molto capire come [[vede|vedi]] le cose.`,
  ],
};

export const ITALIAN: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
