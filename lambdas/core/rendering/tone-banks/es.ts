/**
 * The Spanish bank, written for this project from the English one (en.ts), variant for variant.
 * Formal "usted" by default, "tú" in the informal register. The greeting is "Hola, <name>:" (a colon, as
 * Spanish letters have it, and the text goes on upper case); nothing agrees with the writer's or the
 * reader's gender ("confío en que", not "estoy seguro"; "¿le parece bien?", not "¿está interesado?").
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

// A lead always has a first name; "buenos días" only guards a preview without one.
const HOLA = 'Hola, {{lead.firstName|buenos días}}:';

const LOOKING_FORWARD = 'A la espera de [[sus noticias, reciba un cordial saludo|tus noticias, un saludo]],';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: '¿Hablamos unos minutos?',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] cuento sin rodeos por qué [[le|te]] escribo: {{lead.context}}',
          'Si [[le parece|te parece]] que vale la pena explorarlo, ¿[[tendría|tendrías]] 20 minutos la próxima semana para una llamada? Si no, con un simple no me basta.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una pregunta rápida y sincera',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}, de {{org.name}}. [[Le|Te]] escribo por lo siguiente: {{lead.context}}',
          '¿Es una prioridad para [[usted|ti]] ahora mismo? Una respuesta de una línea, sea cual sea, me ayudaría mucho.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: 'Una idea para {{lead.company}}',
        greeting: HOLA,
        body: [
          'Seré breve. El motivo de mi mensaje: {{lead.context}}',
          '¿Merecería la pena una llamada corta para ver si podemos ayudar a {{lead.company}}? Si no es buen momento, [[dígamelo|dímelo]] sin problema.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: '¿Hablamos unos minutos?',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[se lo|te lo]] digo con franqueza: creo que podríamos [[ayudarle|ayudarte]], y me gustaría comprobar si es así.',
          '¿[[Tiene|Tienes]] 20 minutos la próxima semana para una llamada rápida?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una pregunta directa',
        greeting: HOLA,
        body: [
          'Voy al grano: me gustaría [[robarle|robarte]] 20 minutos para ver si lo que hacemos [[le|te]] resulta útil.',
          'Si no encaja, [[dígamelo|dímelo]] y no insistiré.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: '¿Hablamos unos minutos?',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] cuento sin rodeos por qué [[le|te]] escribo: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Si no encaja, con un simple no me basta.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una pregunta rápida y sincera',
        greeting: HOLA,
        body: [
          'Seré breve. El motivo de mi mensaje: {{lead.context}}',
          'Esto es lo que hacemos: {{org.offering.summary}} Por qué importa: {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Un sí, un no o un «ahora no» en una línea me ayudaría mucho.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: '¿Merece la pena hablarlo?',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y voy al grano. {{org.offering.summary}}',
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          'Si ahora mismo no es una prioridad, [[dígamelo|dímelo]] sin más y no insistiré.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Una pregunta directa',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}. En una línea, esto es lo que hacemos: {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Cualquier respuesta me sirve.',
        ],
        signOff: 'Gracias y un saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Como este hilo se ha quedado en silencio, [[se lo|te lo]] pregunto sin rodeos: ¿es algo que [[le gustaría|te gustaría]] explorar o ahora mismo no es una prioridad?',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Sé que la bandeja de entrada se llena rápido, así que seré breve: ¿sería realista una llamada de 15 minutos esta semana o la próxima?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Pregunta sincera: ¿está este tema sobre la mesa en {{lead.company}} ahora mismo, o [[prefiere que vuelva a escribirle|prefieres que vuelva a escribirte]] más adelante este año?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Prefiero preguntar antes que suponer: ¿estoy escribiendo a la persona adecuada? Si hay otra persona que se encarga de esto, [[le agradecería que me lo indicara|te agradecería que me lo dijeras]].',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          '[[Le|Te]] escribo porque, como {{lead.designation}}, [[suele ocuparse|sueles ocuparte]] de estos temas. ¿Lo he entendido bien, o debería hablar con otra persona?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Un sí, un no o un «ahora no» rápido me ayudaría mucho. Cualquiera de las tres es una respuesta perfectamente válida.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo este hilo con una pregunta sencilla: ¿merece la pena que lo hablemos o lo dejamos por ahora?',
        ],
        signOff: 'Gracias y un saludo,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'Como no he tenido noticias [[suyas|tuyas]], entiendo que ahora no es el momento y no volveré a insistir. Si eso cambia, basta con responder a este correo.',
        ],
        signOff: 'Mis mejores deseos,',
      },
      {
        greeting: HOLA,
        body: [
          'Este será mi último mensaje por ahora. Si más adelante el tema se convierte en una prioridad para {{lead.company}}, retomaré la conversación con mucho gusto.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'No quiero llenar [[su|tu]] bandeja de entrada, así que este es mi último seguimiento. Mi puerta sigue abierta si más adelante [[quiere|quieres]] que hablemos.',
        ],
        signOff: 'Saludos cordiales,',
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Un saludo rápido',
        greeting: HOLA,
        body: [
          'Espero que [[esté teniendo|estés teniendo]] una buena semana. Soy {{assistant.name}}, y este es el motivo de mi mensaje: {{lead.context}}',
          'Si [[le|te]] resulta útil, compartiré con gusto algunas ideas cuando mejor [[le|te]] venga. Sin ninguna presión.',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        subject: 'Un saludo desde {{org.name}}',
        greeting: HOLA,
        body: [
          'Espero que todo vaya bien. Soy {{assistant.name}}, de {{org.name}}, y [[le|te]] pongo en contexto: {{lead.context}}',
          'Cuando [[tenga|tengas]] un momento, me encantaría saber si esto [[le|te]] resulta útil.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Una reflexión para {{lead.company}}',
        greeting: HOLA,
        body: [
          'Espero que todo vaya bien por ahí. Un poco de contexto: {{lead.context}}',
          'Si [[le|te]] parece relevante para {{lead.company}}, con gusto buscamos un momento que [[le|te]] venga bien.',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        subject: 'Un saludo rápido',
        greeting: HOLA,
        body: [
          'Espero que [[haya empezado|hayas empezado]] bien la semana. Soy {{assistant.name}} y me encantaría saber un poco más sobre lo que [[tiene|tienes]] entre manos y si podríamos [[ayudarle|ayudarte]].',
          'Si [[le apetece|te apetece]], una llamada breve cuando mejor [[le|te]] venga sería estupenda.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Cuando [[tenga|tengas]] un momento',
        greeting: HOLA,
        body: [
          'Espero que todo vaya bien. [[Le escribo para presentarme y preguntarle|Te escribo para presentarme y preguntarte]] si una breve conversación [[le|te]] podría resultar útil.',
          'No hay ninguna prisa; me adapto con gusto a [[su|tu]] agenda.',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        subject: 'Un saludo rápido',
        greeting: HOLA,
        body: [
          'Espero que [[esté teniendo|estés teniendo]] una buena semana. Soy {{assistant.name}}, y este es el motivo de mi mensaje: {{lead.context}}',
          'Un poco sobre lo que hacemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Sin ninguna presión; cuando mejor [[le|te]] venga estará bien.',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        subject: 'Una idea que podría [[serle|serte]] útil',
        greeting: HOLA,
        body: [
          'Espero que todo vaya bien. Un poco de contexto: {{lead.context}}',
          'Me hizo pensar en lo que hacemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Si ahora no es buen momento, no pasa nada.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Cuando [[tenga|tengas]] un momento',
        greeting: HOLA,
        body: [
          'Espero que [[haya empezado|hayas empezado]] bien la semana. Soy {{assistant.name}} y quería compartir algo brevemente.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Sin ninguna prisa; me adapto con gusto a [[su|tu]] agenda.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Una breve presentación',
        greeting: HOLA,
        body: [
          'Espero que todo vaya bien. [[Le escribo para presentarme y contarle|Te escribo para presentarme y contarte]] lo que hacemos, por si [[le|te]] resulta útil.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Y si no es buen momento, no [[se sienta|te sientas]] en la obligación de responder.',
        ],
        signOff: 'Un cordial saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Solo quería volver a dejar mi último mensaje, con suavidad, en lo alto de [[su|tu]] bandeja de entrada, por si [[se le pasó|se te pasó]].',
        ],
        signOff: 'Un cordial saludo,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HOLA,
        body: [
          'Sin ninguna presión. Solo quería saber si [[ha tenido|has tenido]] ocasión de ver mi correo anterior.',
        ],
        signOff: 'Saludos cordiales,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HOLA,
        body: [
          'Sé que en {{lead.company}} puede haber mucho ajetreo, así que [[le|te]] escribo sin ninguna prisa. Puedo esperar a que sea buen momento para [[usted|ti]].',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Solo un recordatorio amable sobre este tema. Cuando [[tenga|tengas]] un momento libre, me encantaría conocer [[su|tu]] opinión.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Imagino que en el sector de {{lead.industry}} todo va muy rápido, así que [[tómese su|tómate tu]] tiempo. Aquí estoy cuando [[quiera|quieras]] retomarlo.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          '[[Le|Te]] escribo de nuevo, con calma, por si esto se quedó enterrado entre otros correos. Si ahora no es buen momento, no pasa nada.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo con suavidad el correo anterior de este hilo, por si se perdió en una semana ajetreada. No hay ninguna prisa.',
        ],
        signOff: 'Un cordial saludo,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'No quiero seguir llenando [[su|tu]] bandeja de entrada, así que este será mi último mensaje por ahora. Si algún día [[quiere|quieres]] hablar, basta con responder.',
        ],
        signOff: 'Un cordial saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Me retiro por ahora para no resultar una molestia. Si más adelante es mejor momento para {{lead.company}}, será un placer saber de [[usted|ti]].',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Este será mi último mensaje. Gracias por [[su|tu]] paciencia; espero que nuestros caminos vuelvan a cruzarse cuando sea el momento.',
        ],
        signOff: 'Mis mejores deseos,',
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: 'Gracias por un momento de [[su|tu]] tiempo',
        greeting: HOLA,
        body: [
          'Gracias por dedicar un momento a leer esto. Soy {{assistant.name}}, y este es el motivo de mi mensaje: {{lead.context}}',
          '[[Le agradecería|Te agradecería]] mucho la oportunidad de conocer mejor [[sus|tus]] prioridades. ¿[[Le vendría|Te vendría]] bien una llamada breve la próxima semana?',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        subject: 'Gracias, y una breve presentación',
        greeting: HOLA,
        body: [
          'Gracias por abrir este correo. Soy {{assistant.name}}, de {{org.name}}, y [[le|te]] pongo en contexto: {{lead.context}}',
          'Si [[le parece|te parece]] bien, [[le agradecería|te agradecería]] 20 minutos para saber qué es lo que más [[le|te]] importa ahora mismo.',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
      {
        subject: 'Algo que podría ayudar a {{lead.company}}',
        greeting: HOLA,
        body: [
          'Gracias por leerme. Unas líneas sobre por qué [[le|te]] escribo: {{lead.context}}',
          'Me encantaría [[mostrarle|mostrarte]] cómo podríamos ayudar a {{lead.company}}. ¿[[Le vendría|Te vendría]] bien una llamada breve?',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        subject: 'Gracias por un momento de [[su|tu]] tiempo',
        greeting: HOLA,
        body: [
          'Gracias por dedicar un momento a leer esto. Soy {{assistant.name}} y me gustaría saber en qué [[se centra|te centras]] este trimestre.',
          'Si una llamada breve [[le|te]] resulta útil, me adapto con gusto a [[su|tu]] agenda.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        subject: 'Una breve presentación, con agradecimiento',
        greeting: HOLA,
        body: [
          'Gracias por abrir este correo. [[Le|Te]] escribo porque creo que podríamos [[facilitarle|facilitarte]] un poco el trabajo, y [[su|tu]] opinión me sería muy valiosa.',
          '¿[[Le parecería|Te parecería]] bien una breve conversación en las próximas dos semanas?',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
      {
        subject: 'Gracias por un momento de [[su|tu]] tiempo',
        greeting: HOLA,
        body: [
          'Gracias por dedicar un momento a leer esto. Soy {{assistant.name}}, y este es el motivo de mi mensaje: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Me encantaría conocer [[su|tu]] opinión.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        subject: 'Gracias, y una breve presentación',
        greeting: HOLA,
        body: [
          'Gracias por abrir este correo. Un poco de contexto: {{lead.context}}',
          'Por eso pensé en [[usted|ti]]. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Gracias por tenerlo en cuenta.',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
      {
        subject: 'Una breve presentación, con agradecimiento',
        greeting: HOLA,
        body: [
          'Gracias por dedicar un momento a leer esto. Soy {{assistant.name}} y me gustaría [[contarle|contarte]] brevemente lo que hacemos.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} En cualquier caso, [[le|te]] agradecería mucho [[su|tu]] opinión.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        subject: 'Gracias por leerme',
        greeting: HOLA,
        body: [
          'Gracias por abrir este correo; para respetar [[su|tu]] tiempo, seré breve.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Incluso una respuesta de una línea sería muy de agradecer.',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Gracias por el tiempo que [[pueda|puedas]] dedicarle a esto. Valoraría mucho [[su|tu]] opinión cuando [[tenga|tengas]] un momento.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        greeting: HOLA,
        body: [
          'Sé lo ajetreados que pueden ser los días, así que gracias por leer otro breve mensaje mío. ¿[[Le|Te]] sería útil una llamada rápida la próxima semana?',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Gracias por [[su|tu]] tiempo. Me interesaría de verdad saber cómo está abordando {{lead.company}} este tema ahora mismo.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        greeting: HOLA,
        body: [
          '[[Le|Te]] agradezco cualquier momento que [[pueda|puedas]] dedicarme. Incluso una respuesta de una línea significaría mucho.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        greeting: HOLA,
        body: [
          'Sé que [[su|tu]] tiempo como {{lead.designation}} es valioso, así que gracias por leerme. ¿Merece esto una breve conversación?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Gracias por tenerlo en cuenta. Si [[le|te]] cuesta encontrar hueco para una llamada, con gusto [[le|te]] envío un breve resumen por escrito.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Gracias por leer el correo anterior de este hilo. [[Le|Te]] agradecería que me [[dijera|dijeras]] si es de [[su|tu]] interés.',
        ],
        signOff: 'Muchas gracias,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'Gracias por [[su|tu]] tiempo y atención. No [[le|te]] escribiré más, pero será un placer saber de [[usted|ti]] cuando sea el momento.',
        ],
        signOff: 'Muchas gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Gracias por [[su|tu]] tiempo. Este será mi último mensaje por ahora; si las cosas cambian en {{lead.company}}, será un placer retomar el contacto.',
        ],
        signOff: 'Muchas gracias,',
      },
      {
        greeting: HOLA,
        body: [
          'Gracias por leerme; lo dejo aquí para no [[quitarle|quitarte]] más tiempo. [[Le|Te]] deseo todo lo mejor.',
        ],
        signOff: 'Saludos cordiales,',
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: 'Ojalá [[le|te]] sea útil',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y espero que este mensaje llegue en buen momento. Un poco de contexto sobre por qué [[le|te]] escribo: {{lead.context}}',
          'Me encantaría ver si podemos [[ayudarle|ayudarte]]. ¿[[Le vendría|Te vendría]] bien una llamada breve la próxima semana?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una idea de {{org.name}}',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}, de {{org.name}}. El motivo de mi mensaje: {{lead.context}}',
          'Tengo la sensación de que podríamos ser de ayuda, y me encantaría descubrirlo juntos. ¿[[Le apetece|Te apetece]] una charla rápida?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Algo prometedor para {{lead.company}}',
        greeting: HOLA,
        body: [
          'Espero que [[se encuentre|estés]] bien. [[Le|Te]] escribo por lo siguiente: {{lead.context}}',
          'Creo que aquí hay una oportunidad real para {{lead.company}}, y me encantaría [[mostrarle|mostrarte]] a qué me refiero. ¿[[Le vendría|Te vendría]] bien una llamada de 20 minutos?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Ojalá [[le|te]] sea útil',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo con la esperanza de [[facilitarle|facilitarte]] un poco el día a día, a [[usted|ti]] y a [[su|tu]] equipo.',
          'Me encantaría saber en qué [[está trabajando|estás trabajando]] ahora mismo. ¿[[Le vendría|Te vendría]] bien una llamada breve la próxima semana?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: '¿Una conversación que merece la pena?',
        greeting: HOLA,
        body: [
          'Espero que [[se encuentre|estés]] bien. Tengo la sensación de que podríamos [[serle|serte]] realmente útiles, y me encantaría comprobarlo.',
          '¿Podríamos encontrar 20 minutos en las próximas dos semanas?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Ojalá [[le|te]] sea útil',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y espero que este mensaje llegue en buen momento. Un poco de contexto sobre por qué [[le|te]] escribo: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Tengo la sensación de que esto podría ayudar. {{org.offering.callToAction}}',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Algo prometedor',
        greeting: HOLA,
        body: [
          'Espero que [[se encuentre|estés]] bien. [[Le|Te]] escribo por lo siguiente: {{lead.context}}',
          'Creo que ahí podríamos marcar una diferencia real. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: '¿Una conversación que merece la pena?',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo con la esperanza de [[facilitarle|facilitarte]] un poco el día a día, a [[usted|ti]] y a [[su|tu]] equipo.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Ojalá sea buen momento',
        greeting: HOLA,
        body: [
          'Espero que [[se encuentre|estés]] bien. Tengo la sensación de que lo que hacemos podría [[serle|serte]] realmente útil.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Confío en que sea un tiempo bien invertido.',
        ],
        signOff: LOOKING_FORWARD,
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Sigo confiando en que encontremos un momento para hablar. ¿[[Le vendría|Te vendría]] bien algún día de la próxima semana?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Tengo la sensación de que esto podría merecer la pena para [[usted|ti]], y me encantaría [[mostrarle|mostrarte]] por qué.',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        greeting: HOLA,
        body: [
          'Confío en que podamos marcar una diferencia real en {{lead.company}}. ¿Podríamos encontrar 15 minutos para hablarlo?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Espero que mi mensaje anterior [[le|te]] llegara en un buen momento. Con gusto [[le|te]] cuento algunas ideas cuando [[quiera|quieras]].',
        ],
        signOff: 'Un saludo,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HOLA,
        body: [
          'Me encantaría saber qué es lo que más [[le|te]] ocupa estos días en el sector de {{lead.industry}}. Confío en que haya una forma de [[ayudarle|ayudarte]].',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Crucemos los dedos para que esta semana sea mejor momento. Si es así, me encantaría organizar una llamada rápida.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo el correo anterior de este hilo con la esperanza de que ahora sea mejor momento. ¿[[Le vendría|Te vendría]] bien una llamada breve?',
        ],
        signOff: 'Un saludo,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'No volveré a insistir, pero sigo confiando en que tendremos ocasión de trabajar juntos. Si el momento mejora, basta con responder a este correo.',
        ],
        signOff: 'Mis mejores deseos,',
      },
      {
        greeting: HOLA,
        body: [
          'Este es mi último mensaje por ahora. Sigo creyendo que podríamos ayudar a {{lead.company}}, y espero que [[se ponga|te pongas]] en contacto cuando sea el momento.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'No quiero seguir llenando [[su|tu]] bandeja de entrada, así que este es mi último seguimiento. Espero que podamos retomar el contacto más adelante y, mientras tanto, [[le|te]] deseo mucho éxito.',
        ],
        signOff: 'Un cordial saludo,',
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Propuesta: una llamada de 20 minutos',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo por un motivo claro: {{lead.context}}',
          '[[Le|Te]] propongo una llamada de 20 minutos la próxima semana. ¿Qué día [[le|te]] viene mejor?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Siguiente paso con {{org.name}}',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}, de {{org.name}}. [[Le|Te]] escribo por lo siguiente: {{lead.context}}',
          'El mejor siguiente paso es una llamada breve en la que pueda [[mostrarle|mostrarte]] exactamente cómo [[le|te]] ayudaríamos. ¿[[Podría|Podrías]] indicarme dos horarios que [[le|te]] vengan bien?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una idea concreta para {{lead.company}}',
        greeting: HOLA,
        body: [
          'Voy al grano. El motivo de mi mensaje: {{lead.context}}',
          'Confío plenamente en que podemos ayudar a {{lead.company}}, y me gustaría [[mostrarle|mostrarte]] cómo en una llamada de 20 minutos. ¿Cómo [[tiene|tienes]] la agenda la próxima semana?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Propuesta: una llamada de 20 minutos',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y confío plenamente en que podemos [[ayudarle|ayudarte]]. Me gustaría [[mostrarle|mostrarte]] cómo en una llamada de 20 minutos.',
          '¿[[Podría|Podrías]] responderme con un horario que [[le|te]] venga bien esta semana o la próxima?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Busquemos 20 minutos',
        greeting: HOLA,
        body: [
          'Voy al grano: creo que podemos [[ahorrarle|ahorrarte]] bastante tiempo, y una llamada breve es la forma más rápida de comprobarlo.',
          '¿[[Tiene|Tienes]] 20 minutos a principios de la próxima semana?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Un siguiente paso concreto',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo por un motivo claro: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Indíqueme|Indícame]] un horario que [[le|te]] venga bien y [[le|te]] envío la invitación.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Propuesta de siguiente paso',
        greeting: HOLA,
        body: [
          'Voy al grano. El motivo de mi mensaje: {{lead.context}}',
          'Esto es lo que hacemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Confío en que merecerá la pena.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Busquemos un hueco',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y voy al grano. {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} [[Indíqueme|Indícame]] un horario que [[le|te]] venga bien y yo me encargo del resto.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Una propuesta clara',
        greeting: HOLA,
        body: [
          'Confío plenamente en que podemos [[ayudarle|ayudarte]], y [[le|te]] explico por qué.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} ¿Qué día [[le|te]] viene mejor?',
        ],
        signOff: 'Un saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Me gustaría reservar 20 minutos en [[su|tu]] agenda. ¿[[Le|Te]] viene bien a principios de la próxima semana, o [[prefiere|prefieres]] otro momento?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Organicemos una llamada breve para ver si encaja. [[Indíqueme|Indícame]] un horario que [[le|te]] venga bien y [[le|te]] envío una invitación.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Confío plenamente en que esto merece una conversación para {{lead.company}}. ¿Podemos reservar 15 minutos esta semana?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'La forma más rápida de saber si esto es útil es una llamada breve. ¿[[Tiene|Tienes]] un momento en los próximos días?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Como {{lead.designation}}, [[es usted|eres]] la persona adecuada para valorar si merece la pena avanzar. ¿Podríamos hablar 15 minutos esta semana?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          '[[Se lo|Te lo]] pongo fácil: [[responda|responde]] con un día que [[le|te]] venga bien y [[le|te]] envío una invitación de calendario.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo el correo anterior de este hilo. ¿[[Podría|Podrías]] responderme con un horario que [[le|te]] venga bien para una llamada de 15 minutos?',
        ],
        signOff: 'Saludos cordiales,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'Como no he podido contactar [[con usted|contigo]], cierro el tema por ahora. Si [[quiere|quieres]] que hablemos, [[responda|responde]] a este correo y buscaré el hueco.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Este es mi último seguimiento. Si el tema pasa a ser una prioridad para {{lead.company}}, [[responda|responde]] aquí y empezamos de inmediato.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Después de este mensaje no volveré a escribir. Cuando [[quiera|quieras]] avanzar, basta con responder y organizaré una llamada.',
        ],
        signOff: 'Un saludo,',
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Antes de que sea urgente',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo con antelación, antes de que esto se vuelva apremiante. Un poco de contexto: {{lead.context}}',
          '¿Merecería la pena una llamada breve para que nada se quede por el camino?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Un aviso a tiempo de {{org.name}}',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}, de {{org.name}}. El motivo de mi mensaje: {{lead.context}}',
          'Según mi experiencia, estas cosas son más fáciles de abordar pronto, así que [[le|te]] propondría una conversación breve más pronto que tarde.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Una idea a tiempo para {{lead.company}}',
        greeting: HOLA,
        body: [
          'Seré breve. Por qué [[le|te]] escribo: {{lead.context}}',
          'Suele ser más fácil actuar antes de que aumente la presión. ¿Tendría sentido una llamada breve para {{lead.company}} en las próximas dos semanas?',
        ],
        signOff: '[[Atentamente|Un saludo]],',
      },
      {
        subject: 'Antes de que sea urgente',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}. [[Le|Te]] escribo ahora porque los problemas con los que ayudamos suelen salir más baratos si se resuelven pronto que tarde.',
          '¿[[Le|Te]] sería útil una llamada breve en las próximas dos semanas?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Un aviso a tiempo',
        greeting: HOLA,
        body: [
          'Seré breve. Muchos equipos esperan a que un problema pequeño se haga grande antes de buscar ayuda, y me gustaría [[ayudarle a adelantarse|ayudarte a adelantarte]] a eso.',
          '¿Podríamos encontrar 20 minutos para hablarlo?',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Antes de que sea urgente',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y [[le|te]] escribo con antelación, antes de que esto se vuelva apremiante. Un poco de contexto: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Suele ser más fácil actuar antes de que aumente la presión.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Un aviso a tiempo',
        greeting: HOLA,
        body: [
          'Seré breve. Por qué [[le|te]] escribo: {{lead.context}}',
          'Según mi experiencia, estas cosas son más fáciles de abordar pronto. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: '[[Atentamente|Un saludo]],',
      },
      {
        subject: 'Conviene mirarlo pronto',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}. [[Le|Te]] escribo ahora porque los problemas con los que ayudamos suelen salir más baratos si se resuelven pronto que tarde.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Antes del próximo pico de trabajo',
        greeting: HOLA,
        body: [
          'Seré breve. Muchos equipos esperan a que un problema pequeño se haga grande antes de buscar ayuda; me gustaría [[ayudarle a adelantarse|ayudarte a adelantarte]] a eso.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Cuanto antes, más fácil suele ser.',
        ],
        signOff: 'Un saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'No quisiera que esto se quedara por el camino. ¿Sigue mereciendo la pena una breve conversación?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Según mi experiencia, esperar suele complicarlo, no facilitarlo. ¿Podríamos encontrar 15 minutos antes de que se acumule el trabajo?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Sería una pena que esto se volviera urgente en {{lead.company}} antes de que hayamos podido hablar. ¿Tendría sentido una llamada rápida esta semana?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Una pequeña advertencia: estas cosas suelen costar más cuanto más se espera. Con gusto [[le ayudo a adelantarse|te ayudo a adelantarte]].',
        ],
        signOff: '[[Atentamente|Un saludo]],',
      },
      {
        greeting: HOLA,
        body: [
          'Como {{lead.designation}}, [[sabrá|sabrás]] lo rápido que pueden crecer los problemas pequeños. ¿Podríamos hablar 15 minutos antes de que este crezca?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Antes de que llegue el próximo pico de trabajo, quería [[preguntarle|preguntarte]] una vez más si una llamada breve [[le|te]] sería útil.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo el correo anterior de este hilo antes de que llegue el próximo pico de trabajo. ¿Sigue mereciendo la pena una breve conversación?',
        ],
        signOff: 'Un saludo,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'Este será mi último mensaje. Si más adelante el tema se vuelve apremiante, [[responda|responde]] aquí, por favor; prefiero con mucho ayudar pronto que tarde.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Después de este mensaje no volveré a insistir. Si el tema se vuelve más apremiante en {{lead.company}}, basta con una respuesta.',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Lo dejo aquí para no llenar [[su|tu]] bandeja de entrada. Si más adelante los plazos se ajustan, con gusto [[le|te]] ayudo con poca antelación.',
        ],
        signOff: '[[Atentamente|Un saludo]],',
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Una pregunta rápida',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y tengo curiosidad por algo. El motivo de mi mensaje: {{lead.context}}',
          '¿Cómo lo [[ve|ves]] en este momento? Me encantaría conocer [[su|tu]] opinión, aunque sea en una o dos líneas.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Me interesa [[su|tu]] opinión',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}}, de {{org.name}}. Un poco de contexto: {{lead.context}}',
          'Me encantaría entender qué es lo más importante para [[usted|ti]] ahora mismo. ¿[[Le|Te]] apetecería una llamada breve?',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: 'Una pregunta sobre {{lead.company}}',
        greeting: HOLA,
        body: [
          'Espero que no [[le|te]] importe una pregunta así, sin más. Este es el motivo: {{lead.context}}',
          '¿Cuál es ahora mismo la mayor prioridad de {{lead.company}} en este ámbito?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        subject: 'Una pregunta rápida',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y tengo curiosidad: ¿qué es lo que más [[le|te]] gustaría mejorar en [[su|tu]] equipo este trimestre?',
          'Si encaja con lo que hacemos, me encantaría [[contarle|contarte]] más.',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Curiosidad por [[sus|tus]] prioridades',
        greeting: HOLA,
        body: [
          'Espero que no [[le|te]] importe una pregunta así, sin más: ¿qué es lo que más [[le|te]] ocupa en este momento?',
          'Lo pregunto porque quizá podamos [[ayudarle|ayudarte]], y prefiero entender [[sus|tus]] prioridades antes de proponer nada.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: 'Una pregunta rápida',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y tengo curiosidad por algo. El motivo de mi mensaje: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '¿Cómo lo [[gestiona|gestionas]] hoy? {{org.offering.callToAction}}',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: 'Me interesa [[su|tu]] opinión',
        greeting: HOLA,
        body: [
          'Espero que no [[le|te]] importe una pregunta así, sin más. Este es el motivo: {{lead.context}}',
          'Para [[ponerle|ponerte]] en contexto, esto es lo que hacemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          'Me encantaría saber si coincide con lo que [[está viendo|estás viendo]]. {{org.offering.callToAction}}',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        subject: 'Una pregunta sobre [[sus|tus]] prioridades',
        greeting: HOLA,
        body: [
          'Soy {{assistant.name}} y tengo curiosidad: ¿qué es lo que más [[le|te]] gustaría mejorar en [[su|tu]] equipo este trimestre?',
          'Lo pregunto por lo que hacemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Un saludo,',
      },
      {
        subject: '¿Encaja con lo que [[busca|buscas]]?',
        greeting: HOLA,
        body: [
          'Esto es lo que hacemos, en una frase: {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Tengo curiosidad por saber si esto [[le|te]] resultaría relevante.',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Gracias y un saludo,',
      },
    ],
    followup: [
      {
        greeting: HOLA,
        body: [
          'Me preguntaba si mi mensaje anterior [[le|te]] resultó relevante. ¿Qué haría que mereciera la pena una conversación?',
        ],
        signOff: 'Un saludo,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HOLA,
        body: [
          'Una pregunta rápida: ¿cómo lo [[gestiona|gestionas]] hoy? Me encantaría saber qué [[le|te]] está funcionando.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Tengo curiosidad por saber cómo está abordando {{lead.company}} este tema ahora mismo. ¿Es algo que [[está mirando|estás mirando]] activamente?',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Por curiosidad: ¿hay una época del año mejor para hablar, o simplemente no es una prioridad?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Como {{lead.designation}}, ¿cuál es el mayor reto que [[tiene|tienes]] ahora mismo sobre la mesa? Me interesa de verdad.',
        ],
        signOff: 'Gracias y un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Me encantaría conocer [[su|tu]] opinión, aunque sea en una o dos frases. ¿[[Le|Te]] resulta familiar, o me equivoco?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Retomo el correo anterior de este hilo: ¿qué haría que mereciera la pena una conversación para [[usted|ti]]?',
        ],
        signOff: 'Un saludo,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HOLA,
        body: [
          'Como no he tenido noticias [[suyas|tuyas]], no volveré a insistir. Antes de despedirme, tengo curiosidad: ¿fue cuestión de momento, o simplemente no encajaba?',
        ],
        signOff: 'Un saludo,',
      },
      {
        greeting: HOLA,
        body: [
          'Este es mi último mensaje por ahora. Si algún día [[le|te]] apetece contarme qué prioridades tiene {{lead.company}}, me encantará saberlo.',
        ],
        signOff: 'Saludos cordiales,',
      },
      {
        greeting: HOLA,
        body: [
          'Lo dejo aquí. Si [[tiene|tienes]] un segundo, me encantaría saber si debería volver a [[escribirle|escribirte]] más adelante este año.',
        ],
        signOff: 'Gracias y un saludo,',
      },
    ],
  },
};

/** Per tone, each opening as a function of how it names the referrer, in English's order. */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} me ha dicho que [[es usted|eres]] la persona con quien debería hablar.`,
    (referrer) =>
      `${referrer} me pasó [[su|tu]] nombre y me dijo que era a [[usted|ti]] a quien debía preguntar.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} me sugirió amablemente que me pusiera en contacto [[con usted|contigo]], así que me tomo la libertad de [[escribirle|escribirte]] unas líneas.`,
    (referrer) =>
      `[[Le|Te]] escribo porque ${referrer} pensó que [[podría ser usted|podrías ser tú]] la persona adecuada para hablar.`,
  ],
  appreciative: [
    (referrer) =>
      `${referrer} tuvo la amabilidad de sugerirme que me pusiera en contacto [[con usted|contigo]].`,
    (referrer) => `${referrer} tuvo el detalle de facilitarme [[su|tu]] contacto.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} me sugirió que me pusiera en contacto [[con usted|contigo]], y eso me hace pensar que tendremos mucho de qué hablar.`,
    (referrer) =>
      `${referrer} me comentó que [[usted podría|podrías]] ser la persona adecuada para hablar, lo que suena a un comienzo prometedor.`,
  ],
  assertive: [
    (referrer) =>
      `${referrer} me dijo que [[es usted|eres]] la persona con quien hablar, así que me dirijo directamente a [[usted|ti]].`,
    (referrer) =>
      `${referrer} me sugirió que [[le|te]] contactara directamente, y quiero aprovechar al máximo esa presentación.`,
  ],
  cautionary: [
    (referrer) => `${referrer} me sugirió que [[le|te]] contactara, y no quiero dar nada más por supuesto.`,
    (referrer) =>
      `[[Le|Te]] escribo por sugerencia de ${referrer}; si no [[es usted|eres tú]] la persona indicada, [[dígamelo|dímelo]], por favor.`,
  ],
  curious: [
    (referrer) =>
      `${referrer} me comentó que [[es usted|eres]] la persona adecuada para hablar, y me encantaría conocer [[su|tu]] punto de vista.`,
    (referrer) =>
      `${referrer} me sugirió que me pusiera en contacto [[con usted|contigo]], y tengo mucho interés en saber cómo [[ve|ves]] las cosas.`,
  ],
};

export const SPANISH: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
