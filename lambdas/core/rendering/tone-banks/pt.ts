/**
 * The Portuguese bank, written for this project from the English one (en.ts), variant for variant: each
 * keeps its English original's intent, tone, length and placeholders, in the words a Portuguese-language
 * copywriter would use. One bank serves Portugal and Brazil, so it keeps to the words and spellings both
 * share (no equipa/equipe, contacto/contato, "estou a"/"estou -ndo"; clitics only where both put them
 * before the verb: "de lhe mostrar", "que lhe").
 *
 * Formal register: third-person verbs with no pronoun ("Teria disponibilidade…", "a sua área"), polite
 * in Portugal and natural in Brazil; informal: "você" as Brazil writes it ("te", "Abraço"), the register
 * of the larger readership (Portugal's informal "tu" would read as foreign there). Nothing agrees with the
 * writer's or reader's gender ("Agradeço", never "Obrigado/a"). Company and org names go without an
 * article, whose gender the name does not tell: "para Acme", "em nome de Acme", and in subjects as a
 * label ("{{org.name}}: o próximo passo").
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

const OLA = 'Olá {{lead.firstName|}},';
const BOM_DIA = '[[Bom dia|Olá]] {{lead.firstName|}},';

const BEST = '[[Cordialmente|Abraço]],';
const BEST_REGARDS = '[[Atenciosamente|Um abraço]],';
const KIND_REGARDS = '[[Com os melhores cumprimentos|Um abraço]],';
const WARM_REGARDS = '[[Cordiais cumprimentos|Abraços]],';
const THANKS = 'Agradeço desde já,';
const MANY_THANKS = '[[Agradeço a sua atenção|Agradeço a atenção]],';
const WITH_THANKS = 'Com os meus agradecimentos,';
const ALL_THE_BEST = '[[Os meus cumprimentos|Até breve]],';
const BEST_WISHES = '[[Cordiais cumprimentos|Tudo de bom]],';
const LOOKING_FORWARD = '[[Aguardo a sua resposta|Aguardo notícias]],';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Vale uma conversa rápida?',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e vou direto ao motivo desta mensagem: {{lead.context}}',
          'Se fizer sentido explorar o tema, [[teria|você teria]] 20 minutos para uma conversa na próxima semana? Se não, um simples não também está ótimo.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma pergunta rápida e sincera',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}} e escrevo em nome de {{org.name}}. O motivo desta mensagem é este: {{lead.context}}',
          'Isso é uma prioridade neste momento? Uma resposta de uma linha, seja qual for, já ajudaria muito.',
        ],
        signOff: THANKS,
      },
      {
        subject: '{{lead.company}}: uma ideia',
        greeting: OLA,
        body: [
          'Vou ser breve. O que motivou esta mensagem: {{lead.context}}',
          'Valeria uma conversa curta para ver se o que fazemos serve para {{lead.company}}? Se não for o momento certo, basta dizer.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Vale uma conversa rápida?',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e digo com franqueza: acredito que podemos ajudar, e gostaria de entender se é mesmo assim.',
          '[[Teria|Você teria]] 20 minutos na próxima semana para uma conversa rápida?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma pergunta direta',
        greeting: BOM_DIA,
        body: [
          'Vou direto ao assunto: gostaria de 20 minutos do seu tempo para ver se o que fazemos pode ser útil.',
          'Se não fizer sentido, é só dizer e não insisto mais.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Vale uma conversa rápida?',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e vou direto ao motivo desta mensagem: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Se não fizer sentido, um simples não também está ótimo.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma pergunta rápida e sincera',
        greeting: BOM_DIA,
        body: [
          'Vou ser breve. O que motivou esta mensagem: {{lead.context}}',
          'O que fazemos: {{org.offering.summary}} A diferença que faz: {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Um sim, um não ou um «agora não», numa linha, já ajudaria muito.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Vale uma conversa?',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e vou direto ao assunto. {{org.offering.summary}}',
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          'Se não for prioridade neste momento, é só dizer e não insisto mais.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma pergunta direta',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}}. Numa frase, o que fazemos: {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Qualquer resposta é uma boa resposta.',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Como esta conversa ficou parada, pergunto com franqueza: é um tema que [[gostaria|você gostaria]] de explorar, ou não é prioridade neste momento?',
        ],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Sei como a caixa de entrada pode ficar cheia, por isso serei breve. Uma conversa de 15 minutos esta semana ou na próxima é realista?',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Pergunta sincera: isso está na agenda para {{lead.company}} neste momento, ou é melhor voltar a falar mais para o final do ano?',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Prefiro perguntar a adivinhar: esta mensagem chegou à pessoa certa? Se outra pessoa for responsável por isso, uma indicação seria muito bem-vinda.',
        ],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Escrevo porque, como {{lead.designation}}, este costuma ser um tema da sua responsabilidade. Entendi bem, ou devo falar com outra pessoa?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Um sim, um não ou um «agora não» já ajudaria muito. Qualquer um dos três é uma ótima resposta.',
        ],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Retomo esta conversa com uma pergunta simples: vale a pena conversarmos, ou é melhor deixar para depois?',
        ],
        signOff: THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Como não tive resposta, imagino que não seja o momento certo e não vou insistir mais. Se isso mudar, basta responder a este e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Esta será a minha última mensagem por agora. Se o tema se tornar prioridade para {{lead.company}} mais à frente, terei todo o prazer em retomar a conversa.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Não quero encher a sua caixa de entrada, por isso este é o meu último lembrete. Se quiser conversar mais tarde, a porta continua aberta.',
        ],
        signOff: BEST_REGARDS,
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'Um breve olá',
        greeting: OLA,
        body: [
          'Espero que esteja tudo bem nesta semana. Sou {{assistant.name}}, e foi isto que me levou a escrever: {{lead.context}}',
          'Se for útil, terei todo o prazer em mostrar algumas ideias quando for mais conveniente. Sem qualquer compromisso.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: '{{org.name}}: uma breve apresentação',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Sou {{assistant.name}} e escrevo em nome de {{org.name}}; um pouco de contexto: {{lead.context}}',
          'Quando tiver um momento, gostaria muito de saber se isso pode ser útil.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Uma ideia para {{lead.company}}',
        greeting: OLA,
        body: [
          'Espero que esteja tudo bem. Um pouco de contexto sobre esta mensagem: {{lead.context}}',
          'Se fizer sentido para {{lead.company}}, terei todo o prazer em encontrar um horário que seja conveniente.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Um breve olá',
        greeting: OLA,
        body: [
          'Espero que a semana tenha começado bem. Sou {{assistant.name}} e gostaria de saber um pouco mais sobre o seu trabalho e se podemos ajudar de alguma forma.',
          'Se fizer sentido, uma conversa curta, quando for conveniente, seria ótima.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Quando tiver um momento',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Escrevo para me apresentar e para saber se uma conversa breve poderia ser útil.',
          'Não há pressa nenhuma; o horário fica à sua escolha.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Um breve olá',
        greeting: OLA,
        body: [
          'Espero que esteja tudo bem nesta semana. Sou {{assistant.name}}, e foi isto que me levou a escrever: {{lead.context}}',
          'Um pouco sobre o que fazemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Sem qualquer pressão; quando for conveniente está ótimo.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        subject: 'Uma ideia que pode ajudar',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Um pouco de contexto sobre esta mensagem: {{lead.context}}',
          'Foi o que me fez pensar no que fazemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Se não for o momento certo, não há problema nenhum.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Quando tiver um momento',
        greeting: OLA,
        body: [
          'Espero que a semana tenha começado bem. Sou {{assistant.name}} e queria contar algo de forma breve.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Sem pressa nenhuma; o horário fica à sua escolha.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Uma breve apresentação',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Escrevo para me apresentar e contar o que fazemos, caso seja útil.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} E se não for o momento certo, não sinta qualquer obrigação de responder.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Só queria trazer de volta ao topo da sua caixa de entrada a minha mensagem anterior, caso tenha passado despercebida.',
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BOM_DIA,
        body: ['Sem pressão nenhuma. Só queria saber se já teve oportunidade de ler o meu e-mail anterior.'],
        signOff: KIND_REGARDS,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: OLA,
        body: [
          'Sei que o dia a dia pode ser intenso para {{lead.company}}, por isso deixo só um lembrete discreto. Posso esperar pelo momento mais conveniente.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Só um lembrete amigável sobre esta conversa. Quando tiver um momento livre, gostaria muito de saber a sua opinião.',
        ],
        signOff: BEST_WISHES,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Imagino que em setores como {{lead.industry}} tudo ande depressa, por isso não há pressa nenhuma. Estou por aqui quando quiser retomar o tema.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Passo só para lembrar, caso esta mensagem tenha ficado perdida. Se não for um bom momento, não há problema nenhum.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Retomo com calma o e-mail anterior desta conversa, caso se tenha perdido numa semana cheia. Não há pressa nenhuma.',
        ],
        signOff: WARM_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Não quero encher ainda mais a sua caixa de entrada, por isso esta será a minha última mensagem por agora. Se um dia quiser conversar, basta responder.',
        ],
        signOff: WARM_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Vou dar um passo atrás por agora, para não ser inconveniente. Se mais à frente o momento for melhor para {{lead.company}}, terei todo o prazer em retomar a conversa.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Depois desta mensagem, não volto a escrever. Agradeço a paciência, e espero que os nossos caminhos se cruzem de novo no momento certo.',
        ],
        signOff: BEST_WISHES,
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: 'Agradeço o seu tempo',
        greeting: OLA,
        body: [
          'Agradeço desde já o momento que dedica a esta mensagem. Sou {{assistant.name}}, e foi isto que me levou a escrever: {{lead.context}}',
          'Gostaria muito de conhecer melhor as suas prioridades. Uma conversa curta na próxima semana seria possível?',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Agradecimento e uma breve apresentação',
        greeting: BOM_DIA,
        body: [
          'Agradeço por abrir esta mensagem. Sou {{assistant.name}} e escrevo em nome de {{org.name}}; um pouco de contexto: {{lead.context}}',
          'Se fizer sentido, gostaria muito de ter 20 minutos para entender o que é mais importante neste momento.',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Algo que pode ajudar {{lead.company}}',
        greeting: OLA,
        body: [
          'Agradeço a leitura. Um pouco de contexto sobre esta mensagem: {{lead.context}}',
          'Gostaria muito de ter a oportunidade de mostrar como podemos ajudar {{lead.company}}. Uma conversa curta seria possível?',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Agradeço o seu tempo',
        greeting: OLA,
        body: [
          'Agradeço desde já o momento que dedica a esta mensagem. Sou {{assistant.name}} e gostaria de saber quais são as suas prioridades para este trimestre.',
          'Se uma conversa curta for útil, o horário fica à sua escolha.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Uma breve apresentação, com agradecimento',
        greeting: BOM_DIA,
        body: [
          'Agradeço por abrir este e-mail. Escrevo porque acredito que podemos facilitar um pouco o seu trabalho, e a sua opinião seria muito valiosa.',
          '[[Teria|Você teria]] disponibilidade para uma conversa breve nas próximas duas semanas?',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Agradeço o seu tempo',
        greeting: OLA,
        body: [
          'Agradeço desde já o momento que dedica a esta mensagem. Sou {{assistant.name}}, e foi isto que me levou a escrever: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Gostaria muito de saber a sua opinião.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Agradecimento e uma breve apresentação',
        greeting: BOM_DIA,
        body: [
          'Agradeço por abrir esta mensagem. Um pouco de contexto: {{lead.context}}',
          'Foi por isso que me lembrei [[de lhe escrever|de você]]. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Agradeço desde já a atenção.',
        ],
        signOff: WITH_THANKS,
      },
      {
        subject: 'Uma breve apresentação, com agradecimento',
        greeting: OLA,
        body: [
          'Agradeço desde já o momento que dedica a esta mensagem. Sou {{assistant.name}} e gostaria de contar brevemente o que fazemos.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Seja qual for a resposta, a sua opinião será muito valiosa.',
        ],
        signOff: MANY_THANKS,
      },
      {
        subject: 'Agradeço a leitura',
        greeting: BOM_DIA,
        body: [
          'Agradeço por abrir este e-mail e, por respeito ao seu tempo, serei breve.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Até uma resposta de uma linha seria muito apreciada.',
        ],
        signOff: WITH_THANKS,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Agradeço qualquer tempo que possa dedicar a isto. A sua opinião seria muito valiosa, quando tiver um momento.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Sei como o dia a dia pode ser agitado, por isso agradeço a paciência com mais uma mensagem curta. Uma conversa rápida na próxima semana seria útil?',
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Agradeço o seu tempo. Gostaria sinceramente de saber como {{lead.company}} aborda este tema neste momento.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Cada minuto que puder dispensar é muito bem-vindo. Até uma resposta de uma linha significaria muito.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Sei que o seu tempo como {{lead.designation}} é valioso, por isso agradeço a leitura. Vale uma conversa curta?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Agradeço a consideração. Se for difícil encaixar uma conversa, posso enviar um breve resumo por escrito.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Agradeço a leitura do e-mail anterior desta conversa. Gostaria muito de saber se o tema é do seu interesse.',
        ],
        signOff: MANY_THANKS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Agradeço o seu tempo e a sua atenção. Não vou insistir mais, mas terei todo o prazer em voltar a conversar quando for o momento certo.',
        ],
        signOff: WITH_THANKS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Agradeço o seu tempo. Esta será a minha última mensagem por agora; se algo mudar para {{lead.company}}, terei todo o prazer em retomar a conversa.',
        ],
        signOff: MANY_THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Agradeço a leitura; fico por aqui para não ocupar mais do seu tempo. Votos de muito sucesso.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: 'Espero que seja útil',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e espero que esta mensagem chegue no momento certo. Um pouco de contexto: {{lead.context}}',
          'Gostaria muito de saber se podemos ajudar. Uma conversa curta na próxima semana seria possível?',
        ],
        signOff: BEST,
      },
      {
        subject: '{{org.name}}: uma ideia',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}} e escrevo em nome de {{org.name}}. O que motivou esta mensagem: {{lead.context}}',
          'Tenho um bom pressentimento de que podemos ajudar, e gostaria de descobrir isso em conjunto. Que tal uma conversa rápida?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Uma boa oportunidade para {{lead.company}}',
        greeting: OLA,
        body: [
          'Espero que esteja tudo bem. O motivo desta mensagem: {{lead.context}}',
          'Vejo aqui uma oportunidade real para {{lead.company}}, e gostaria [[de lhe mostrar|de te mostrar]] o que quero dizer. Uma conversa de 20 minutos seria possível?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Espero que seja útil',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo na esperança de tornar algo mais simples no seu dia a dia e no da sua área.',
          'Gostaria muito de saber quais são as suas prioridades neste momento. Uma conversa curta na próxima semana seria possível?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Uma conversa que vale a pena?',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Tenho a sensação de que podemos ser realmente úteis, e gostaria de ter a oportunidade de confirmar isso.',
          'Conseguimos encontrar 20 minutos nas próximas duas semanas?',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Espero que seja útil',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e espero que esta mensagem chegue no momento certo. Um pouco de contexto: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Tenho um bom pressentimento de que isto pode ajudar. {{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma ideia promissora',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. O motivo desta mensagem: {{lead.context}}',
          'Acredito que podemos fazer uma diferença real nisso. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        subject: 'Uma conversa que vale a pena?',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo na esperança de tornar algo mais simples no seu dia a dia e no da sua área.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        subject: 'Espero que seja o momento certo',
        greeting: BOM_DIA,
        body: [
          'Espero que esteja tudo bem. Tenho a sensação de que o que fazemos pode ser realmente útil.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Acredito sinceramente que seria tempo bem investido.',
        ],
        signOff: LOOKING_FORWARD,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Continuo com esperança de encontrarmos um momento para conversar. A próxima semana seria possível?',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Tenho um bom pressentimento de que isto pode valer a pena, e gostaria de ter a oportunidade de mostrar as razões.',
        ],
        signOff: LOOKING_FORWARD,
      },
      {
        greeting: OLA,
        body: [
          'Acredito que podemos fazer uma diferença real para {{lead.company}}. Conseguimos encontrar 15 minutos para conversar?',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Espero que a minha mensagem anterior tenha chegado num bom momento. Terei todo o prazer em mostrar algumas ideias quando for conveniente.',
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Gostaria muito de saber o que está no topo das prioridades em setores como {{lead.industry}} hoje em dia. Espero que haja uma forma de ajudarmos.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Quem sabe esta semana o momento é melhor. Se for, gostaria muito de marcar uma conversa rápida.',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Retomo o e-mail anterior desta conversa, na esperança de que o momento seja melhor agora. Uma conversa curta seria possível?',
        ],
        signOff: ALL_THE_BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Não vou insistir mais, mas continuo com esperança de virmos a trabalhar juntos. Se o momento melhorar, basta responder a este e-mail.',
        ],
        signOff: ALL_THE_BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Esta é a minha última mensagem por agora. Ainda acredito que podemos ajudar {{lead.company}}, e espero voltar a ter notícias quando for o momento certo.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Não quero encher ainda mais a sua caixa de entrada, por isso este é o meu último lembrete. Espero que possamos voltar a falar mais à frente e, até lá, votos de muito sucesso.',
        ],
        signOff: WARM_REGARDS,
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Proposta: uma conversa de 20 minutos',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo por um motivo claro: {{lead.context}}',
          'Proponho uma conversa de 20 minutos na próxima semana. Que dia seria melhor?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: '{{org.name}}: o próximo passo',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}} e escrevo em nome de {{org.name}}. O motivo desta mensagem: {{lead.context}}',
          'O melhor próximo passo é uma conversa curta em que mostro exatamente como podemos ajudar. Poderia indicar dois horários convenientes?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma ideia concreta para {{lead.company}}',
        greeting: OLA,
        body: [
          'Vou direto ao assunto. O que motivou esta mensagem: {{lead.context}}',
          'Não tenho dúvidas de que podemos ajudar {{lead.company}}, e gostaria [[de lhe mostrar|de te mostrar]] como numa conversa de 20 minutos. Como está a agenda na próxima semana?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Proposta: uma conversa de 20 minutos',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e não tenho dúvidas de que podemos ajudar. Gostaria [[de lhe mostrar|de te mostrar]] como numa conversa de 20 minutos.',
          'Pode responder com um horário conveniente, esta semana ou na próxima?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Vamos marcar 20 minutos',
        greeting: BOM_DIA,
        body: [
          'Vou direto ao assunto: acredito que podemos ajudar a ganhar tempo de verdade, e uma conversa curta é a forma mais rápida de confirmar isso.',
          'Teria 20 minutos no início da próxima semana?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Um próximo passo concreto',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo por um motivo claro: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Basta responder com um horário conveniente e eu envio o convite.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma proposta de próximo passo',
        greeting: BOM_DIA,
        body: [
          'Vou direto ao assunto. O que motivou esta mensagem: {{lead.context}}',
          'É isto que fazemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Não tenho dúvidas de que valerá a pena.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Vamos marcar uma hora',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e vou direto ao assunto. {{org.offering.summary}}',
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Basta responder com um horário conveniente e eu trato do resto.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma proposta clara',
        greeting: BOM_DIA,
        body: [
          'Não tenho dúvidas de que podemos ajudar, e eis as razões.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Que dia seria melhor?',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Gostaria de reservar 20 minutos na sua agenda. O início da próxima semana seria possível, ou prefere outro momento?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Vamos marcar uma conversa curta para ver se faz sentido. Basta responder com um horário conveniente e eu envio o convite.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Não tenho dúvidas de que vale uma conversa para {{lead.company}}. Podemos reservar 15 minutos esta semana?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'A forma mais rápida de saber se isto é útil é uma conversa curta. [[Teria|Você teria]] um momento livre nos próximos dias?',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Como {{lead.designation}}, é a pessoa certa para avaliar se vale a pena avançar. Podemos falar 15 minutos esta semana?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: ['Vou facilitar: basta responder com um dia conveniente e eu envio o convite para a agenda.'],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Retomo o e-mail anterior desta conversa. Poderia responder com um horário conveniente para uma conversa de 15 minutos?',
        ],
        signOff: BEST_REGARDS,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Como não tive resposta, vou encerrar o assunto por agora. Se quiser conversar, basta responder a este e-mail e eu reservo um horário.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Este é o meu último lembrete. Se o tema se tornar prioridade para {{lead.company}}, basta responder aqui e começamos de imediato.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Depois desta mensagem, não volto a escrever. Quando quiser avançar, basta responder e eu marco uma conversa.',
        ],
        signOff: BEST,
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Antes que se torne urgente',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo com antecedência, antes que isto se torne premente. Um pouco de contexto: {{lead.context}}',
          'Valeria uma conversa curta, para que nada fique esquecido?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: '{{org.name}}: uma nota oportuna',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}} e escrevo em nome de {{org.name}}. O que motivou esta mensagem: {{lead.context}}',
          'Pela minha experiência, estas questões são mais fáceis de resolver cedo, por isso sugiro uma conversa rápida quanto antes.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma ideia oportuna para {{lead.company}}',
        greeting: OLA,
        body: [
          'Vou ser breve. A razão desta mensagem: {{lead.context}}',
          'Normalmente é mais fácil agir antes que a pressão aumente. Uma conversa curta nas próximas duas semanas faria sentido para {{lead.company}}?',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Antes que se torne urgente',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}}. Escrevo agora porque os problemas que ajudamos a resolver costumam sair mais baratos quando são resolvidos cedo.',
          'Uma conversa curta nas próximas duas semanas seria útil?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma nota oportuna',
        greeting: BOM_DIA,
        body: [
          'Vou ser breve. Muitas empresas esperam que um problema pequeno se torne grande antes de procurar ajuda, e gostaria de ajudar a antecipar isso.',
          'Conseguimos encontrar 20 minutos para falar sobre isso?',
        ],
        signOff: BEST,
      },
      {
        subject: 'Antes que se torne urgente',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e escrevo com antecedência, antes que isto se torne premente. Um pouco de contexto: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Normalmente é mais fácil agir antes que a pressão aumente.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma nota oportuna',
        greeting: BOM_DIA,
        body: [
          'Vou ser breve. A razão desta mensagem: {{lead.context}}',
          'Pela minha experiência, estas questões são mais fáceis de resolver cedo. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: KIND_REGARDS,
      },
      {
        subject: 'Vale a pena olhar para isto cedo',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}}. Escrevo agora porque os problemas que ajudamos a resolver costumam sair mais baratos quando são resolvidos cedo.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Antes da próxima fase mais agitada',
        greeting: BOM_DIA,
        body: [
          'Vou ser breve. Muitas empresas esperam que um problema pequeno se torne grande antes de procurar ajuda; gostaria de ajudar a antecipar isso.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Quanto mais cedo, mais fácil costuma ser.',
        ],
        signOff: BEST,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: ['Não queria que isto ficasse esquecido. Ainda vale uma conversa curta?'],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Pela minha experiência, adiar este tipo de tema costuma torná-lo mais difícil, não mais fácil. Conseguimos encontrar 15 minutos antes que as coisas apertem?',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Não gostaria que isto se tornasse urgente para {{lead.company}} antes de termos oportunidade de conversar. Uma conversa rápida esta semana faria sentido?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Um alerta amigável: estas questões tendem a custar mais quanto mais tempo esperam. Terei todo o prazer em ajudar a antecipar isso.',
        ],
        signOff: KIND_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Como {{lead.designation}}, sabe bem a rapidez com que pequenos problemas podem crescer. Podemos falar 15 minutos antes que isso aconteça?',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Antes que chegue a próxima fase mais agitada, queria confirmar mais uma vez se uma conversa curta seria útil.',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Retomo o e-mail anterior desta conversa antes que chegue a próxima fase mais agitada. Ainda vale uma conversa curta?',
        ],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Esta será a minha última mensagem. Se isto se tornar premente mais à frente, basta responder aqui; prefiro muito mais ajudar cedo do que tarde.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Depois desta mensagem, não volto a insistir. Se o tema ganhar urgência para {{lead.company}}, basta uma resposta.',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: [
          'Fico por aqui para não encher a sua caixa de entrada. Se os prazos apertarem mais à frente, terei todo o prazer em ajudar, mesmo em cima da hora.',
        ],
        signOff: KIND_REGARDS,
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'Uma pergunta rápida',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e fiquei com uma curiosidade. O que motivou esta mensagem: {{lead.context}}',
          'Como vê este tema neste momento? Gostaria muito de saber a sua opinião, nem que seja numa ou duas linhas.',
        ],
        signOff: BEST,
      },
      {
        subject: 'A sua opinião sobre isto',
        greeting: BOM_DIA,
        body: [
          'Sou {{assistant.name}} e escrevo em nome de {{org.name}}. Um pouco de contexto: {{lead.context}}',
          'Gostaria de entender o que é mais importante neste momento. [[Teria|Você teria]] disponibilidade para uma conversa curta?',
        ],
        signOff: THANKS,
      },
      {
        subject: '{{lead.company}}: uma pergunta',
        greeting: OLA,
        body: [
          'Espero que não se importe com uma pergunta assim, sem aviso. O motivo da pergunta: {{lead.context}}',
          'Qual é hoje a maior prioridade de {{lead.company}} nesta área?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        subject: 'Uma pergunta rápida',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e fiquei com uma curiosidade: qual é a única coisa que mais gostaria de melhorar na sua área neste trimestre?',
          'Se houver afinidade com o que fazemos, terei todo o prazer em contar mais.',
        ],
        signOff: BEST,
      },
      {
        subject: 'Uma curiosidade sobre as suas prioridades',
        greeting: BOM_DIA,
        body: [
          'Espero que não se importe com uma pergunta assim, sem aviso: o que mais ocupa a sua atenção neste momento?',
          'Pergunto porque talvez possamos ajudar, e prefiro entender as suas prioridades antes de sugerir o que quer que seja.',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Uma pergunta rápida',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e fiquei com uma curiosidade. O que motivou esta mensagem: {{lead.context}}',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'Como trata este tema hoje em dia? {{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: 'A sua opinião sobre isto',
        greeting: BOM_DIA,
        body: [
          'Espero que não se importe com uma pergunta assim, sem aviso. O motivo da pergunta: {{lead.context}}',
          'Para dar contexto, é isto que fazemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          'Gostaria muito de saber se isso corresponde ao que vê no dia a dia. {{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
      {
        subject: 'Uma pergunta sobre as suas prioridades',
        greeting: OLA,
        body: [
          'Sou {{assistant.name}} e fiquei com uma curiosidade: qual é a única coisa que mais gostaria de melhorar na sua área neste trimestre?',
          'Pergunto por causa do que fazemos: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: BEST,
      },
      {
        subject: 'Será que isto faz sentido?',
        greeting: BOM_DIA,
        body: [
          'Numa frase, é isto que fazemos: {{org.offering.summary}}',
          '{{org.offering.valueProposition}} Fico com curiosidade de saber se isso faria diferença.',
          '{{org.offering.callToAction}}',
        ],
        signOff: THANKS,
      },
    ],
    followup: [
      {
        greeting: OLA,
        body: [
          'Queria saber se a minha mensagem anterior fez algum sentido. O que tornaria isto digno de uma conversa?',
        ],
        signOff: BEST,
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Uma pergunta rápida: como trata este tema hoje em dia? Gostaria muito de saber o que funciona bem.',
        ],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Tenho curiosidade em saber como {{lead.company}} aborda este tema hoje. É algo em avaliação neste momento?',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Por curiosidade: há uma altura do ano melhor para conversarmos, ou simplesmente não é prioridade?',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Como {{lead.designation}}, qual é o maior desafio que tem em mãos neste momento? Gostaria sinceramente de saber.',
        ],
        signOff: THANKS,
      },
      {
        greeting: OLA,
        body: [
          'Gostaria muito de conhecer a sua opinião, nem que seja numa ou duas frases. Isto faz sentido, ou será impressão minha?',
        ],
        signOff: BEST,
      },
      {
        greeting: OLA,
        body: ['Retomo o e-mail anterior desta conversa: o que tornaria isto digno de uma conversa?'],
        signOff: BEST,
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: OLA,
        body: [
          'Como não tive resposta, não vou insistir mais. Antes de me despedir, fica a curiosidade: foi uma questão de momento, ou simplesmente não fazia sentido?',
        ],
        signOff: BEST,
      },
      {
        greeting: BOM_DIA,
        body: [
          'Esta é a minha última mensagem por agora. Se um dia quiser contar quais são as prioridades de {{lead.company}}, terei todo o prazer em ouvir.',
        ],
        signOff: BEST_REGARDS,
      },
      {
        greeting: OLA,
        body: [
          'Fico por aqui. Se tiver um segundo, gostaria muito de saber se faz sentido voltar a escrever mais para o final do ano.',
        ],
        signOff: THANKS,
      },
    ],
  },
};

/** Per tone, each opening as a function of how it names the referrer; in English's order. */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `Foi ${referrer} quem me indicou o seu nome como a pessoa com quem devo falar.`,
    (referrer) => `Foi ${referrer} quem me passou o seu nome, como a pessoa certa a quem perguntar.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} teve a gentileza de sugerir que [[lhe|te]] escrevesse, por isso tomo a liberdade de enviar uma breve mensagem.`,
    (referrer) => `Escrevo porque ${referrer} me indicou o seu nome como a pessoa certa para esta conversa.`,
  ],
  appreciative: [
    (referrer) => `Foi ${referrer} quem, muito gentilmente, sugeriu que [[lhe|te]] escrevesse.`,
    (referrer) => `Devo esta apresentação à gentileza de ${referrer}.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} sugeriu que [[lhe|te]] escrevesse, o que me deixa com a esperança de que teremos muito para conversar.`,
    (referrer) =>
      `${referrer} indicou o seu nome como a pessoa certa para esta conversa, o que me parece um ótimo começo.`,
  ],
  assertive: [
    (referrer) => `Por recomendação de ${referrer}, escrevo diretamente à pessoa certa.`,
    (referrer) =>
      `${referrer} sugeriu que [[lhe|te]] escrevesse diretamente, e quero aproveitar bem essa apresentação.`,
  ],
  cautionary: [
    (referrer) => `${referrer} sugeriu que [[lhe|te]] escrevesse, e não quero presumir mais do que isso.`,
    (referrer) =>
      `Escrevo por sugestão de ${referrer}; se não for a pessoa certa para este tema, [[peço que me diga|é só me dizer]].`,
  ],
  curious: [
    (referrer) =>
      `${referrer} indicou o seu nome como a pessoa certa para esta conversa, e gostaria muito de saber a sua opinião.`,
    (referrer) =>
      `${referrer} sugeriu que [[lhe|te]] escrevesse, e tenho curiosidade em saber como [[vê|você vê]] as coisas.`,
  ],
};

export const PORTUGUESE: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
