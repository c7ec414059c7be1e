/**
 * The Dutch bank, written for this project from the English one (en.ts), variant for variant: each
 * keeps its English original's intent, tone, length and placeholders, in the words a Dutch copywriter
 * would use. Formal register: "u" (uw, heeft u, kunt u), informal: "je"/"jij" (Hoi, Groet). "Beste" opens
 * in both registers, as it does in Dutch business mail; company names follow "bij"/"voor" ("bij Acme").
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

const BESTE = 'Beste {{lead.firstName|}},';
const HALLO = '[[Goedendag|Hallo]] {{lead.firstName|}},';
const HOI = '[[Beste|Hoi]] {{lead.firstName|}},';

const BEST = '[[Met vriendelijke groet|Groet]],';
const BEST_REGARDS = 'Met vriendelijke groet,';
const KIND_REGARDS = '[[Vriendelijke groet|Groet]],';
const WARM_REGARDS = 'Hartelijke groet,';
const THANKS = 'Alvast bedankt,';
const MANY_THANKS = '[[Hartelijk dank|Dank je wel]],';
const WITH_THANKS = '[[Met dank en vriendelijke groet|Dank je]],';
const ALL_THE_BEST = 'Het beste,';
const BEST_WISHES = '[[Met hartelijke groet|Hartelijke groet]],';
const LOOKING_FORWARD = '[[Graag tot horens|Tot horens]],';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Een kort gesprek waard?',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik zeg het maar eerlijk waarom ik [[u|je]] mail: {{lead.context}}',
          '[[Vindt u|Vind je]] dit de moeite waard om verder te verkennen, [[heeft u|heb je]] dan volgende week 20 minuten voor een kort gesprek? Zo niet, dan is een kort nee ook prima.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een korte, eerlijke vraag',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}} van {{org.name}}. Dit is waarom ik contact met [[u|je]] opneem: {{lead.context}}',
          'Heeft dit op dit moment prioriteit voor [[u|jou]]? Een antwoord van één regel, ja of nee, zou me enorm helpen.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Een idee voor {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik houd het kort. De aanleiding voor mijn bericht: {{lead.context}}',
          'Is een kort gesprek de moeite waard om te kijken of we {{lead.company}} kunnen helpen? Is de timing niet goed, laat het me dan gerust weten.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een kort gesprek waard?',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik zeg het maar eerlijk: ik denk dat we [[u|je]] kunnen helpen, en ik wil graag uitzoeken of dat klopt.',
          '[[Heeft u|Heb je]] volgende week 20 minuten voor een kort gesprek?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een directe vraag',
        greeting: HALLO,
        body: [
          'Ik kom meteen ter zake: ik zou graag 20 minuten van [[uw|je]] tijd vragen om te kijken of wat wij doen [[u|je]] iets oplevert.',
          'Past het niet, laat het me dan weten, dan laat ik het daarbij.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Een kort gesprek waard?',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik zeg het maar eerlijk waarom ik [[u|je]] mail: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Past het niet, dan is een kort nee ook prima.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een korte, eerlijke vraag',
        greeting: HALLO,
        body: [
          'Ik houd het kort. De aanleiding voor mijn bericht: {{lead.context}}',
          'Wat we doen: {{org.offering.summary}} Waarom dat ertoe doet: {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Een kort ja, nee of ‘nu niet’ zou me enorm helpen.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Is dit een gesprek waard?',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik kom meteen ter zake. {{org.offering.summary}}',
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          'Heeft het nu geen prioriteit, laat het me dan gewoon weten, dan laat ik het daarbij.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een directe vraag',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}}. In één zin wat we doen: {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Elk antwoord is een goed antwoord.',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Omdat het hier stil is geworden, vraag ik het maar gewoon: [[wilt u|wil je]] hier verder naar kijken, of heeft het nu geen prioriteit?',
        ],
        signOff: THANKS,
      },
      {
        greeting: HOI,
        body: [
          'Ik weet hoe vol een inbox kan zitten, dus ik houd het kort. Is een gesprek van 15 minuten deze week of volgende week haalbaar?',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Eerlijke vraag: staat dit bij {{lead.company}} op dit moment op de agenda, of kan ik beter later dit jaar nog eens contact opnemen?',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Ik vraag het liever dan dat ik ernaar gis: ben ik bij de juiste persoon? Gaat iemand anders hierover, dan zou ik een doorverwijzing erg waarderen.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik mail [[u|je]] omdat dit als {{lead.designation}} meestal op [[uw|je]] bord ligt. Klopt dat, of kan ik beter met iemand anders praten?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HOI,
        body: ['Een kort ja, nee of ‘nu niet’ zou me enorm helpen. Alle drie zijn prima antwoorden.'],
        signOff: THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik pak deze mailwisseling even op met een eenvoudige vraag: is dit een gesprek waard voor [[u|jou]], of laten we het voorlopig rusten?',
        ],
        signOff: THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Ik heb niets meer van [[u|je]] gehoord, dus ik ga ervan uit dat dit niet het juiste moment is en stop met opvolgen. Verandert dat, [[reageert u dan gerust|reageer dan gerust]] op deze e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Dit is voorlopig mijn laatste bericht. Krijgt dit later bij {{lead.company}} wel prioriteit, dan pak ik het gesprek graag weer op.',
        ],
        signOff: BEST,
      },
      {
        greeting: HOI,
        body: [
          'Ik wil [[uw|je]] inbox niet blijven vullen, dus dit is mijn laatste follow-up. Mocht [[u|je]] later willen praten, dan staat mijn deur open.',
        ],
        signOff: BEST_REGARDS,
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Even kennismaken',
        greeting: BESTE,
        body: [
          'Ik hoop dat [[uw|je]] week goed verloopt. Ik ben {{assistant.name}}, en dit is de aanleiding voor mijn bericht: {{lead.context}}',
          'Als [[u|je]] er iets aan [[heeft|hebt]], deel ik graag een paar ideeën, wanneer het [[u|jou]] uitkomt. Geheel vrijblijvend.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Even kennismaken vanuit {{org.name}}',
        greeting: HALLO,
        body: [
          'Ik hoop dat alles goed gaat. Ik ben {{assistant.name}} van {{org.name}}; even wat achtergrond bij mijn bericht: {{lead.context}}',
          'Als [[u|je]] even tijd [[heeft|hebt]], hoor ik graag of dit [[u|je]] verder helpt.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Een gedachte voor {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik hoop dat het goed met [[u|je]] gaat. Wat context bij mijn bericht: {{lead.context}}',
          'Klinkt dit relevant voor {{lead.company}}, dan zoek ik graag een moment dat [[u schikt|jou uitkomt]].',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Even kennismaken',
        greeting: BESTE,
        body: [
          'Ik hoop dat [[uw|je]] week goed begonnen is. Ik ben {{assistant.name}}, en ik hoor graag wat meer over waar [[u|je]] mee bezig bent, en of we [[u|je]] ergens mee kunnen helpen.',
          'Als [[u|je]] ervoor openstaat, zou een kort gesprek op een moment dat het [[u|jou]] uitkomt heel fijn zijn.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: '[[Wanneer het u uitkomt|Wanneer het jou uitkomt]]',
        greeting: HALLO,
        body: [
          'Ik hoop dat alles goed gaat. Ik stel mezelf graag even voor, en ik vraag me af of een kort gesprek [[u|je]] van pas zou komen.',
          'Er is geen enkele haast; ik pas me graag aan [[uw|jouw]] agenda aan.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Even kennismaken',
        greeting: BESTE,
        body: [
          'Ik hoop dat [[uw|je]] week goed verloopt. Ik ben {{assistant.name}}, en dit is de aanleiding voor mijn bericht: {{lead.context}}',
          'Kort over wat we doen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Geheel vrijblijvend; wanneer het [[u|jou]] uitkomt is prima.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Een gedachte die kan helpen',
        greeting: HALLO,
        body: [
          'Ik hoop dat alles goed gaat. Wat context bij mijn bericht: {{lead.context}}',
          'Het deed me denken aan wat wij doen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Is dit niet het juiste moment, dan is dat helemaal prima.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: '[[Wanneer het u uitkomt|Wanneer het jou uitkomt]]',
        greeting: BESTE,
        body: [
          'Ik hoop dat [[uw|je]] week goed begonnen is. Ik ben {{assistant.name}}, en ik wil graag kort iets met [[u|je]] delen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Geen haast; ik pas me graag aan [[uw|jouw]] agenda aan.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Een korte kennismaking',
        greeting: HALLO,
        body: [
          'Ik hoop dat alles goed gaat. Ik stel mezelf en ons werk graag even voor, voor het geval [[u|je]] er iets aan [[heeft|hebt]].',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} En is de timing niet goed, [[voelt u zich dan vooral niet verplicht|voel je dan vooral niet verplicht]] om te reageren.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Ik wilde mijn vorige bericht even voorzichtig bovenaan [[uw|je]] inbox zetten, voor het geval het erdoorheen is geglipt.',
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HALLO,
        body: [
          'Geen enkele druk. Ik wilde alleen even vragen of [[u|je]] al de kans [[heeft|hebt]] gehad om mijn eerdere e-mail te bekijken.',
        ],
        signOff: KIND_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BESTE,
        body: [
          'Ik weet dat het bij {{lead.company}} druk kan zijn, dus ik informeer even voorzichtig. Ik wacht graag tot de timing [[u|jou]] beter uitkomt.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'Een vriendelijke herinnering aan dit bericht. Als [[u|je]] even een vrij moment [[heeft|hebt]], hoor ik graag wat [[u|je]] ervan vindt.',
        ],
        signOff: BEST_WISHES,
      },
      {
        greeting: HALLO,
        body: [
          'Ik kan me voorstellen dat het in een sector als {{lead.industry}} snel gaat, dus er is geen enkele haast. Ik ben er wanneer [[u|je]] dit wilt oppakken.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik informeer even vriendelijk, voor het geval dit is ondergesneeuwd. Komt het nu niet uit, dan is dat helemaal prima.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Ik kom even voorzichtig terug op de eerdere e-mail in deze mailwisseling, voor het geval die in een drukke week is ondergesneeuwd. Er is geen enkele haast.',
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Ik wil [[uw|je]] inbox niet blijven vullen, dus dit is voorlopig mijn laatste bericht. Mocht [[u|je]] ooit willen praten, dan is een antwoord op deze e-mail genoeg.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Ik doe voorlopig een stapje terug, zodat ik niet lastig word. Komt het later beter uit voor {{lead.company}}, dan hoor ik graag van [[u|je]].',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'Na dit bericht neem ik geen contact meer op. Dank [[u|je]] voor [[uw|je]] geduld, en ik hoop dat onze wegen elkaar weer kruisen als de tijd rijp is.',
        ],
        signOff: BEST_WISHES,
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: '[[Dank voor uw tijd|Dank voor je tijd]]',
        greeting: BESTE,
        body: [
          'Dank [[u|je]] wel dat [[u|je]] even de tijd neemt om dit te lezen. Ik ben {{assistant.name}}, en dit is de aanleiding voor mijn bericht: {{lead.context}}',
          'Ik zou het erg waarderen om meer te horen over [[uw|je]] prioriteiten. Past een kort gesprek volgende week in [[uw|je]] agenda?',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: '[[Dank u|Dank je]], en een korte kennismaking',
        greeting: HALLO,
        body: [
          'Fijn dat [[u|je]] dit bericht opent. Ik ben {{assistant.name}} van {{org.name}}; wat context bij mijn bericht: {{lead.context}}',
          'Als [[u|je]] ervoor openstaat, zou ik 20 minuten erg waarderen om te horen wat voor [[u|jou]] nu het belangrijkst is.',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Iets wat {{lead.company}} kan helpen',
        greeting: BESTE,
        body: [
          'Bedankt voor het lezen. Even wat achtergrond bij mijn bericht: {{lead.context}}',
          'Ik zou het erg waarderen als ik mag laten zien hoe we {{lead.company}} kunnen helpen. [[Heeft u|Heb je]] tijd voor een kort gesprek?',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: '[[Dank voor uw tijd|Dank voor je tijd]]',
        greeting: BESTE,
        body: [
          'Dank [[u|je]] wel dat [[u|je]] even de tijd neemt om dit te lezen. Ik ben {{assistant.name}}, en ik hoor graag [[waar u zich dit kwartaal op richt|waar je je dit kwartaal op richt]].',
          'Als een kort gesprek [[u|je]] helpt, pas ik me graag aan [[uw|jouw]] agenda aan.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Een korte kennismaking, met dank',
        greeting: HALLO,
        body: [
          'Fijn dat [[u|je]] deze e-mail opent. Ik neem contact op omdat ik denk dat we [[uw|je]] werk wat makkelijker kunnen maken, en ik ben benieuwd naar [[uw|jouw]] kijk daarop.',
          '[[Staat u|Sta je]] open voor een kort gesprek in de komende twee weken?',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: '[[Dank voor uw tijd|Dank voor je tijd]]',
        greeting: BESTE,
        body: [
          'Dank [[u|je]] wel dat [[u|je]] even de tijd neemt om dit te lezen. Ik ben {{assistant.name}}, en dit is de aanleiding voor mijn bericht: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ik hoor heel graag wat [[u|je]] ervan vindt.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: '[[Dank u|Dank je]], en een korte kennismaking',
        greeting: HALLO,
        body: [
          'Fijn dat [[u|je]] dit bericht opent. Wat context bij mijn bericht: {{lead.context}}',
          'Daarom moest ik aan [[u|jou]] denken. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Dank [[u|je]] wel dat [[u|je]] het wilt overwegen.',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Een korte kennismaking, met dank',
        greeting: BESTE,
        body: [
          'Dank [[u|je]] wel dat [[u|je]] even de tijd neemt om dit te lezen. Ik ben {{assistant.name}}, en ik vertel graag kort wat we doen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Hoe dan ook hoor ik graag [[uw|jouw]] kijk erop.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Bedankt voor het lezen',
        greeting: HALLO,
        body: [
          'Fijn dat [[u|je]] deze e-mail opent; uit respect voor [[uw|je]] tijd houd ik het kort.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ook een antwoord van één regel wordt zeer gewaardeerd.',
        ],
        signOff: WITH_THANKS,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Dank voor elke minuut die [[u|je]] hieraan kunt besteden. Ik zou [[uw|je]] gedachten erg waarderen, wanneer [[u|je]] even tijd [[heeft|hebt]].',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: HALLO,
        body: [
          'Ik weet hoe druk het kan zijn, dus dank voor [[uw|je]] geduld met nog een kort bericht. Zou een kort gesprek volgende week nuttig zijn?',
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Dank voor [[uw|je]] tijd. Ik hoor oprecht graag hoe {{lead.company}} hier op dit moment mee omgaat.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: HOI,
        body: [
          'Ik ben dankbaar voor elk moment dat [[u|je]] kunt vrijmaken. Zelfs een antwoord van één regel zou veel voor me betekenen.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: HALLO,
        body: [
          'Ik weet dat [[uw|je]] tijd als {{lead.designation}} kostbaar is, dus dank voor het lezen. Is dit een kort gesprek waard?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BESTE,
        body: [
          'Dank dat [[u|je]] dit wilt overwegen. Is een gesprek lastig in te plannen, dan stuur ik [[u|je]] graag een korte schriftelijke samenvatting.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BESTE,
        body: [
          'Dank voor het lezen van de eerdere e-mail in deze mailwisseling. Ik hoor graag of het [[u|je]] interesseert.',
        ],
        signOff: MANY_THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Dank voor [[uw|je]] tijd en aandacht. Ik stop hier met opvolgen, maar ik hoor graag van [[u|je]] wanneer de timing goed is.',
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: HALLO,
        body: [
          'Dank voor [[uw|je]] tijd. Dit is voorlopig mijn laatste bericht; verandert er iets bij {{lead.company}}, dan hoor ik graag weer van [[u|je]].',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: HOI,
        body: [
          'Bedankt voor het lezen; ik rond het hier af, zodat ik niet meer van [[uw|je]] tijd vraag. Ik wens [[u|je]] het allerbeste.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: '[[Hopelijk iets voor u|Hopelijk iets voor jou]]',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik hoop dat dit bericht op een goed moment komt. Wat context bij mijn bericht: {{lead.context}}',
          'Ik kijk graag of we [[u|je]] kunnen helpen. Past een kort gesprek volgende week in [[uw|je]] agenda?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een idee van {{org.name}}',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}} van {{org.name}}. De aanleiding voor mijn bericht: {{lead.context}}',
          'Ik heb er een goed gevoel over dat we hier kunnen helpen, en ik zoek dat graag samen met [[u|je]] uit. [[Staat u|Sta je]] open voor een kort gesprek?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Een kans voor {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik hoop dat het goed met [[u|je]] gaat. Dit is waarom ik contact opneem: {{lead.context}}',
          'Ik zie hier een echte kans voor {{lead.company}}, en ik laat [[u|je]] graag zien wat ik bedoel. [[Heeft u|Heb je]] tijd voor een gesprek van 20 minuten?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: '[[Hopelijk iets voor u|Hopelijk iets voor jou]]',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik neem contact op in de hoop dat we iets makkelijker kunnen maken voor [[u|jou]] en [[uw|je]] team.',
          'Ik hoor graag waar [[u|je]] op dit moment mee bezig bent. Past een kort gesprek volgende week in [[uw|je]] agenda?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Een gesprek waard?',
        greeting: HALLO,
        body: [
          'Ik hoop dat het goed met [[u|je]] gaat. Ik heb het gevoel dat we echt iets voor [[u|je]] kunnen betekenen, en ik krijg graag de kans om dat uit te zoeken.',
          'Kunnen we in de komende twee weken 20 minuten vinden?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: '[[Hopelijk iets voor u|Hopelijk iets voor jou]]',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik hoop dat dit bericht op een goed moment komt. Wat context bij mijn bericht: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Ik heb het gevoel dat dit kan helpen. {{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een veelbelovend idee',
        greeting: HALLO,
        body: [
          'Ik hoop dat het goed met [[u|je]] gaat. Dit is waarom ik contact opneem: {{lead.context}}',
          'Ik denk dat we daar echt het verschil kunnen maken. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Een gesprek waard?',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik neem contact op in de hoop dat we iets makkelijker kunnen maken voor [[u|jou]] en [[uw|je]] team.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Hopelijk is de timing goed',
        greeting: HALLO,
        body: [
          'Ik hoop dat het goed met [[u|je]] gaat. Ik heb het gevoel dat wat wij doen echt nuttig voor [[u|je]] kan zijn.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ik ben ervan overtuigd dat het de tijd waard is.',
        ],
        signOff: LOOKING_FORWARD,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Ik hoop nog steeds dat we een moment kunnen vinden om te praten. Komt het [[u|je]] ergens volgende week uit?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Ik heb er een goed gevoel over dat dit de moeite waard kan zijn voor [[u|jou]], en ik laat graag zien waarom.',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        greeting: BESTE,
        body: [
          'Ik ben optimistisch dat we bij {{lead.company}} echt het verschil kunnen maken. Kunnen we 15 minuten vinden om het te bespreken?',
        ],
        signOff: BEST,
      },
      {
        greeting: HOI,
        body: [
          'Ik hoop dat mijn vorige bericht op een goed moment kwam. Ik deel graag een paar ideeën zodra [[u|je]] er klaar voor bent.',
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HALLO,
        body: [
          'Ik ben benieuwd wat er in een sector als {{lead.industry}} op dit moment bij [[u|jou]] speelt. Ik hoop dat we ergens mee kunnen helpen.',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Ik duim dat de timing deze week beter uitkomt. Als dat zo is, plan ik graag een kort gesprek in.',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Ik kom terug op de eerdere e-mail in deze mailwisseling, in de hoop dat de timing nu beter is. [[Heeft u|Heb je]] tijd voor een kort gesprek?',
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Ik stop hier met opvolgen, maar ik hoop nog steeds dat we ooit samen kunnen werken. Wordt de timing beter, [[reageert u dan gewoon|reageer dan gewoon]] op deze e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Dit is voorlopig mijn laatste bericht. Ik geloof nog steeds dat we {{lead.company}} kunnen helpen, en ik hoop dat [[u|je]] contact opneemt als de tijd rijp is.',
        ],
        signOff: BEST,
      },
      {
        greeting: HOI,
        body: [
          'Ik wil [[uw|je]] inbox niet blijven vullen, dus dit is mijn laatste follow-up. Ik hoop dat we elkaar later weer spreken, en ik wens [[u|je]] intussen veel succes.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Voorstel: een gesprek van 20 minuten',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik mail [[u|je]] met een duidelijke reden: {{lead.context}}',
          'Ik stel voor om volgende week 20 minuten te bellen. Welke dag komt [[u|jou]] het best uit?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Volgende stap met {{org.name}}',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}} van {{org.name}}. Dit is waarom ik contact opneem: {{lead.context}}',
          'De beste volgende stap is een kort gesprek waarin ik precies laat zien hoe we [[u|je]] kunnen helpen. [[Kunt u|Kun je]] twee tijdstippen noemen die [[u|jou]] uitkomen?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een concreet idee voor {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik kom meteen ter zake. De aanleiding voor mijn bericht: {{lead.context}}',
          'Ik ben ervan overtuigd dat we {{lead.company}} kunnen helpen, en ik laat [[u|je]] graag in een gesprek van 20 minuten zien hoe. Hoe ziet [[uw|je]] agenda er volgende week uit?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Voorstel: een gesprek van 20 minuten',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik ben ervan overtuigd dat we [[u|je]] kunnen helpen. Ik laat graag in een gesprek van 20 minuten zien hoe.',
          '[[Kunt u|Kun je]] een tijdstip laten weten dat deze of volgende week uitkomt?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Laten we 20 minuten plannen',
        greeting: HALLO,
        body: [
          'Ik kom meteen ter zake: ik denk dat we [[u|je]] echt tijd kunnen besparen, en een kort gesprek is de snelste manier om daarachter te komen.',
          '[[Heeft u|Heb je]] begin volgende week 20 minuten?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een concrete volgende stap',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik mail [[u|je]] met een duidelijke reden: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Laat u me|Laat me]] een tijdstip weten dat [[u|je]] uitkomt, dan stuur ik de uitnodiging.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een voorstel voor de volgende stap',
        greeting: HALLO,
        body: [
          'Ik kom meteen ter zake. De aanleiding voor mijn bericht: {{lead.context}}',
          'Dit is wat we doen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ik ben ervan overtuigd dat het [[uw|je]] tijd waard is.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Laten we een moment prikken',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik kom meteen ter zake. {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Laat u me|Laat me]] een tijdstip weten dat [[u|je]] uitkomt, dan regel ik de rest.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een helder voorstel',
        greeting: HALLO,
        body: [
          'Ik ben ervan overtuigd dat we [[u|je]] kunnen helpen, en dit is waarom.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Welke dag komt [[u|jou]] het best uit?',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Ik zet graag 20 minuten in [[uw|je]] agenda. Komt het [[u|je]] begin volgende week uit, of [[heeft u|heb je]] een beter moment?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Laten we een kort gesprek plannen om te kijken of het past. [[Laat u me|Laat me]] een tijdstip weten dat [[u|je]] uitkomt, dan stuur ik een uitnodiging.',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Ik ben ervan overtuigd dat dit voor {{lead.company}} een gesprek waard is. Kunnen we deze week 15 minuten vastleggen?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'De snelste manier om te weten of dit nuttig is, is een kort gesprek. [[Heeft u|Heb je]] de komende dagen ergens tijd?',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Als {{lead.designation}} [[bent u|ben jij]] de juiste persoon om te beoordelen of dit de moeite waard is. Kunnen we deze week 15 minuten spreken?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik maak het [[u|je]] makkelijk: [[laat u me|laat me]] weten welke dag past, dan stuur ik een agenda-uitnodiging.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik kom terug op de eerdere e-mail in deze mailwisseling. [[Kunt u|Kun je]] laten weten welk moment [[u|je]] uitkomt voor een gesprek van 15 minuten?',
        ],
        signOff: BEST_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Het is me niet gelukt [[u|je]] te bereiken, dus ik sluit [[uw|je]] dossier voorlopig. [[Wilt u|Wil je]] toch praten, [[reageert u dan|reageer dan]] op deze e-mail en ik maak tijd vrij.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Dit is mijn laatste follow-up. Krijgt dit prioriteit bij {{lead.company}}, [[reageert u dan|reageer dan]] hier, dan gaan we direct aan de slag.',
        ],
        signOff: BEST,
      },
      {
        greeting: HOI,
        body: [
          'Na dit bericht neem ik geen contact meer op. Zodra [[u|je]] verder wilt, is een antwoord genoeg en plan ik een gesprek in.',
        ],
        signOff: BEST,
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Voordat het urgent wordt',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik neem al vroeg contact op, voordat dit dringend wordt. Wat context: {{lead.context}}',
          'Zou een kort gesprek zinvol zijn, zodat er niets tussen wal en schip valt?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een tijdig bericht van {{org.name}}',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}} van {{org.name}}. De aanleiding voor mijn bericht: {{lead.context}}',
          'Mijn ervaring is dat zulke dingen in een vroeg stadium makkelijker aan te pakken zijn, dus ik stel voor om liever eerder dan later even te praten.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Een tijdig idee voor {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik houd het kort. Waarom ik [[u|je]] mail: {{lead.context}}',
          'Meestal is het makkelijker om te handelen voordat de druk oploopt. Zou een kort gesprek in de komende week of twee zinvol zijn voor {{lead.company}}?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Voordat het urgent wordt',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}. Ik neem nu contact op omdat de problemen waarbij wij helpen vroeg goedkoper op te lossen zijn dan laat.',
          'Zou een kort gesprek in de komende week of twee nuttig zijn?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een tijdig bericht',
        greeting: HALLO,
        body: [
          'Ik houd het kort. Veel teams wachten tot een klein probleem een groot probleem is voordat ze hulp zoeken, en ik help [[u|je]] graag om dat voor te zijn.',
          'Kunnen we 20 minuten vinden om het door te nemen?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Voordat het urgent wordt',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik neem al vroeg contact op, voordat dit dringend wordt. Wat context: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Meestal is het makkelijker om te handelen voordat de druk oploopt.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een tijdig bericht',
        greeting: HALLO,
        body: [
          'Ik houd het kort. Waarom ik [[u|je]] mail: {{lead.context}}',
          'Mijn ervaring is dat zulke dingen in een vroeg stadium makkelijker aan te pakken zijn. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Het loont om er vroeg bij te zijn',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}. Ik neem nu contact op omdat de problemen waarbij wij helpen vroeg goedkoper op te lossen zijn dan laat.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Voor de volgende drukke periode',
        greeting: HALLO,
        body: [
          'Ik houd het kort. Veel teams wachten tot een klein probleem een groot probleem is voordat ze hulp zoeken; ik help [[u|je]] graag om dat voor te zijn.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Eerder is meestal makkelijker dan later.',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Ik wil niet dat dit aan [[uw|jouw]] kant tussen wal en schip valt. Is een kort gesprek nog steeds de moeite waard?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Mijn ervaring is dat wachten het meestal lastiger maakt, niet makkelijker. Kunnen we 15 minuten vinden voordat het drukker wordt?',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Ik zou het jammer vinden als dit bij {{lead.company}} urgent wordt voordat we hebben kunnen praten. Zou een kort gesprek deze week zinvol zijn?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'Een vriendelijke waarschuwing: dit soort zaken kost meestal meer naarmate het langer blijft liggen. Ik help [[u|je]] graag om het voor te zijn.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Als {{lead.designation}} weet [[u|je]] hoe snel kleine problemen kunnen groeien. Kunnen we 15 minuten praten voordat het zover komt?',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Voordat de volgende drukke periode begint, wilde ik nog één keer nagaan of een kort gesprek nuttig zou zijn.',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Ik kom terug op de eerdere e-mail in deze mailwisseling, voordat de volgende drukke periode begint. Is een kort gesprek nog steeds de moeite waard?',
        ],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Dit is mijn laatste bericht. Wordt dit later urgenter, [[reageert u dan gerust|reageer dan gerust]] hier; ik help veel liever vroeg dan laat.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HALLO,
        body: [
          'Na dit bericht stop ik met opvolgen. Wordt dit bij {{lead.company}} dringender, dan is één antwoord genoeg.',
        ],
        signOff: BEST,
      },
      {
        greeting: HOI,
        body: [
          'Ik rond het hier af, zodat [[uw|je]] inbox niet volloopt. Wordt de tijd later krap, dan help ik graag op korte termijn.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Een korte vraag',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik ben ergens benieuwd naar. De aanleiding voor mijn bericht: {{lead.context}}',
          '[[Hoe kijkt u|Hoe kijk je]] hier op dit moment tegenaan? Ik hoor graag [[uw|jouw]] kijk, al is het maar in een regel of twee.',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Benieuwd naar uw kijk|Benieuwd naar jouw kijk]]',
        greeting: HALLO,
        body: [
          'Ik ben {{assistant.name}} van {{org.name}}. Wat context bij mijn bericht: {{lead.context}}',
          'Ik wil graag begrijpen wat voor [[u|jou]] nu het belangrijkst is. [[Staat u|Sta je]] open voor een kort gesprek?',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Een vraag over {{lead.company}}',
        greeting: BESTE,
        body: [
          'Ik hoop dat [[u|je]] een vraag zomaar uit het niets niet erg vindt. Dit is waarom ik het vraag: {{lead.context}}',
          'Wat ziet {{lead.company}} op dit moment als de grootste prioriteit op dit gebied?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Een korte vraag',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik ben benieuwd: wat zou [[u|je]] dit kwartaal het liefst verbeteren in [[uw|je]] team?',
          'Als dat aansluit bij wat wij doen, vertel ik [[u|je]] er graag meer over.',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Benieuwd naar uw prioriteiten|Benieuwd naar jouw prioriteiten]]',
        greeting: HALLO,
        body: [
          'Ik hoop dat [[u|je]] een vraag zomaar uit het niets niet erg vindt: wat slokt op dit moment de meeste aandacht op?',
          'Ik vraag het omdat we misschien kunnen helpen, en ik begrijp liever eerst [[uw|je]] prioriteiten voordat ik iets voorstel.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Een korte vraag',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik ben ergens benieuwd naar. De aanleiding voor mijn bericht: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Hoe [[pakt u|pak je]] dit vandaag aan? {{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: '[[Benieuwd naar uw kijk|Benieuwd naar jouw kijk]]',
        greeting: HALLO,
        body: [
          'Ik hoop dat [[u|je]] een vraag zomaar uit het niets niet erg vindt. Dit is waarom ik het vraag: {{lead.context}}',
          'Ter context, dit is wat we doen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          'Ik hoor graag of dat overeenkomt met wat [[u|je]] zelf ziet. {{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
      {
        subject: '[[Een vraag over uw prioriteiten|Een vraag over jouw prioriteiten]]',
        greeting: BESTE,
        body: [
          'Ik ben {{assistant.name}}, en ik ben benieuwd: wat zou [[u|je]] dit kwartaal het liefst verbeteren in [[uw|je]] team?',
          'Ik vraag het vanwege wat wij doen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: 'Benieuwd of dit past',
        greeting: HALLO,
        body: [
          'In één zin, dit is wat we doen: {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Ik ben benieuwd of dat voor [[u|jou]] verschil zou maken.',
          '{{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: BESTE,
        body: [
          'Ik vroeg me af of mijn vorige bericht eigenlijk relevant voor [[u|je]] was. Wat zou dit een gesprek waard maken?',
        ],
        signOff: BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HALLO,
        body: [
          'Korte vraag: hoe [[pakt u|pak je]] dit op dit moment aan? Ik hoor graag wat voor [[u|jou]] werkt.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik ben benieuwd hoe {{lead.company}} hier op dit moment mee omgaat. Is het iets [[waar u actief naar kijkt|waar jullie actief naar kijken]]?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'Uit nieuwsgierigheid: is er een beter moment in het jaar om te praten, of heeft dit gewoon geen prioriteit?',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Wat is als {{lead.designation}} op dit moment de grootste uitdaging op [[uw|je]] bord? Ik ben oprecht benieuwd.',
        ],
        signOff: THANKS,
      },
      {
        greeting: BESTE,
        body: [
          'Ik hoor graag [[uw|jouw]] kijk, al is het maar in een zin of twee. [[Herkent u|Herken je]] dit, of zit ik ernaast?',
        ],
        signOff: BEST,
      },
      {
        greeting: BESTE,
        body: [
          'Ik kom terug op de eerdere e-mail in deze mailwisseling: wat zou dit voor [[u|jou]] een gesprek waard maken?',
        ],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BESTE,
        body: [
          'Omdat ik niets meer van [[u|je]] heb gehoord, stop ik met opvolgen. Voor ik ga ben ik nog wel benieuwd: lag het aan de timing, of paste het gewoon niet?',
        ],
        signOff: BEST,
      },
      {
        greeting: HALLO,
        body: [
          'Dit is voorlopig mijn laatste bericht. Mocht [[u|je]] ooit willen delen waar {{lead.company}} prioriteit aan geeft, dan hoor ik dat graag.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: HOI,
        body: [
          'Ik rond het hier af. Als [[u|je]] even tijd [[heeft|hebt]], hoor ik graag of ik later dit jaar nog eens contact mag opnemen.',
        ],
        signOff: THANKS,
      },
    ],
  },
};

/** Per tone, each opening as a function of how it names the referrer; in English's order. */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} gaf aan dat ik bij [[u|jou]] moet zijn.`,
    (referrer) => `${referrer} gaf me [[uw|je]] naam en zei dat [[u|jij]] de aangewezen persoon bent.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} stelde vriendelijk voor dat ik contact met [[u|je]] opneem, dus ik ben zo vrij [[u|je]] een kort bericht te sturen.`,
    (referrer) =>
      `Ik neem contact met [[u|je]] op omdat ${referrer} dacht dat [[u|jij]] misschien de juiste persoon bent om mee te praten.`,
  ],
  appreciative: [
    (referrer) => `${referrer} was zo vriendelijk om voor te stellen dat ik contact met [[u|je]] opneem.`,
    (referrer) => `${referrer} heeft me vriendelijk naar [[u|jou]] doorverwezen.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} stelde voor dat ik contact met [[u|je]] opneem, en dat maakt me optimistisch dat we genoeg te bespreken hebben.`,
    (referrer) =>
      `${referrer} noemde [[u|jou]] als de juiste persoon om mee te praten, en dat klinkt als een veelbelovend begin.`,
  ],
  assertive: [
    (referrer) => `${referrer} zei dat ik bij [[u|jou]] moet zijn, dus ik kom direct naar [[u|jou]] toe.`,
    (referrer) =>
      `${referrer} raadde me aan rechtstreeks contact met [[u|je]] op te nemen, en ik wil die introductie graag goed benutten.`,
  ],
  cautionary: [
    (referrer) =>
      `${referrer} stelde voor om contact met [[u|je]] op te nemen, en meer wil ik daar niet in lezen.`,
    (referrer) =>
      `Ik schrijf [[u|je]] op voorstel van ${referrer}; ben ik bij de verkeerde persoon, [[laat u het me dan gerust weten|laat het me dan gerust weten]].`,
  ],
  curious: [
    (referrer) =>
      `${referrer} noemde [[u|jou]] als de juiste persoon om mee te praten, en ik ben erg benieuwd naar [[uw|jouw]] kijk.`,
    (referrer) =>
      `${referrer} raadde me aan contact met [[u|je]] op te nemen, en ik hoor graag hoe [[u|jij]] ertegenaan kijkt.`,
  ],
};

export const DUTCH: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
