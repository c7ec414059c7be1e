/**
 * The French bank, written for this project from the English one (en.ts), variant for variant.
 * Formal "vous" by default, "tu" in the informal register. Greetings "Bonjour" (informal "Salut" in
 * some follow-ups) with the first name; nothing agrees with the writer's or the reader's gender
 * ("j'ai la conviction", not "je suis convaincu"); "de" never stands before an inserted name, which
 * may need "d'". The texts are written with a plain space before ? ! : ; and guillemets; `typeset`
 * makes those spaces non-breaking, as French typography wants.
 */
import type { Tone } from '../../tones';
import {
  EMAIL_CC_ONLY,
  type LanguageBank,
  type MessagePosition,
  STANDARD_ONLY,
  type VariantDraft,
} from './bank';

// A lead always has a first name; "à tous" only guards a preview without one.
const BONJOUR = 'Bonjour {{lead.firstName|à tous}},';
const NAME = '[[Bonjour|Salut]] {{lead.firstName|à tous}},';

const BIEN_A_VOUS = 'Bien à [[vous|toi]],';
const BIEN_CORDIALEMENT = '[[Bien cordialement|À bientôt]],';
const CORDIALEMENT = '[[Cordialement|Bonne journée]],';
const MERCI = 'Merci et belle journée,';
const AVEC_MES_REMERCIEMENTS = '[[Avec mes remerciements|Merci encore]],';
const AU_PLAISIR_DE_VOUS_LIRE = 'Au plaisir de [[vous|te]] lire,';

const WRITTEN: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Un court échange ?',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous dis|te dis]] franchement pourquoi je [[vous écris|t'écris]] : {{lead.context}}",
          "Si le sujet mérite d'être creusé, [[auriez-vous|aurais-tu]] 20 minutes la semaine prochaine pour un appel ? Sinon, un simple non me va très bien.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une question franche',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Voici pourquoi je [[vous|te]] contacte : {{lead.context}}",
          "Est-ce une priorité pour [[vous|toi]] en ce moment ? Une réponse d'une ligne, dans un sens ou dans l'autre, m'aiderait beaucoup.",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Une idée pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          'Je vais faire court. Ce qui motive mon message : {{lead.context}}',
          'Un court appel vaudrait-il la peine pour voir si nous pouvons aider {{lead.company}} ? Si le moment est mal choisi, [[dites-le-moi|dis-le-moi]] simplement.',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Un court échange ?',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}} et je vais jouer cartes sur table : je pense que nous pourrions [[vous aider|t'aider]], et j'aimerais vérifier si c'est le cas.",
          '[[Avez-vous|As-tu]] 20 minutes la semaine prochaine pour un court appel ?',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une question directe',
        greeting: BONJOUR,
        body: [
          "J'irai droit au but : j'aimerais [[vous|te]] prendre 20 minutes pour voir si ce que nous faisons [[vous|te]] serait utile.",
          "Si ce n'est pas pertinent, [[dites-le-moi|dis-le-moi]] et je n'insisterai pas.",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Un court échange ?',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous dis|te dis]] franchement pourquoi je [[vous écris|t'écris]] : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Si ce n'est pas pertinent, un simple non me va très bien.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une question franche',
        greeting: BONJOUR,
        body: [
          'Je vais faire court. Ce qui motive mon message : {{lead.context}}',
          "Ce que nous faisons : {{org.offering.summary}} Pourquoi c'est important : {{org.offering.valueProposition}}",
          "{{org.offering.callToAction}} Un oui, un non ou un « pas maintenant » en une ligne m'aiderait beaucoup.",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Cela vaut-il un échange ?',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}} et j'irai droit au but. {{org.offering.summary}}",
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          "Si ce n'est pas une priorité en ce moment, [[dites-le-moi|dis-le-moi]] simplement et je n'insisterai pas.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Une question directe',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}. En une phrase, voici ce que nous faisons : {{org.offering.summary}}",
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Quelle que soit [[votre|ta]] réponse, elle sera la bienvenue.',
        ],
        signOff: MERCI,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "Comme ce fil est resté sans suite, je pose la question simplement : est-ce un sujet que [[vous aimeriez|tu aimerais]] explorer, ou n'est-ce pas une priorité pour le moment ?",
        ],
        signOff: MERCI,
      },
      {
        greeting: NAME,
        body: [
          'Je sais que les boîtes mail débordent vite, alors je fais court : un appel de 15 minutes cette semaine ou la suivante, est-ce envisageable ?',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Question franche : est-ce un sujet d'actualité chez {{lead.company}} en ce moment, ou vaut-il mieux que je revienne vers [[vous|toi]] plus tard dans l'année ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Plutôt que de deviner, je préfère demander : est-ce que je m'adresse à la bonne personne ? Si quelqu'un d'autre s'occupe de ce sujet, une simple indication me rendrait service.",
        ],
        signOff: MERCI,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je [[vous écris|t'écris]] car, en tant que {{lead.designation}}, [[vous êtes|tu es]] généralement en charge de ce sujet. Est-ce bien le cas, ou devrais-je plutôt m'adresser à quelqu'un d'autre ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Un simple oui, non ou « pas maintenant » m'aiderait beaucoup. Les trois réponses me conviennent parfaitement.",
        ],
        signOff: MERCI,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens vers [[vous|toi]] sur ce fil avec une question simple : cela vaut-il un échange pour [[vous|toi]], ou en restons-nous là pour l'instant ?",
        ],
        signOff: MERCI,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          "Sans nouvelles de [[votre|ta]] part, j'en conclus que le moment n'est pas le bon et je n'insiste pas. Si les choses changent, il suffit de répondre à cet e-mail.",
        ],
        signOff: 'Bonne continuation,',
      },
      {
        greeting: BONJOUR,
        body: [
          'Ce sera mon dernier message pour le moment. Si le sujet devient prioritaire chez {{lead.company}} plus tard, je reprendrai volontiers la conversation.',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: NAME,
        body: [
          "Je ne veux pas encombrer [[votre|ta]] boîte mail, c'est donc ma dernière relance. Ma porte reste ouverte si [[vous souhaitez|tu souhaites]] en parler plus tard.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Un petit bonjour',
        greeting: BONJOUR,
        body: [
          "J'espère que [[votre|ta]] semaine se passe bien. Je m'appelle {{assistant.name}}, et voici ce qui m'amène à [[vous écrire|t'écrire]] : {{lead.context}}",
          "Si cela peut [[vous être|t'être]] utile, je partagerai volontiers quelques idées, quand cela [[vous arrange|t'arrange]]. Sans aucune pression.",
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: "Un petit bonjour de l'équipe {{org.name}}",
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Un peu de contexte : {{lead.context}}",
          "Quand [[vous aurez|tu auras]] un moment, j'aimerais beaucoup savoir si cela [[vous est|t'est]] utile.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: 'Une réflexion pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          "J'espère que tout va bien de [[votre|ton]] côté. Un peu de contexte : {{lead.context}}",
          'Si cela [[vous semble|te semble]] pertinent pour {{lead.company}}, je [[vous|te]] propose de trouver un moment qui [[vous|te]] convienne.',
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: 'Un petit bonjour',
        greeting: BONJOUR,
        body: [
          "J'espère que [[votre|ta]] semaine a bien commencé. Je m'appelle {{assistant.name}}, et j'aimerais en savoir un peu plus sur [[vos|tes]] projets du moment, et voir si nous pourrions [[vous aider|t'aider]].",
          "Si l'idée [[vous|te]] plaît, un court appel quand cela [[vous arrange|t'arrange]] serait idéal.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: 'Quand [[vous aurez|tu auras]] un moment',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Je me permets de [[vous|te]] contacter pour me présenter et [[vous|te]] demander si un bref échange pourrait [[vous être|t'être]] utile.",
          "Rien ne presse ; je m'adapterai volontiers à [[votre|ton]] agenda.",
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: 'Un petit bonjour',
        greeting: BONJOUR,
        body: [
          "J'espère que [[votre|ta]] semaine se passe bien. Je m'appelle {{assistant.name}}, et voici ce qui m'amène à [[vous écrire|t'écrire]] : {{lead.context}}",
          'En quelques mots, ce que nous faisons : {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Aucune pression : quand cela [[vous arrange|t'arrange]], ce sera parfait.",
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: "Une idée qui pourrait [[vous aider|t'aider]]",
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Un peu de contexte : {{lead.context}}",
          "Cela m'a fait penser à ce que nous faisons : {{org.offering.summary}} {{org.offering.valueProposition}}",
          "{{org.offering.callToAction}} Si le moment n'est pas idéal, aucun souci.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: 'Quand [[vous aurez|tu auras]] un moment',
        greeting: BONJOUR,
        body: [
          "J'espère que [[votre|ta]] semaine a bien commencé. Je m'appelle {{assistant.name}}, et je voulais [[vous|te]] présenter brièvement ce que nous faisons.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Rien ne presse ; je m'adapterai volontiers à [[votre|ton]] agenda.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: 'Une présentation en douceur',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Je me permets de [[vous|te]] présenter ce que nous faisons, au cas où cela [[vous serait|te serait]] utile.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Et si le moment n'est pas le bon, rien ne [[vous oblige|t'oblige]] à répondre.",
        ],
        signOff: 'Belle journée,',
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "Je me permets de faire remonter doucement mon dernier message dans [[votre|ta]] boîte mail, au cas où il [[vous aurait|t'aurait]] échappé.",
        ],
        signOff: 'Belle journée,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BONJOUR,
        body: [
          "Aucune pression : je voulais simplement savoir si [[vous aviez|tu avais]] eu l'occasion de lire mon précédent e-mail.",
        ],
        signOff: CORDIALEMENT,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BONJOUR,
        body: [
          "J'imagine que l'agenda est chargé chez {{lead.company}}, alors je reviens vers [[vous|toi]] tout en douceur. Je peux tout à fait attendre le moment qui [[vous|te]] conviendra.",
        ],
        signOff: 'Belle journée,',
      },
      {
        greeting: NAME,
        body: [
          "Un petit rappel amical sur ce fil. Dès que [[vous aurez|tu auras]] un moment, j'aimerais beaucoup avoir [[votre|ton]] avis.",
        ],
        signOff: 'Au plaisir,',
      },
      {
        greeting: BONJOUR,
        body: [
          "J'imagine que tout va vite dans le secteur {{lead.industry}}, alors [[prenez|prends]] surtout [[votre|ton]] temps. Je reste [[à votre disposition|disponible]] dès que [[vous souhaitez|tu souhaites]] reprendre le sujet.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          'Je reviens gentiment vers [[vous|toi]], au cas où le sujet serait passé à la trappe. Si le moment est mal choisi, aucun souci.',
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens doucement sur l'e-mail plus bas dans ce fil, au cas où il se serait perdu dans une semaine chargée. Rien ne presse.",
        ],
        signOff: 'Belle journée,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          'Je ne veux pas continuer à remplir [[votre|ta]] boîte mail, ce sera donc mon dernier message pour le moment. Si un jour [[vous souhaitez|tu souhaites]] en parler, il suffit de répondre.',
        ],
        signOff: 'Belle journée,',
      },
      {
        greeting: BONJOUR,
        body: [
          "Je vais m'effacer pour le moment, pour ne pas [[vous importuner|t'importuner]]. Si le moment est plus propice pour {{lead.company}} plus tard, j'aurai plaisir à [[vous|te]] lire.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Ce sera mon dernier message. Merci pour [[votre|ta]] patience ; j'espère que nos chemins se recroiseront au bon moment.",
        ],
        signOff: 'Au plaisir,',
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: 'Merci pour un instant de [[votre|ton]] temps',
        greeting: BONJOUR,
        body: [
          "Merci de prendre un instant pour lire ce message. Je m'appelle {{assistant.name}}, et voici ce qui m'amène : {{lead.context}}",
          "J'apprécierais vraiment d'en savoir plus sur [[vos|tes]] priorités. Un court appel la semaine prochaine [[vous conviendrait-il|te conviendrait-il]] ?",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        subject: 'Merci, et une brève présentation',
        greeting: BONJOUR,
        body: [
          "Merci d'avoir ouvert ce message. Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Un peu de contexte : {{lead.context}}",
          "Si l'idée [[vous|te]] convient, 20 minutes de [[votre|ton]] temps me seraient précieuses pour comprendre ce qui compte le plus pour [[vous|toi]] en ce moment.",
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
      {
        subject: 'Une piste pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          'Merci de [[votre|ta]] lecture. Quelques mots sur la raison de mon message : {{lead.context}}',
          "J'aimerais beaucoup [[vous|te]] montrer comment nous pourrions aider {{lead.company}}. Un court appel [[vous conviendrait-il|te conviendrait-il]] ?",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        subject: 'Merci pour un instant de [[votre|ton]] temps',
        greeting: BONJOUR,
        body: [
          "Merci de prendre un instant pour lire ce message. Je m'appelle {{assistant.name}}, et j'aimerais savoir sur quoi [[vous vous concentrez|tu te concentres]] ce trimestre.",
          "Si un court appel peut être utile, je m'adapterai volontiers à [[votre|ton]] agenda.",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        subject: 'Une brève présentation, avec mes remerciements',
        greeting: BONJOUR,
        body: [
          "Merci d'avoir ouvert cet e-mail. Je [[vous|te]] contacte car je pense que nous pourrions [[vous|te]] simplifier un peu le travail, et [[votre|ton]] avis me serait précieux.",
          '[[Seriez-vous|Serais-tu]] disponible pour un bref échange dans les deux prochaines semaines ?',
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
      {
        subject: 'Merci pour un instant de [[votre|ton]] temps',
        greeting: BONJOUR,
        body: [
          "Merci de prendre un instant pour lire ce message. Je m'appelle {{assistant.name}}, et voici ce qui m'amène : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} [[Votre|Ton]] avis m'intéresse vraiment.",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        subject: 'Merci, et une brève présentation',
        greeting: BONJOUR,
        body: [
          "Merci d'avoir ouvert ce message. Un peu de contexte : {{lead.context}}",
          "C'est pour cela que j'ai pensé à [[vous|toi]]. {{org.offering.summary}} {{org.offering.valueProposition}}",
          "{{org.offering.callToAction}} Merci [[de bien vouloir y|d'y]] réfléchir.",
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
      {
        subject: 'Une brève présentation, avec mes remerciements',
        greeting: BONJOUR,
        body: [
          "Merci de prendre un instant pour lire ce message. Je m'appelle {{assistant.name}}, et j'aimerais [[vous|te]] présenter brièvement ce que nous faisons.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Dans tous les cas, [[votre|ton]] regard me sera précieux.',
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        subject: 'Merci de [[votre|ta]] lecture',
        greeting: BONJOUR,
        body: [
          "Merci d'avoir ouvert cet e-mail ; pour respecter [[votre|ton]] temps, je vais faire court.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Même une réponse d'une ligne serait très appréciée.",
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          'Merci pour le temps que [[vous pourrez|tu pourras]] y consacrer. [[Votre|Ton]] avis me serait précieux, dès que [[vous aurez|tu auras]] un moment.',
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        greeting: BONJOUR,
        body: [
          'Je sais combien les journées sont chargées, alors merci de lire encore ce petit message. Un court appel la semaine prochaine [[vous serait-il|te serait-il]] utile ?',
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Merci pour [[votre|ton]] temps. J'aimerais sincèrement savoir comment {{lead.company}} aborde ce sujet en ce moment.",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        greeting: NAME,
        body: [
          "Merci pour chaque instant que [[vous pourrez|tu pourras]] m'accorder. Même une réponse d'une ligne compterait beaucoup.",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        greeting: BONJOUR,
        body: [
          'Je sais que [[votre|ton]] temps en tant que {{lead.designation}} est précieux, alors merci de [[votre|ta]] lecture. Cela vaut-il un court échange ?',
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "Merci de prendre le temps d'y réfléchir. Si un appel est difficile à caser, je peux volontiers [[vous envoyer|t'envoyer]] un court résumé écrit à la place.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "Merci d'avoir lu l'e-mail plus bas dans ce fil. J'aimerais beaucoup savoir s'il [[vous intéresse|t'intéresse]].",
        ],
        signOff: 'Merci beaucoup,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          "Merci pour [[votre|ton]] temps et [[votre|ton]] attention. Je ne [[vous|te]] relancerai plus, mais j'aurai plaisir à [[vous|te]] lire quand le moment sera venu.",
        ],
        signOff: AVEC_MES_REMERCIEMENTS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Merci pour [[votre|ton]] temps. Ce sera mon dernier message pour l'instant ; si les choses évoluent chez {{lead.company}}, ce sera avec plaisir que nous reprendrons contact.",
        ],
        signOff: 'Merci beaucoup,',
      },
      {
        greeting: NAME,
        body: [
          "Merci de [[votre|ta]] lecture ; je m'arrête ici pour ne pas prendre davantage de [[votre|ton]] temps. Je [[vous|te]] souhaite une belle continuation.",
        ],
        signOff: CORDIALEMENT,
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: 'En espérant que cela [[vous|te]] soit utile',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'espère que ce message tombe à point. Un peu de contexte : {{lead.context}}",
          "J'aimerais beaucoup voir si nous pouvons [[vous aider|t'aider]]. Un court appel la semaine prochaine [[vous conviendrait-il|te conviendrait-il]] ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: "Une idée de l'équipe {{org.name}}",
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Ce qui motive mon message : {{lead.context}}",
          "J'ai le sentiment que nous pourrions être utiles ici, et j'aimerais beaucoup le vérifier avec [[vous|toi]]. Un rapide échange [[vous tenterait-il|te tenterait-il]] ?",
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: 'Une belle opportunité pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Voici pourquoi je [[vous|te]] contacte : {{lead.context}}",
          "Je crois qu'il y a là une vraie opportunité pour {{lead.company}}, et j'aimerais beaucoup [[vous|te]] montrer ce que j'entends par là. Un appel de 20 minutes [[vous conviendrait-il|te conviendrait-il]] ?",
        ],
        signOff: AU_PLAISIR_DE_VOUS_LIRE,
      },
      {
        subject: 'En espérant que cela [[vous|te]] soit utile',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous|te]] contacte dans l'espoir de [[vous|te]] simplifier la vie, à [[vous|toi]] et à [[votre|ton]] équipe.",
          "J'aimerais beaucoup savoir sur quoi [[vous travaillez|tu travailles]] en ce moment. Un court appel la semaine prochaine serait-il possible ?",
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: 'Un échange qui en vaut la peine ?',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. J'ai le sentiment que nous pourrions vraiment [[vous être|t'être]] utiles, et j'aimerais beaucoup en avoir le cœur net.",
          'Pourrions-nous trouver 20 minutes dans les deux semaines à venir ?',
        ],
        signOff: AU_PLAISIR_DE_VOUS_LIRE,
      },
      {
        subject: 'En espérant que cela [[vous|te]] soit utile',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'espère que ce message tombe à point. Un peu de contexte : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "J'ai bon espoir que cela puisse [[vous aider|t'aider]]. {{org.offering.callToAction}}",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une piste prometteuse',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. Voici pourquoi je [[vous|te]] contacte : {{lead.context}}",
          'Je pense que nous pourrions vraiment faire la différence. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: AU_PLAISIR_DE_VOUS_LIRE,
      },
      {
        subject: 'Un échange qui en vaut la peine ?',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous|te]] contacte dans l'espoir de [[vous|te]] simplifier la vie, à [[vous|toi]] et à [[votre|ton]] équipe.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Belle journée,',
      },
      {
        subject: 'En espérant tomber au bon moment',
        greeting: BONJOUR,
        body: [
          "J'espère que [[vous allez|tu vas]] bien. J'ai le sentiment que ce que nous faisons pourrait vraiment [[vous être|t'être]] utile.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} J'ai bon espoir que ce soit du temps bien investi.",
        ],
        signOff: AU_PLAISIR_DE_VOUS_LIRE,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "J'ai toujours bon espoir que nous trouvions un moment pour échanger. La semaine prochaine [[vous conviendrait-elle|te conviendrait-elle]] ?",
        ],
        signOff: 'Belle journée,',
      },
      {
        greeting: BONJOUR,
        body: [
          "J'ai le sentiment que cela pourrait vraiment en valoir la peine pour [[vous|toi]], et j'aimerais beaucoup [[vous|te]] montrer pourquoi.",
        ],
        signOff: AU_PLAISIR_DE_VOUS_LIRE,
      },
      {
        greeting: BONJOUR,
        body: [
          "J'ai bon espoir que nous puissions faire une vraie différence chez {{lead.company}}. Pourrions-nous trouver 15 minutes pour en parler ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: NAME,
        body: [
          "J'espère que mon précédent message [[vous est|t'est]] parvenu au bon moment. Je partagerai volontiers quelques idées dès que [[vous le souhaiterez|tu le souhaiteras]].",
        ],
        signOff: 'Belle journée,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BONJOUR,
        body: [
          "J'aimerais beaucoup savoir ce qui [[vous|te]] préoccupe le plus en ce moment dans le secteur {{lead.industry}}. J'ai bon espoir que nous puissions [[vous aider|t'aider]].",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je croise les doigts pour que le moment soit mieux choisi cette semaine. Si c'est le cas, j'organiserais volontiers un court appel.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens vers [[vous|toi]] au sujet de l'e-mail plus bas dans ce fil, en espérant que le moment soit plus propice. Un court appel [[vous conviendrait-il|te conviendrait-il]] ?",
        ],
        signOff: 'Belle journée,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          "Je ne [[vous|te]] relancerai plus, mais j'ai toujours bon espoir que nous ayons l'occasion de travailler ensemble. Si le moment devient plus propice, il suffit de répondre à cet e-mail.",
        ],
        signOff: 'Bonne continuation,',
      },
      {
        greeting: BONJOUR,
        body: [
          "C'est mon dernier message pour le moment. Je crois toujours que nous pourrions aider {{lead.company}}, et j'espère que [[vous reviendrez|tu reviendras]] vers moi le moment venu.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: NAME,
        body: [
          "Je ne veux pas encombrer davantage [[votre|ta]] boîte mail, c'est donc ma dernière relance. J'espère que nous aurons l'occasion de reprendre contact, et d'ici là, je [[vous|te]] souhaite plein de succès.",
        ],
        signOff: 'Belle journée,',
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Proposition : un appel de 20 minutes',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous écris|t'écris]] pour une raison précise : {{lead.context}}",
          "Je [[vous|te]] propose un appel de 20 minutes la semaine prochaine. Quel jour [[vous arrange|t'arrange]] le mieux ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Prochaine étape avec {{org.name}}',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Voici pourquoi je [[vous|te]] contacte : {{lead.context}}",
          "La meilleure prochaine étape : un court appel pour [[vous|te]] montrer concrètement comment nous pourrions [[vous aider|t'aider]]. [[Pourriez-vous|Pourrais-tu]] me proposer deux créneaux qui [[vous|te]] conviennent ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une idée concrète pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          "J'entre tout de suite dans le vif du sujet. Ce qui motive mon message : {{lead.context}}",
          "J'ai la conviction que nous pouvons aider {{lead.company}}, et j'aimerais [[vous|te]] montrer comment lors d'un appel de 20 minutes. Comment se présente [[votre|ton]] agenda la semaine prochaine ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Proposition : un appel de 20 minutes',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'ai la conviction que nous pouvons [[vous aider|t'aider]]. J'aimerais [[vous|te]] montrer comment lors d'un appel de 20 minutes.",
          '[[Pourriez-vous|Pourrais-tu]] me répondre avec un créneau qui [[vous|te]] convient cette semaine ou la suivante ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Trouvons 20 minutes',
        greeting: BONJOUR,
        body: [
          "J'irai droit au but : je pense que nous pouvons [[vous|te]] faire gagner un temps précieux, et un court appel est le moyen le plus rapide de le vérifier.",
          '[[Êtes-vous|Es-tu]] disponible 20 minutes en début de semaine prochaine ?',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une prochaine étape concrète',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous écris|t'écris]] pour une raison précise : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} [[Indiquez-moi|Indique-moi]] un créneau qui [[vous|te]] convient et j'envoie l'invitation.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Proposition de prochaine étape',
        greeting: BONJOUR,
        body: [
          "J'entre tout de suite dans le vif du sujet. Ce qui motive mon message : {{lead.context}}",
          'Voici ce que nous faisons : {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} J'ai la conviction que cela en vaudra la peine.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Trouvons un créneau',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'irai droit au but. {{org.offering.summary}}",
          '{{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} [[Indiquez-moi|Indique-moi]] un créneau qui [[vous|te]] convient, je m'occupe du reste.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Une proposition claire',
        greeting: BONJOUR,
        body: [
          "J'ai la conviction que nous pouvons [[vous aider|t'aider]], et voici pourquoi.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Quel jour [[vous arrange|t'arrange]] le mieux ?",
        ],
        signOff: BIEN_A_VOUS,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "J'aimerais réserver 20 minutes dans [[votre|ton]] agenda. Le début de semaine prochaine [[vous convient-il|te convient-il]], ou [[préférez-vous|préfères-tu]] un autre moment ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "Organisons un court appel pour voir si cela correspond à [[vos|tes]] besoins. [[Indiquez-moi|Indique-moi]] un créneau qui [[vous|te]] convient et je [[vous envoie|t'envoie]] une invitation.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "J'ai la conviction que cela vaut un échange pour {{lead.company}}. Pouvons-nous bloquer 15 minutes cette semaine ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Le moyen le plus rapide de savoir si c'est utile, c'est un court appel. [[Avez-vous|As-tu]] un moment dans les prochains jours ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "En tant que {{lead.designation}}, [[vous êtes|tu es]] la bonne personne pour juger si cela vaut la peine d'aller plus loin. Pourrions-nous échanger 15 minutes cette semaine ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je [[vous|te]] facilite la tâche : [[répondez|réponds]] simplement avec un jour qui [[vous|te]] convient, et je [[vous envoie|t'envoie]] une invitation.",
        ],
        signOff: MERCI,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens vers [[vous|toi]] au sujet de l'e-mail plus bas dans ce fil. [[Pourriez-vous|Pourrais-tu]] m'indiquer un créneau pour un appel de 15 minutes ?",
        ],
        signOff: BIEN_CORDIALEMENT,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          "Faute d'avoir pu [[vous|te]] joindre, je clos le dossier pour le moment. Si [[vous souhaitez|tu souhaites]] en parler, [[répondez|réponds]] à cet e-mail et je me rendrai disponible.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "C'est ma dernière relance. Si le sujet devient prioritaire pour {{lead.company}}, [[répondez|réponds]] simplement ici et nous pourrons démarrer tout de suite.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: NAME,
        body: [
          "Ce sera mon dernier message. Quand [[vous voudrez|tu voudras]] avancer, il suffira de répondre et j'organiserai un appel.",
        ],
        signOff: BIEN_A_VOUS,
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Avant que cela ne devienne urgent',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous|te]] contacte tôt, avant que le sujet ne devienne pressant. Un peu de contexte : {{lead.context}}",
          'Un court appel serait-il utile, pour que rien ne passe entre les mailles du filet ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: "Un mot en amont de l'équipe {{org.name}}",
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Ce qui motive mon message : {{lead.context}}",
          "D'expérience, ce genre de sujet se traite plus facilement en amont ; je [[vous|te]] suggère donc un court échange plutôt tôt que tard.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Une idée à anticiper pour {{lead.company}}',
        greeting: BONJOUR,
        body: [
          "Je vais faire court. Pourquoi je [[vous écris|t'écris]] : {{lead.context}}",
          "Il est généralement plus simple d'agir avant que la pression ne monte. Un court appel dans les deux semaines à venir aurait-il du sens pour {{lead.company}} ?",
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: 'Avant que cela ne devienne urgent',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}. Je [[vous|te]] contacte maintenant, car les problèmes que nous aidons à résoudre coûtent généralement moins cher à régler tôt que tard.",
          'Un court appel dans les deux semaines à venir [[vous serait-il|te serait-il]] utile ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Un mot en amont',
        greeting: BONJOUR,
        body: [
          "Je vais faire court. Beaucoup d'équipes attendent qu'un petit problème devienne grand avant de chercher de l'aide, et j'aimerais [[vous aider|t'aider]] à prendre les devants.",
          'Pourrions-nous trouver 20 minutes pour en parler ?',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Avant que cela ne devienne urgent',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et je [[vous|te]] contacte tôt, avant que le sujet ne devienne pressant. Un peu de contexte : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Il est généralement plus simple d'agir avant que la pression ne monte.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Un mot en amont',
        greeting: BONJOUR,
        body: [
          "Je vais faire court. Pourquoi je [[vous écris|t'écris]] : {{lead.context}}",
          "D'expérience, ce genre de sujet se traite plus facilement en amont. {{org.offering.summary}} {{org.offering.valueProposition}}",
          '{{org.offering.callToAction}}',
        ],
        signOff: CORDIALEMENT,
      },
      {
        subject: "Mieux vaut s'y pencher tôt",
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}. Je [[vous|te]] contacte maintenant, car les problèmes que nous aidons à résoudre coûtent généralement moins cher à régler tôt que tard.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Avant la prochaine période chargée',
        greeting: BONJOUR,
        body: [
          "Je vais faire court. Beaucoup d'équipes attendent qu'un petit problème devienne grand avant de chercher de l'aide ; j'aimerais [[vous aider|t'aider]] à prendre les devants.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Plus tôt, c'est généralement plus simple.",
        ],
        signOff: BIEN_A_VOUS,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "Je ne voudrais pas que ce sujet passe entre les mailles du filet de [[votre|ton]] côté. Un court échange est-il toujours d'actualité ?",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "D'expérience, attendre rend généralement les choses plus difficiles, pas plus simples. Pourrions-nous trouver 15 minutes avant que l'agenda ne se remplisse ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          'Ce serait dommage que le sujet devienne urgent chez {{lead.company}} avant que nous ayons pu en parler. Un court appel cette semaine aurait-il du sens ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Un petit mot de prudence : ce genre de sujet coûte souvent plus cher à mesure qu'on attend. Je peux volontiers [[vous aider|t'aider]] à prendre les devants.",
        ],
        signOff: CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          "En tant que {{lead.designation}}, [[vous savez|tu sais]] à quelle vitesse de petits problèmes peuvent grandir. Pourrions-nous en parler 15 minutes avant que celui-ci ne prenne de l'ampleur ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          'Avant la prochaine période chargée, je voulais [[vous|te]] demander encore une fois si un court appel [[vous serait|te serait]] utile.',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens sur l'e-mail plus bas dans ce fil avant la prochaine période chargée. Un court échange est-il toujours pertinent ?",
        ],
        signOff: BIEN_A_VOUS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          "Ce sera mon dernier message. Si le sujet devient pressant plus tard, [[n'hésitez pas|n'hésite pas]] à répondre ici ; je préfère de loin aider tôt que tard.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: BONJOUR,
        body: [
          'Je ne [[vous|te]] relancerai plus après ce message. Si le sujet devient plus pressant chez {{lead.company}}, il suffit de me répondre.',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: NAME,
        body: [
          "Je m'arrête ici pour ne pas encombrer [[votre|ta]] boîte mail. Si les délais se resserrent plus tard, je pourrai [[vous aider|t'aider]] rapidement.",
        ],
        signOff: CORDIALEMENT,
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Une petite question',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et une question me trotte dans la tête. Ce qui motive mon message : {{lead.context}}",
          "Comment [[voyez-vous|vois-tu]] ce sujet en ce moment ? J'aimerais beaucoup avoir [[votre|ton]] point de vue, même en une ou deux lignes.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: "[[Votre|Ton]] avis m'intéresse",
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, de l'équipe {{org.name}}. Un peu de contexte : {{lead.context}}",
          "J'aimerais comprendre ce qui compte le plus pour [[vous|toi]] en ce moment. Un court appel [[vous tenterait-il|te tenterait-il]] ?",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Une question sur {{lead.company}}',
        greeting: BONJOUR,
        body: [
          "Je me permets une question un peu à l'improviste. Voici pourquoi je la pose : {{lead.context}}",
          'Quelle est, pour {{lead.company}}, la plus grande priorité dans ce domaine en ce moment ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        subject: 'Une petite question',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'ai une question : quelle est la chose que [[vous aimeriez|tu aimerais]] le plus améliorer dans [[votre|ton]] équipe ce trimestre ?",
          "Si cela rejoint ce que nous faisons, je [[vous en dirai|t'en dirai]] volontiers plus.",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: "[[Vos|Tes]] priorités m'intéressent",
        greeting: BONJOUR,
        body: [
          "Je me permets une question un peu à l'improviste : qu'est-ce qui [[vous|te]] mobilise le plus en ce moment ?",
          "Je pose la question car nous pourrions peut-être [[vous aider|t'aider]], et je préfère comprendre [[vos|tes]] priorités avant de proposer quoi que ce soit.",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Une petite question',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et une question me trotte dans la tête. Ce qui motive mon message : {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "Comment [[gérez-vous|gères-tu]] cela aujourd'hui ? {{org.offering.callToAction}}",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: "[[Votre|Ton]] avis m'intéresse",
        greeting: BONJOUR,
        body: [
          "Je me permets une question un peu à l'improviste. Voici pourquoi je la pose : {{lead.context}}",
          'Pour situer, voici ce que nous faisons : {{org.offering.summary}} {{org.offering.valueProposition}}',
          "J'aimerais beaucoup savoir si cela correspond à ce que [[vous observez|tu observes]]. {{org.offering.callToAction}}",
        ],
        signOff: MERCI,
      },
      {
        subject: 'Une question sur [[vos|tes]] priorités',
        greeting: BONJOUR,
        body: [
          "Je m'appelle {{assistant.name}}, et j'ai une question : quelle est la chose que [[vous aimeriez|tu aimerais]] le plus améliorer dans [[votre|ton]] équipe ce trimestre ?",
          'Je pose la question en raison de ce que nous faisons : {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        subject: 'Est-ce que cela [[vous|te]] parle ?',
        greeting: BONJOUR,
        body: [
          'Voici ce que nous faisons, en une phrase : {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Je me demande si cela [[vous|te]] parlerait.',
          '{{org.offering.callToAction}}',
        ],
        signOff: MERCI,
      },
    ],
    followup: [
      {
        greeting: BONJOUR,
        body: [
          "Je me demandais si mon précédent message [[vous|te]] parlait un tant soit peu. Qu'est-ce qui ferait que cela vaille un échange ?",
        ],
        signOff: BIEN_A_VOUS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BONJOUR,
        body: [
          "Petite question : comment [[gérez-vous|gères-tu]] cela aujourd'hui ? J'aimerais beaucoup savoir ce qui fonctionne bien pour [[vous|toi]].",
        ],
        signOff: MERCI,
      },
      {
        greeting: BONJOUR,
        body: [
          'Je me demande comment {{lead.company}} aborde ce sujet en ce moment. Est-ce quelque chose sur lequel [[vous vous penchez|tu te penches]] activement ?',
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Par curiosité : y a-t-il un meilleur moment dans l'année pour en parler, ou n'est-ce tout simplement pas une priorité ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "En tant que {{lead.designation}}, quel est [[votre|ton]] plus grand défi en ce moment ? Cela m'intéresse sincèrement.",
        ],
        signOff: MERCI,
      },
      {
        greeting: BONJOUR,
        body: [
          "J'aimerais beaucoup avoir [[votre|ton]] avis, même en une ou deux phrases. Est-ce que cela [[vous|te]] parle, ou suis-je à côté de la plaque ?",
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "Je reviens sur l'e-mail plus bas dans ce fil : qu'est-ce qui ferait que cela vaille un échange pour [[vous|toi]] ?",
        ],
        signOff: BIEN_A_VOUS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: BONJOUR,
        body: [
          'Sans nouvelles de [[votre|ta]] part, je ne [[vous|te]] relancerai plus. Une dernière question, par curiosité : était-ce une question de timing, ou tout simplement pas le bon sujet ?',
        ],
        signOff: BIEN_A_VOUS,
      },
      {
        greeting: BONJOUR,
        body: [
          "C'est mon dernier message pour le moment. Si un jour [[vous avez|tu as]] envie de partager ce sur quoi {{lead.company}} se concentre, j'aurai plaisir à [[vous|te]] lire.",
        ],
        signOff: BIEN_CORDIALEMENT,
      },
      {
        greeting: NAME,
        body: [
          "Je m'arrête ici. Si [[vous avez|tu as]] une seconde, j'aimerais savoir s'il vaut mieux que je revienne vers [[vous|toi]] plus tard dans l'année.",
        ],
        signOff: MERCI,
      },
    ],
  },
};

/** Per tone, each opening as a function of how it names the referrer, in English's order. */
const WRITTEN_REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} m'a indiqué que [[vous étiez|tu étais]] la bonne personne à qui parler.`,
    (referrer) =>
      `${referrer} m'a donné [[votre|ton]] nom en me disant que c'était à [[vous|toi]] qu'il fallait s'adresser.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} a eu la gentillesse de me suggérer de [[vous|te]] contacter, je me permets donc ce petit message.`,
    (referrer) =>
      `Je [[vous|te]] contacte car ${referrer} pensait que [[vous pourriez|tu pourrais]] être la bonne personne avec qui échanger.`,
  ],
  appreciative: [
    (referrer) => `${referrer} a eu l'amabilité de me suggérer de [[vous|te]] contacter.`,
    (referrer) => `${referrer} a eu la gentillesse de me donner [[vos|tes]] coordonnées.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} m'a suggéré de [[vous|te]] contacter, ce qui me laisse penser que nous aurons beaucoup à nous dire.`,
    (referrer) =>
      `${referrer} m'a dit que [[vous pourriez|tu pourrais]] être la bonne personne à qui parler, ce qui me semble un début prometteur.`,
  ],
  assertive: [
    (referrer) =>
      `${referrer} m'a dit que c'était à [[vous|toi]] qu'il fallait parler, alors je m'adresse directement à [[vous|toi]].`,
    (referrer) =>
      `${referrer} m'a conseillé de [[vous|te]] contacter directement, et je compte bien tirer le meilleur parti de cette mise en relation.`,
  ],
  cautionary: [
    (referrer) =>
      `${referrer} m'a suggéré de [[vous|te]] contacter, et je ne voudrais pas en présumer davantage.`,
    (referrer) =>
      `C'est ${referrer} qui m'a suggéré de [[vous écrire|t'écrire]] ; si ce n'est pas à [[vous|toi]] que je dois m'adresser, [[n'hésitez pas|n'hésite pas]] à me le dire.`,
  ],
  curious: [
    (referrer) =>
      `${referrer} m'a dit que [[vous étiez|tu étais]] la bonne personne à qui parler, et j'aimerais beaucoup avoir [[votre|ton]] point de vue.`,
    (referrer) =>
      `${referrer} m'a suggéré de [[vous|te]] contacter, et j'aimerais vraiment comprendre comment [[vous voyez|tu vois]] les choses.`,
  ],
};

/** A text with the space before ? ! : ; and inside guillemets made non-breaking. */
function typeset(text: string): string {
  return text.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

function typesetDraft(draft: VariantDraft): VariantDraft {
  return {
    ...draft,
    ...(draft.subject !== undefined && { subject: typeset(draft.subject) }),
    greeting: typeset(draft.greeting),
    body: draft.body.map(typeset),
    signOff: typeset(draft.signOff),
  };
}

const typesetPositions = (
  pools: Record<MessagePosition, VariantDraft[]>,
): Record<MessagePosition, VariantDraft[]> => ({
  first: pools.first.map(typesetDraft),
  followup: pools.followup.map(typesetDraft),
  last: pools.last.map(typesetDraft),
});

const typesetEach = <T>(byTone: Record<Tone, T>, map: (value: T) => T): Record<Tone, T> => ({
  candid: map(byTone.candid),
  gentle: map(byTone.gentle),
  appreciative: map(byTone.appreciative),
  hopeful: map(byTone.hopeful),
  assertive: map(byTone.assertive),
  cautionary: map(byTone.cautionary),
  curious: map(byTone.curious),
});

export const FRENCH: LanguageBank = {
  drafts: typesetEach(WRITTEN, typesetPositions),
  referrals: typesetEach(WRITTEN_REFERRALS, (openings) =>
    openings.map((opening) => (referrer: string) => typeset(opening(referrer))),
  ),
};
