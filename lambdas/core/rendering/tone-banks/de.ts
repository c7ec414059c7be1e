/**
 * The German bank, written for this project from the English one (en.ts), variant for variant.
 * Formal "Sie" by default, "du" (lower case) in the informal register. Greetings "Hallo" / "Guten Tag"
 * with the first name, sign-offs without a comma. After the greeting's comma a follow-up goes on in
 * lower case, as German letters do; a first e-mail's body starts upper case, because a referral opening
 * (itself lower case or starting with the referrer's name) may stand between it and the greeting.
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

// A lead always has a first name; "zusammen" only guards a preview without one.
const HALLO = 'Hallo {{lead.firstName|zusammen}},';
const GUTEN_TAG = '[[Guten Tag|Hallo]] {{lead.firstName|zusammen}},';
const NAME = '[[Hallo|Hi]] {{lead.firstName|zusammen}},';

const LOOKING_FORWARD =
  'Ich freue mich auf [[Ihre Rückmeldung und grüße Sie|deine Rückmeldung und grüße dich]] herzlich';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Lohnt sich ein kurzes Gespräch?',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und sage [[Ihnen|dir]] direkt, warum ich schreibe: {{lead.context}}',
          'Wenn das für [[Sie|dich]] interessant klingt: [[Hätten Sie|Hättest du]] nächste Woche 20 Minuten für ein Telefonat? Wenn nicht, ist ein kurzes Nein völlig in Ordnung.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Eine kurze, ehrliche Frage',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}} von {{org.name}}. Der Grund für meine Nachricht: {{lead.context}}',
          'Hat das Thema bei [[Ihnen|dir]] gerade Priorität? Eine kurze Antwort, so oder so, würde mir sehr helfen.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Eine Idee für {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich fasse mich kurz. Anlass meiner Nachricht: {{lead.context}}',
          'Wäre ein kurzes Gespräch sinnvoll, um zu sehen, ob wir {{lead.company}} unterstützen können? Wenn es gerade nicht passt, [[sagen Sie|sag]] es einfach.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Lohnt sich ein kurzes Gespräch?',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und sage es ganz offen: Ich glaube, wir könnten [[Ihnen|dir]] helfen, und ich würde gern herausfinden, ob das stimmt.',
          '[[Haben Sie|Hast du]] nächste Woche 20 Minuten für ein kurzes Telefonat?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Eine direkte Frage',
        greeting: GUTEN_TAG,
        body: [
          'Ich komme direkt zur Sache: Ich hätte gern 20 Minuten [[Ihrer|deiner]] Zeit, um herauszufinden, ob das, was wir machen, für [[Sie|dich]] nützlich ist.',
          'Wenn es nicht passt, [[sagen Sie|sag]] es mir, und ich belasse es dabei.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Lohnt sich ein kurzes Gespräch?',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und sage [[Ihnen|dir]] direkt, warum ich schreibe: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Wenn es nicht passt, ist ein kurzes Nein völlig in Ordnung.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Eine kurze, ehrliche Frage',
        greeting: GUTEN_TAG,
        body: [
          'Ich fasse mich kurz. Anlass meiner Nachricht: {{lead.context}}',
          'Was wir machen: {{org.offering.summary}} Warum das wichtig ist: {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ein kurzes Ja, Nein oder „gerade nicht“ würde mir sehr helfen.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Ist das ein Gespräch wert?',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und komme gleich zur Sache. {{org.offering.summary}}',
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          'Wenn das gerade keine Priorität hat, [[sagen Sie|sag]] mir einfach Bescheid, dann belasse ich es dabei.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Eine direkte Frage',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}}. Was wir machen, in einem Satz: {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Jede Antwort ist eine gute Antwort.',
        ],
        signOff: 'Danke und viele Grüße',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'da es hier ruhig geworden ist, frage ich ganz direkt: Ist das ein Thema, das [[Sie|du]] angehen [[möchten|möchtest]], oder hat es gerade keine Priorität?',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich weiß, wie voll Postfächer sein können, deshalb nur kurz: Ist ein 15-minütiges Telefonat diese oder nächste Woche realistisch?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ehrliche Frage: Steht das Thema bei {{lead.company}} gerade auf der Agenda, oder soll ich mich später im Jahr noch einmal melden?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'bevor ich rate, frage ich lieber: Bin ich bei [[Ihnen|dir]] an der richtigen Stelle? Falls sich jemand anderes darum kümmert, wäre ich für einen kurzen Hinweis dankbar.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich schreibe [[Ihnen|dir]], weil [[Sie|du]] als {{lead.designation}} für solche Themen meist zuständig [[sind|bist]]. Liege ich da richtig, oder sollte ich besser mit jemand anderem sprechen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ein kurzes Ja, Nein oder „jetzt nicht“ würde mir sehr helfen. Jede der drei Antworten ist völlig in Ordnung.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich greife diesen Austausch mit einer einfachen Frage auf: Ist das für [[Sie|dich]] ein Gespräch wert, oder lassen wir es vorerst ruhen?',
        ],
        signOff: 'Danke und viele Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'da ich nichts von [[Ihnen|dir]] gehört habe, gehe ich davon aus, dass der Zeitpunkt gerade nicht passt, und melde mich nicht weiter. Falls sich das ändert, [[antworten Sie|antworte]] einfach auf diese E-Mail.',
        ],
        signOff: 'Alles Gute',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'das ist vorerst meine letzte Nachricht. Wenn das Thema bei {{lead.company}} später wichtiger wird, nehme ich den Faden gern wieder auf.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich möchte [[Ihr|dein]] Postfach nicht überfüllen, deshalb ist das meine letzte Nachricht. Meine Tür bleibt offen, falls [[Sie|du]] später sprechen [[möchten|möchtest]].',
        ],
        signOff: 'Beste Grüße',
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Ein kurzes Hallo',
        greeting: HALLO,
        body: [
          'Ich hoffe, [[Sie haben|du hast]] eine gute Woche. Ich bin {{assistant.name}}, und das ist der Anlass meiner Nachricht: {{lead.context}}',
          'Wenn es [[Ihnen|dir]] hilft, teile ich gern ein paar Ideen, wann immer es [[Ihnen|dir]] passt. Ganz ohne Druck.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        subject: 'Ein kurzer Gruß von {{org.name}}',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Ich bin {{assistant.name}} von {{org.name}}; kurz zum Hintergrund meiner Nachricht: {{lead.context}}',
          'Wenn [[Sie|du]] einen Moment [[haben|hast]], würde ich mich über eine kurze Einschätzung freuen, ob das für [[Sie|dich]] nützlich ist.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Ein Gedanke für {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich hoffe, bei [[Ihnen|dir]] ist alles gut. Kurz zum Hintergrund: {{lead.context}}',
          'Falls das für {{lead.company}} interessant klingt, finden wir gern einen Termin, der [[Ihnen|dir]] passt.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        subject: 'Ein kurzes Hallo',
        greeting: HALLO,
        body: [
          'Ich hoffe, [[Sie sind|du bist]] gut in die Woche gestartet. Ich bin {{assistant.name}} und würde gern ein wenig darüber erfahren, woran [[Sie|du]] gerade [[arbeiten|arbeitest]] und ob wir vielleicht helfen können.',
          'Wenn [[Sie|du]] offen dafür [[sind|bist]], würde ich mich über ein kurzes Gespräch freuen, wann immer es [[Ihnen|dir]] passt.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Ganz in Ruhe',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Ich melde mich, um mich kurz vorzustellen und zu fragen, ob ein kurzes Gespräch für [[Sie|dich]] hilfreich sein könnte.',
          'Es eilt überhaupt nicht; ich richte mich gern nach [[Ihrem|deinem]] Kalender.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        subject: 'Ein kurzes Hallo',
        greeting: HALLO,
        body: [
          'Ich hoffe, [[Sie haben|du hast]] eine gute Woche. Ich bin {{assistant.name}}, und das ist der Anlass meiner Nachricht: {{lead.context}}',
          'Kurz zu dem, was wir machen: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ganz ohne Druck, wann immer es [[Ihnen|dir]] passt.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        subject: 'Ein Gedanke, der helfen könnte',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Kurz zum Hintergrund meiner Nachricht: {{lead.context}}',
          'Dabei musste ich an unser Angebot denken: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Wenn es gerade nicht passt, ist das völlig in Ordnung.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Ganz in Ruhe',
        greeting: HALLO,
        body: [
          'Ich hoffe, [[Sie sind|du bist]] gut in die Woche gestartet. Ich bin {{assistant.name}} und möchte [[Ihnen|dir]] kurz etwas vorstellen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Es eilt nicht; ich richte mich gern nach [[Ihrem|deinem]] Kalender.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Eine kurze Vorstellung',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Ich möchte mich und unser Angebot kurz vorstellen, vielleicht ist es ja nützlich für [[Sie|dich]].',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Und falls der Zeitpunkt nicht passt: [[Fühlen Sie sich|Fühl dich]] bitte nicht verpflichtet zu antworten.',
        ],
        signOff: 'Herzliche Grüße',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'ich wollte meine letzte Nachricht nur sanft wieder nach oben in [[Ihr|dein]] Postfach holen, falls sie untergegangen ist.',
        ],
        signOff: 'Herzliche Grüße',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ganz ohne Druck: Ich wollte nur kurz nachfragen, ob [[Sie|du]] schon Gelegenheit [[hatten|hattest]], einen Blick auf meine vorige E-Mail zu werfen.',
        ],
        signOff: 'Freundliche Grüße',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HALLO,
        body: [
          'bei {{lead.company}} ist sicher viel los, deshalb nur eine kurze, freundliche Nachfrage. Ich warte gern, bis es [[Ihnen|dir]] zeitlich passt.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        greeting: NAME,
        body: [
          'nur eine freundliche Erinnerung in dieser Sache. Wann immer [[Sie|du]] einen freien Moment [[haben|hast]], freue ich mich über [[Ihre|deine]] Gedanken dazu.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'im Bereich {{lead.industry}} geht es sicher oft schnell zu, also [[fühlen Sie sich|fühl dich]] bitte nicht gedrängt. Ich bin da, wann immer [[Sie|du]] das Thema aufgreifen [[möchten|möchtest]].',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich frage noch einmal freundlich nach, falls das Thema untergegangen ist. Wenn es gerade nicht passt, ist das völlig in Ordnung.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich komme noch einmal behutsam auf die E-Mail weiter unten in diesem Verlauf zurück, falls sie in einer vollen Woche untergegangen ist. Es eilt überhaupt nicht.',
        ],
        signOff: 'Herzliche Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'ich möchte [[Ihr|dein]] Postfach nicht weiter füllen, deshalb ist das vorerst meine letzte Nachricht. Wenn [[Sie|du]] irgendwann sprechen [[möchten|möchtest]], genügt eine kurze Antwort.',
        ],
        signOff: 'Herzliche Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich ziehe mich vorerst zurück, um nicht lästig zu werden. Wenn es für {{lead.company}} später besser passt, freue ich mich, von [[Ihnen|dir]] zu hören.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: NAME,
        body: [
          'das ist meine letzte Nachricht in dieser Sache. Danke für [[Ihre|deine]] Geduld; ich hoffe, unsere Wege kreuzen sich wieder, wenn der Zeitpunkt passt.',
        ],
        signOff: 'Herzliche Grüße',
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: 'Danke für einen Moment [[Ihrer|deiner]] Zeit',
        greeting: HALLO,
        body: [
          'Danke, dass [[Sie sich|du dir]] kurz Zeit [[nehmen|nimmst]], das zu lesen. Ich bin {{assistant.name}}, und das ist der Anlass meiner Nachricht: {{lead.context}}',
          'Ich würde mich sehr freuen, mehr über [[Ihre|deine]] Prioritäten zu erfahren. Würde ein kurzes Gespräch nächste Woche passen?',
        ],
        signOff: 'Vielen Dank',
      },
      {
        subject: 'Danke und eine kurze Vorstellung',
        greeting: GUTEN_TAG,
        body: [
          'Danke, dass [[Sie|du]] diese E-Mail geöffnet [[haben|hast]]. Ich bin {{assistant.name}} von {{org.name}}; kurz zum Hintergrund: {{lead.context}}',
          'Wenn [[Sie|du]] offen dafür [[sind|bist]], wäre ich für 20 Minuten dankbar, um zu hören, was [[Ihnen|dir]] gerade am wichtigsten ist.',
        ],
        signOff: 'Mit bestem Dank',
      },
      {
        subject: 'Etwas, das {{lead.company}} helfen könnte',
        greeting: HALLO,
        body: [
          'Danke fürs Lesen. Kurz zum Hintergrund meiner Nachricht: {{lead.context}}',
          'Ich würde [[Ihnen|dir]] sehr gern zeigen, wie wir {{lead.company}} unterstützen könnten. [[Passt Ihnen|Passt dir]] ein kurzes Gespräch?',
        ],
        signOff: 'Vielen Dank',
      },
      {
        subject: 'Danke für einen Moment [[Ihrer|deiner]] Zeit',
        greeting: HALLO,
        body: [
          'Danke, dass [[Sie sich|du dir]] kurz Zeit [[nehmen|nimmst]]. Ich bin {{assistant.name}} und würde gern erfahren, worauf [[Sie sich|du dich]] in diesem Quartal [[konzentrieren|konzentrierst]].',
          'Wenn ein kurzes Gespräch hilfreich wäre, richte ich mich gern nach [[Ihrem|deinem]] Kalender.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        subject: 'Eine kurze Vorstellung, mit Dank',
        greeting: GUTEN_TAG,
        body: [
          'Danke, dass [[Sie|du]] diese E-Mail geöffnet [[haben|hast]]. Ich melde mich, weil wir [[Ihnen|dir]] die Arbeit wohl etwas leichter machen könnten, und [[Ihre|deine]] Sicht darauf wäre mir viel wert.',
          '[[Wären Sie|Wärst du]] in den nächsten Wochen offen für ein kurzes Gespräch?',
        ],
        signOff: 'Mit bestem Dank',
      },
      {
        subject: 'Danke für einen Moment [[Ihrer|deiner]] Zeit',
        greeting: HALLO,
        body: [
          'Danke, dass [[Sie sich|du dir]] kurz Zeit [[nehmen|nimmst]], das zu lesen. Ich bin {{assistant.name}}, und das ist der Anlass meiner Nachricht: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ich würde mich sehr über [[Ihre|deine]] Meinung freuen.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        subject: 'Danke und eine kurze Vorstellung',
        greeting: GUTEN_TAG,
        body: [
          'Danke, dass [[Sie|du]] diese E-Mail geöffnet [[haben|hast]]. Kurz zum Hintergrund: {{lead.context}}',
          'Deshalb habe ich an [[Sie|dich]] gedacht. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Danke, dass [[Sie|du]] darüber [[nachdenken|nachdenkst]].',
        ],
        signOff: 'Mit bestem Dank',
      },
      {
        subject: 'Eine kurze Vorstellung, mit Dank',
        greeting: HALLO,
        body: [
          'Danke, dass [[Sie sich|du dir]] kurz Zeit [[nehmen|nimmst]]. Ich bin {{assistant.name}} und möchte [[Ihnen|dir]] kurz zeigen, was wir machen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Über [[Ihre|deine]] Einschätzung freue ich mich so oder so.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        subject: 'Danke fürs Lesen',
        greeting: GUTEN_TAG,
        body: [
          'Danke, dass [[Sie|du]] diese E-Mail geöffnet [[haben|hast]]. Ich halte mich kurz, versprochen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Schon eine kurze Antwort würde mich sehr freuen.',
        ],
        signOff: 'Mit bestem Dank',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'danke für jede Minute, die [[Sie|du]] dafür [[erübrigen können|erübrigen kannst]]. Ich würde mich sehr über [[Ihre|deine]] Gedanken freuen, wann immer es [[Ihnen|dir]] passt.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich weiß, wie voll der Alltag sein kann, deshalb danke, dass [[Sie|du]] noch eine kurze Nachricht von mir [[lesen|liest]]. Wäre ein kurzes Gespräch nächste Woche hilfreich?',
        ],
        signOff: 'Mit bestem Dank',
      },
      {
        greeting: HALLO,
        body: [
          'danke für [[Ihre|deine]] Zeit. Mich würde ehrlich interessieren, wie {{lead.company}} das Thema derzeit angeht.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        greeting: NAME,
        body: [
          'ich bin für jeden Moment dankbar, den [[Sie|du]] erübrigen [[können|kannst]]. Schon eine kurze Antwort würde mir viel bedeuten.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich weiß, dass [[Ihre|deine]] Zeit als {{lead.designation}} kostbar ist, danke also fürs Lesen. Ist das ein kurzes Gespräch wert?',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'danke, dass [[Sie sich|du dir]] das [[überlegen|überlegst]]. Falls ein Gespräch schwer unterzubringen ist, schicke ich [[Ihnen|dir]] gern stattdessen eine kurze schriftliche Zusammenfassung.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'danke, dass [[Sie|du]] die E-Mail weiter unten in diesem Verlauf gelesen [[haben|hast]]. Ich wäre dankbar für eine kurze Rückmeldung, ob das für [[Sie|dich]] interessant ist.',
        ],
        signOff: 'Vielen Dank',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'danke für [[Ihre|deine]] Zeit und Aufmerksamkeit. Ich melde mich ab jetzt nicht mehr, freue mich aber, von [[Ihnen|dir]] zu hören, sobald der Zeitpunkt passt.',
        ],
        signOff: 'Mit bestem Dank',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'danke für [[Ihre|deine]] Zeit. Das ist vorerst meine letzte Nachricht; wenn sich bei {{lead.company}} etwas ändert, komme ich gern wieder mit [[Ihnen|dir]] ins Gespräch.',
        ],
        signOff: 'Vielen Dank',
      },
      {
        greeting: NAME,
        body: [
          'danke fürs Lesen. Ich belasse es hierbei, um nicht noch mehr [[Ihrer|deiner]] Zeit in Anspruch zu nehmen, und wünsche [[Ihnen|dir]] alles Gute.',
        ],
        signOff: 'Freundliche Grüße',
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: 'Hoffentlich hilfreich',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und hoffe, meine Nachricht kommt zur rechten Zeit. Kurz zum Hintergrund: {{lead.context}}',
          'Ich würde gern herausfinden, ob wir helfen können. [[Hätten Sie|Hättest du]] nächste Woche Zeit für ein kurzes Gespräch?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Eine Idee von {{org.name}}',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}} von {{org.name}}. Anlass meiner Nachricht: {{lead.context}}',
          'Ich habe ein gutes Gefühl, dass wir hier helfen könnten, und würde das gern gemeinsam mit [[Ihnen|dir]] herausfinden. [[Hätten Sie|Hättest du]] Zeit für ein kurzes Gespräch?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Eine vielversprechende Idee für {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Darum melde ich mich: {{lead.context}}',
          'Ich sehe hier eine echte Chance für {{lead.company}} und würde [[Ihnen|dir]] gern zeigen, was ich meine. [[Passt Ihnen|Passt dir]] ein Gespräch von 20 Minuten?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Hoffentlich hilfreich',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und melde mich in der Hoffnung, dass wir [[Ihnen und Ihrem|dir und deinem]] Team etwas den Alltag erleichtern können.',
          'Mich würde interessieren, woran [[Sie|du]] gerade [[arbeiten|arbeitest]]. Würde ein kurzes Gespräch nächste Woche passen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Ein Gespräch, das sich lohnt?',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Ich habe das Gefühl, dass wir [[Ihnen|dir]] wirklich nützlich sein könnten, und würde das gern herausfinden.',
          'Finden wir in den nächsten ein, zwei Wochen 20 Minuten?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Hoffentlich hilfreich',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und hoffe, meine Nachricht kommt zur rechten Zeit. Kurz zum Hintergrund: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Ich habe ein gutes Gefühl, dass das helfen könnte. {{org.offering.callToAction}}',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Etwas Vielversprechendes',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Darum melde ich mich: {{lead.context}}',
          'Ich glaube, da könnten wir wirklich etwas bewegen. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Ein Gespräch, das sich lohnt?',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und melde mich in der Hoffnung, dass wir [[Ihnen und Ihrem|dir und deinem]] Team etwas den Alltag erleichtern können.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Hoffentlich zur rechten Zeit',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, es geht [[Ihnen|dir]] gut. Ich habe das Gefühl, dass das, was wir machen, für [[Sie|dich]] wirklich nützlich sein könnte.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ich bin zuversichtlich, dass sich die Zeit lohnt.',
        ],
        signOff: LOOKING_FORWARD,
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'ich hoffe nach wie vor, dass wir einen Termin für ein Gespräch finden. Würde es [[Ihnen|dir]] nächste Woche passen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich habe ein gutes Gefühl, dass sich das für [[Sie|dich]] lohnen könnte, und würde [[Ihnen|dir]] gern zeigen, warum.',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        greeting: HALLO,
        body: [
          'ich bin zuversichtlich, dass wir bei {{lead.company}} wirklich etwas bewegen könnten. Finden wir 15 Minuten, um darüber zu sprechen?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich hoffe, meine vorige Nachricht hat [[Sie|dich]] in einem guten Moment erreicht. Gern teile ich ein paar Ideen, sobald [[Sie|du]] so weit [[sind|bist]].',
        ],
        signOff: 'Beste Grüße',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'mich würde interessieren, was [[Sie|dich]] im Bereich {{lead.industry}} derzeit am meisten beschäftigt. Ich bin zuversichtlich, dass wir da helfen können.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich drücke die Daumen, dass es diese Woche zeitlich besser passt. Dann würde ich gern ein kurzes Gespräch vereinbaren.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'ich komme auf die E-Mail weiter unten in diesem Verlauf zurück, in der Hoffnung, dass es zeitlich jetzt besser passt. Wäre ein kurzes Gespräch möglich?',
        ],
        signOff: 'Beste Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'ich melde mich ab jetzt nicht mehr, hoffe aber weiterhin, dass wir eines Tages zusammenarbeiten. Wenn es zeitlich besser passt, [[antworten Sie|antworte]] einfach auf diese E-Mail.',
        ],
        signOff: 'Alles Gute',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'das ist vorerst meine letzte Nachricht. Ich bin nach wie vor überzeugt, dass wir {{lead.company}} helfen könnten, und hoffe, dass [[Sie sich melden|du dich meldest]], wenn der Zeitpunkt passt.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich möchte [[Ihr|dein]] Postfach nicht weiter füllen, deshalb ist das meine letzte Nachricht. Ich hoffe, wir kommen später wieder ins Gespräch, und wünsche [[Ihnen|dir]] bis dahin viel Erfolg.',
        ],
        signOff: 'Herzliche Grüße',
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Vorschlag: ein 20-Minuten-Gespräch',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und schreibe [[Ihnen|dir]] aus einem klaren Grund: {{lead.context}}',
          'Ich schlage ein Gespräch von 20 Minuten nächste Woche vor. Welcher Tag passt [[Ihnen|dir]] am besten?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Nächster Schritt mit {{org.name}}',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}} von {{org.name}}. Darum melde ich mich: {{lead.context}}',
          'Der beste nächste Schritt ist ein kurzes Gespräch, in dem ich [[Ihnen|dir]] genau zeige, wie wir helfen würden. [[Können Sie|Kannst du]] mir zwei Termine nennen, die [[Ihnen|dir]] passen?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Eine konkrete Idee für {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich komme direkt zur Sache. Anlass meiner Nachricht: {{lead.context}}',
          'Ich bin überzeugt, dass wir {{lead.company}} helfen können, und zeige [[Ihnen|dir]] gern in 20 Minuten, wie. Wie sieht [[Ihr|dein]] Kalender nächste Woche aus?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Vorschlag: ein 20-Minuten-Gespräch',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und überzeugt, dass wir [[Ihnen|dir]] helfen können. Wie, zeige ich [[Ihnen|dir]] gern in einem Gespräch von 20 Minuten.',
          '[[Können Sie|Kannst du]] mir einen Termin diese oder nächste Woche nennen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Finden wir 20 Minuten',
        greeting: GUTEN_TAG,
        body: [
          'Ich komme direkt zur Sache: Ich glaube, wir können [[Ihnen|dir]] spürbar Zeit sparen, und ein kurzes Gespräch ist der schnellste Weg, das herauszufinden.',
          '[[Haben Sie|Hast du]] Anfang nächster Woche 20 Minuten Zeit?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Ein konkreter nächster Schritt',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und schreibe [[Ihnen|dir]] aus einem klaren Grund: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Nennen Sie|Nenn]] mir einfach einen passenden Termin, dann schicke ich die Einladung.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Vorschlag für den nächsten Schritt',
        greeting: GUTEN_TAG,
        body: [
          'Ich komme direkt zur Sache. Anlass meiner Nachricht: {{lead.context}}',
          'Das machen wir: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Ich bin sicher, dass es sich für [[Sie|dich]] lohnt.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Finden wir einen Termin',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und komme direkt zur Sache. {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Nennen Sie|Nenn]] mir einen passenden Termin, um den Rest kümmere ich mich.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Ein klarer Vorschlag',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin überzeugt, dass wir [[Ihnen|dir]] helfen können, und zwar aus diesem Grund:',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Welcher Tag passt [[Ihnen|dir]] am besten?',
        ],
        signOff: 'Viele Grüße',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'ich würde gern 20 Minuten in [[Ihrem|deinem]] Kalender reservieren. Passt es Anfang nächster Woche, oder [[schlagen Sie|schlägst du]] einen besseren Termin vor?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          '[[lassen Sie uns|lass uns]] kurz telefonieren, um zu sehen, ob es passt. [[Nennen Sie|Nenn]] mir einen Termin, dann schicke ich eine Einladung.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich bin überzeugt, dass sich ein Gespräch für {{lead.company}} lohnt. Können wir diese Woche 15 Minuten fest einplanen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ob das für [[Sie|dich]] nützlich ist, klärt ein kurzes Gespräch am schnellsten. [[Haben Sie|Hast du]] in den nächsten Tagen kurz Zeit?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          '[[Sie können|du kannst]] als {{lead.designation}} am besten beurteilen, ob sich das lohnt. Können wir diese Woche 15 Minuten sprechen?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich mache es [[Ihnen|dir]] leicht: [[Antworten Sie|Antworte]] einfach mit einem passenden Tag, und ich schicke [[Ihnen|dir]] eine Kalendereinladung.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich komme auf die E-Mail weiter unten in diesem Verlauf zurück. [[Können Sie|Kannst du]] mir einen passenden Termin für ein Gespräch von 15 Minuten nennen?',
        ],
        signOff: 'Beste Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'da ich [[Sie|dich]] nicht erreicht habe, schließe ich das Thema vorerst ab. Wenn [[Sie|du]] sprechen [[möchten|möchtest]], [[antworten Sie|antworte]] einfach auf diese E-Mail, und ich nehme mir die Zeit.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'das ist meine letzte Nachricht. Wenn das Thema für {{lead.company}} wichtig wird, [[antworten Sie|antworte]] einfach hier, und wir legen sofort los.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'nach dieser Nachricht melde ich mich nicht mehr. Sobald [[Sie|du]] so weit [[sind|bist]], genügt eine kurze Antwort, und ich vereinbare ein Gespräch.',
        ],
        signOff: 'Viele Grüße',
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Bevor es dringend wird',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und melde mich frühzeitig, bevor das Thema drängend wird. Zum Hintergrund: {{lead.context}}',
          'Wäre ein kurzes Gespräch sinnvoll, damit nichts untergeht?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Ein rechtzeitiger Hinweis von {{org.name}}',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}} von {{org.name}}. Anlass meiner Nachricht: {{lead.context}}',
          'Erfahrungsgemäß lassen sich solche Themen früh leichter angehen, deshalb schlage ich ein kurzes Gespräch eher früher als später vor.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Ein rechtzeitiger Gedanke für {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich fasse mich kurz. Warum ich schreibe: {{lead.context}}',
          'Meist ist es leichter zu handeln, bevor der Druck steigt. Wäre ein kurzes Gespräch für {{lead.company}} in den nächsten ein, zwei Wochen sinnvoll?',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Bevor es dringend wird',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}}. Ich melde mich jetzt, weil sich die Probleme, bei denen wir helfen, früh meist günstiger lösen lassen als spät.',
          'Wäre ein kurzes Gespräch in den nächsten ein, zwei Wochen hilfreich?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Ein rechtzeitiger Hinweis',
        greeting: GUTEN_TAG,
        body: [
          'Ich fasse mich kurz. Viele Teams suchen erst Hilfe, wenn aus einem kleinen Problem ein großes geworden ist, und ich möchte [[Ihnen|dir]] helfen, dem zuvorzukommen.',
          'Finden wir 20 Minuten, um darüber zu sprechen?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Bevor es dringend wird',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und melde mich frühzeitig, bevor das Thema drängend wird. Zum Hintergrund: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Meist ist es leichter zu handeln, bevor der Druck steigt.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Ein rechtzeitiger Hinweis',
        greeting: GUTEN_TAG,
        body: [
          'Ich fasse mich kurz. Warum ich schreibe: {{lead.context}}',
          'Erfahrungsgemäß lassen sich solche Themen früh leichter angehen. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        subject: 'Früh hinschauen lohnt sich',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}}. Ich melde mich jetzt, weil sich die Probleme, bei denen wir helfen, früh meist günstiger lösen lassen als spät.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Bevor es wieder hektisch wird',
        greeting: GUTEN_TAG,
        body: [
          'Ich fasse mich kurz. Viele Teams suchen erst Hilfe, wenn aus einem kleinen Problem ein großes geworden ist; ich möchte [[Ihnen|dir]] helfen, dem zuvorzukommen.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Früher ist meist einfacher als später.',
        ],
        signOff: 'Viele Grüße',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'ich möchte nicht, dass das Thema bei [[Ihnen|dir]] untergeht. Ist es nach wie vor ein kurzes Gespräch wert?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'erfahrungsgemäß wird so etwas durch Warten eher schwieriger als leichter. Finden wir 15 Minuten, bevor es hektischer wird?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'es wäre schade, wenn das bei {{lead.company}} dringend wird, bevor wir miteinander sprechen konnten. Wäre ein kurzes Gespräch diese Woche sinnvoll?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ein kleiner Hinweis zur Vorsicht: Solche Themen werden meist teurer, je länger sie liegen bleiben. Ich helfe [[Ihnen|dir]] gern, dem zuvorzukommen.',
        ],
        signOff: 'Freundliche Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          '[[Sie wissen|du weißt]] als {{lead.designation}} sicher, wie schnell kleine Probleme wachsen können. Können wir 15 Minuten sprechen, bevor es bei diesem so weit ist?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'bevor es wieder hektisch wird, wollte ich noch einmal fragen, ob ein kurzes Gespräch hilfreich wäre.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'bevor es wieder hektisch wird, komme ich auf die E-Mail weiter unten in diesem Verlauf zurück. Ist ein kurzes Gespräch noch sinnvoll?',
        ],
        signOff: 'Viele Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'das ist meine letzte Nachricht. Falls das Thema später drängend wird, [[antworten Sie|antworte]] bitte einfach hier; ich helfe lieber früh als spät.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'nach dieser Nachricht melde ich mich nicht mehr. Wird das Thema bei {{lead.company}} dringender, genügt eine kurze Antwort.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich belasse es hierbei, um [[Ihr|dein]] Postfach nicht zu überfüllen. Wenn es später zeitlich eng wird, helfe ich gern auch kurzfristig.',
        ],
        signOff: 'Freundliche Grüße',
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Eine kurze Frage',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und hätte da eine Frage. Anlass meiner Nachricht: {{lead.context}}',
          'Wie [[sehen Sie|siehst du]] das Thema im Moment? Ich würde gern [[Ihre|deine]] Sicht hören, gern auch in ein, zwei Sätzen.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Neugierig auf [[Ihre|deine]] Sicht',
        greeting: GUTEN_TAG,
        body: [
          'Ich bin {{assistant.name}} von {{org.name}}. Kurz zum Hintergrund: {{lead.context}}',
          'Mich würde interessieren, was [[Ihnen|dir]] gerade am wichtigsten ist. [[Wären Sie|Wärst du]] offen für ein kurzes Gespräch?',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Eine Frage zu {{lead.company}}',
        greeting: HALLO,
        body: [
          'Ich hoffe, eine Frage aus heiterem Himmel ist in Ordnung. Darum frage ich: {{lead.context}}',
          'Was hat bei {{lead.company}} in diesem Bereich gerade die höchste Priorität?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        subject: 'Eine kurze Frage',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und neugierig: Was [[würden Sie|würdest du]] in [[Ihrem|deinem]] Team in diesem Quartal am liebsten verbessern?',
          'Wenn das zu dem passt, was wir machen, erzähle ich [[Ihnen|dir]] gern mehr.',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Neugierig auf [[Ihre|deine]] Prioritäten',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, eine Frage aus heiterem Himmel ist in Ordnung: Was beschäftigt [[Sie|dich]] im Moment am meisten?',
          'Ich frage, weil wir vielleicht helfen können, und ich [[Ihre|deine]] Prioritäten lieber verstehe, bevor ich etwas vorschlage.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Eine kurze Frage',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und hätte da eine Frage. Anlass meiner Nachricht: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Wie [[lösen Sie|löst du]] das heute? {{org.offering.callToAction}}',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Neugierig auf [[Ihre|deine]] Sicht',
        greeting: GUTEN_TAG,
        body: [
          'Ich hoffe, eine Frage aus heiterem Himmel ist in Ordnung. Darum frage ich: {{lead.context}}',
          'Zur Einordnung, das machen wir: {{org.offering.summary}} {{org.offering.valueProposition}}',
          'Ich bin gespannt, ob das zu [[Ihren|deinen]] Erfahrungen passt. {{org.offering.callToAction}}',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        subject: 'Eine Frage zu [[Ihren|deinen]] Prioritäten',
        greeting: HALLO,
        body: [
          'Ich bin {{assistant.name}} und neugierig: Was [[würden Sie|würdest du]] in [[Ihrem|deinem]] Team in diesem Quartal am liebsten verbessern?',
          'Ich frage aus einem bestimmten Grund: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Viele Grüße',
      },
      {
        subject: 'Passt das zu [[Ihnen|dir]]?',
        greeting: GUTEN_TAG,
        body: [
          'Was wir machen, in einem Satz: {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Ich bin gespannt, ob das für [[Sie|dich]] relevant ist.',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Danke und viele Grüße',
      },
    ],
    followup: [
      {
        greeting: HALLO,
        body: [
          'ich habe mich gefragt, ob meine vorige Nachricht für [[Sie|dich]] überhaupt relevant war. Was müsste passieren, damit sich ein Gespräch lohnt?',
        ],
        signOff: 'Viele Grüße',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'kurze Frage: Wie [[lösen Sie|löst du]] das heute? Mich würde interessieren, was für [[Sie|dich]] gut funktioniert.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'mich würde interessieren, wie {{lead.company}} das Thema derzeit angeht. [[Beschäftigen Sie sich|Beschäftigst du dich]] gerade aktiv damit?',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: NAME,
        body: [
          'reine Neugier: Gibt es eine bessere Zeit im Jahr für ein Gespräch, oder hat das Thema einfach keine Priorität?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'was ist für [[Sie|dich]] als {{lead.designation}} gerade die größte Herausforderung? Das interessiert mich wirklich.',
        ],
        signOff: 'Danke und viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich würde gern [[Ihre|deine]] Sicht hören, gern auch in ein, zwei Sätzen. Trifft das einen Nerv, oder liege ich daneben?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: HALLO,
        body: [
          'ich komme auf die E-Mail weiter unten in diesem Verlauf zurück: Was müsste passieren, damit sich ein Gespräch für [[Sie|dich]] lohnt?',
        ],
        signOff: 'Viele Grüße',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HALLO,
        body: [
          'da ich nichts gehört habe, melde ich mich nicht weiter. Eine Frage zum Schluss: Lag es am Zeitpunkt, oder passt es einfach nicht?',
        ],
        signOff: 'Viele Grüße',
      },
      {
        greeting: GUTEN_TAG,
        body: [
          'das ist vorerst meine letzte Nachricht. Wenn [[Sie|du]] irgendwann erzählen [[möchten|möchtest]], was bei {{lead.company}} gerade Priorität hat, freue ich mich darüber.',
        ],
        signOff: 'Beste Grüße',
      },
      {
        greeting: NAME,
        body: [
          'ich belasse es hierbei. Wenn [[Sie|du]] kurz Zeit [[haben|hast]]: Soll ich mich später im Jahr noch einmal melden?',
        ],
        signOff: 'Danke und viele Grüße',
      },
    ],
  },
};

/**
 * Per tone, each opening as a function of how it names the referrer, in English's order. An opening
 * follows the greeting's comma: it starts with the referrer's name or in lower case.
 */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} meinte, ich sollte mit [[Ihnen|dir]] sprechen.`,
    (referrer) =>
      `${referrer} hat mir [[Ihren|deinen]] Namen gegeben und meinte, [[Sie wären|du wärst]] hier die richtige Ansprechperson.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} war so freundlich, mir den Kontakt zu [[Ihnen|dir]] zu empfehlen, deshalb erlaube ich mir eine kurze Nachricht.`,
    (referrer) =>
      `ich melde mich, weil ${referrer} meinte, [[Sie könnten|du könntest]] die richtige Person für ein Gespräch sein.`,
  ],
  appreciative: [
    (referrer) => `${referrer} war so nett, mir den Kontakt zu [[Ihnen|dir]] zu empfehlen.`,
    (referrer) => `${referrer} hat mich freundlicherweise an [[Sie|dich]] verwiesen.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} hat mir empfohlen, mich bei [[Ihnen|dir]] zu melden, und ich bin zuversichtlich, dass wir einiges zu besprechen haben.`,
    (referrer) =>
      `${referrer} meinte, [[Sie wären|du wärst]] die richtige Person für ein Gespräch, und das klingt nach einem vielversprechenden Anfang.`,
  ],
  assertive: [
    (referrer) =>
      `${referrer} sagte mir, dass [[Sie|du]] die richtige Ansprechperson [[sind|bist]], deshalb wende ich mich direkt an [[Sie|dich]].`,
    (referrer) =>
      `${referrer} hat mir geraten, [[Sie|dich]] direkt anzusprechen, und diese Empfehlung möchte ich gern nutzen.`,
  ],
  cautionary: [
    (referrer) =>
      `${referrer} hat mir empfohlen, mich bei [[Ihnen|dir]] zu melden, und mehr möchte ich daraus nicht ableiten.`,
    (referrer) =>
      `ich schreibe auf Anregung von ${referrer}; falls ich an die falsche Person verwiesen wurde, [[sagen Sie|sag]] es bitte.`,
  ],
  curious: [
    (referrer) =>
      `${referrer} meinte, [[Sie wären|du wärst]] die richtige Person für ein Gespräch, und ich bin gespannt auf [[Ihre|deine]] Sicht.`,
    (referrer) =>
      `${referrer} hat mir empfohlen, mich bei [[Ihnen|dir]] zu melden, und mich interessiert sehr, wie [[Sie|du]] die Dinge [[sehen|siehst]].`,
  ],
};

export const GERMAN: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
