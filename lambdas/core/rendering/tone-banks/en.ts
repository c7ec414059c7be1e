/**
 * The English bank, the one every other language translates: each variant of another language is this
 * one at the same (tone, position, index), with the same placeholders, so a lead is chosen the same
 * variant whatever language it is written in.
 */
import { EMAIL_CC_ONLY, type LanguageBank, STANDARD_ONLY } from './bank';

const HI = 'Hi {{lead.firstName|there}},';
const HELLO = 'Hello {{lead.firstName|there}},';
const NAME = '{{lead.firstName|Hi there}},';

const DRAFTS: LanguageBank['drafts'] = {
  candid: {
    first: [
      {
        subject: 'Worth a short conversation?',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'll be direct about why I'm writing: {{lead.context}}",
          "If that's worth exploring, would you have 20 minutes for a call next week? If not, a quick no is perfectly fine.",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A quick, honest question',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}} from {{org.name}}. Here's why I'm reaching out: {{lead.context}}",
          'Is this a priority for you right now? A one-line reply either way would really help.',
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'An idea for {{lead.company}}',
        greeting: HI,
        body: [
          "I'll keep this brief. What prompted my note: {{lead.context}}",
          'Would it be worth a short call to see whether we can help {{lead.company}}? If the timing is wrong, just say so.',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'Worth a short conversation?',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'll be upfront: I think we may be able to help you, and I'd like to find out whether that's true.",
          'Do you have 20 minutes next week for a quick call?',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A straight question',
        greeting: HELLO,
        body: [
          "I'll get straight to the point: I'd like 20 minutes of your time to see whether what we do is useful to you.",
          "If it isn't a fit, tell me and I'll leave it there.",
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'Worth a short conversation?',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'll be direct about why I'm writing: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} If it isn't a fit, a quick no is perfectly fine.",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A quick, honest question',
        greeting: HELLO,
        body: [
          "I'll keep this brief. What prompted my note: {{lead.context}}",
          "Here's what we do: {{org.offering.summary}} Why it matters: {{org.offering.valueProposition}}",
          '{{org.offering.callToAction}} A one-line yes, no or not now would really help.',
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'Is this worth a conversation?',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'll get straight to the point. {{org.offering.summary}}",
          '{{org.offering.valueProposition}} {{org.offering.callToAction}}',
          "If it isn't a priority right now, just tell me and I'll leave it there.",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A straight question',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}}. In one line, here's what we do: {{org.offering.summary}}",
          '{{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Either answer is a good one.',
        ],
        signOff: 'Thanks,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          "Since this thread has gone quiet, I'll ask plainly: is this something you'd like to explore, or is it not a priority right now?",
        ],
        signOff: 'Thanks,',
      },
      {
        greeting: NAME,
        body: [
          "I know inboxes get busy, so I'll keep this short. Is a 15-minute call this week or next realistic?",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          'Honest question: is this on the radar at {{lead.company}} right now, or should I check back later in the year?',
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: [
          "I'd rather ask than guess: is this reaching the right person? If someone else looks after this, I'd be grateful for a pointer.",
        ],
        signOff: 'Thanks,',
      },
      {
        greeting: HI,
        body: [
          "I'm writing to you because, as {{lead.designation}}, this is usually on your plate. Have I got that right, or should I be talking to someone else?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: NAME,
        body: [
          'A quick yes, no or not now would help me a lot. Any of the three is a perfectly good answer.',
        ],
        signOff: 'Thanks,',
      },
      {
        greeting: HI,
        body: [
          'Picking up this thread with a plain question: is this worth a conversation for you, or should we leave it for now?',
        ],
        signOff: 'Thanks,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "I haven't heard back, so I'll assume now isn't the right time and stop following up. If that changes, just reply to this e-mail.",
        ],
        signOff: 'All the best,',
      },
      {
        greeting: HELLO,
        body: [
          "This will be my last note for now. If this becomes a priority at {{lead.company}} later on, I'd be glad to pick up the conversation again.",
        ],
        signOff: 'Best,',
      },
      {
        greeting: NAME,
        body: [
          "I don't want to crowd your inbox, so this is my last follow-up. My door stays open if you'd like to talk later.",
        ],
        signOff: 'Best regards,',
      },
    ],
  },

  gentle: {
    first: [
      {
        subject: 'A quick hello',
        greeting: HI,
        body: [
          "I hope your week is going well. I'm {{assistant.name}}, and here's what prompted me to write: {{lead.context}}",
          "If it would be helpful, I'd be glad to share a few ideas whenever suits you. No pressure at all.",
        ],
        signOff: 'Warm regards,',
      },
      {
        subject: 'Hello from {{org.name}}',
        greeting: HELLO,
        body: [
          "I hope all is well. I'm {{assistant.name}} from {{org.name}}, and a little background on my note: {{lead.context}}",
          "Whenever you have a moment, I'd love to hear whether this is useful to you.",
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'A thought for {{lead.company}}',
        greeting: HI,
        body: [
          "I hope you're keeping well. Some context for my note: {{lead.context}}",
          "If it sounds relevant for {{lead.company}}, I'd be happy to find a time that works for you.",
        ],
        signOff: 'Warm regards,',
      },
      {
        subject: 'A quick hello',
        greeting: HI,
        body: [
          "I hope your week is off to a good start. I'm {{assistant.name}}, and I'd love to learn a little about what you're working on and whether we might be able to help.",
          "If you're open to it, a short call whenever suits you would be lovely.",
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'Whenever you have a moment',
        greeting: HELLO,
        body: [
          "I hope all is well. I'm reaching out to introduce myself and to ask whether a brief conversation might be useful to you.",
          "There's no rush at all; I'm happy to work around your schedule.",
        ],
        signOff: 'Warm regards,',
      },
      {
        subject: 'A quick hello',
        greeting: HI,
        body: [
          "I hope your week is going well. I'm {{assistant.name}}, and here's what prompted me to write: {{lead.context}}",
          'A little about what we do: {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} There's no pressure at all; whenever suits you is fine.",
        ],
        signOff: 'Warm regards,',
      },
      {
        subject: 'A thought that might help',
        greeting: HELLO,
        body: [
          'I hope all is well. Some context for my note: {{lead.context}}',
          'It made me think of what we do: {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} If now isn't the right time, that's completely fine.",
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'Whenever you have a moment',
        greeting: HI,
        body: [
          "I hope your week is off to a good start. I'm {{assistant.name}}, and I wanted to share something briefly.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} No rush at all; I'm happy to work around your schedule.",
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'A gentle introduction',
        greeting: HELLO,
        body: [
          "I hope all is well. I'm reaching out to introduce myself and what we do, in case it's useful to you.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} And if the timing isn't right, please don't feel any pressure to reply.",
        ],
        signOff: 'Warm regards,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          'I just wanted to bring my last note gently back to the top of your inbox, in case it slipped past.',
        ],
        signOff: 'Warm regards,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HELLO,
        body: [
          'No pressure at all. I simply wanted to check whether you had a chance to look at my earlier e-mail.',
        ],
        signOff: 'Kind regards,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HI,
        body: [
          "I know things can get busy at {{lead.company}}, so I wanted to check in softly. I'm happy to wait until the timing suits you.",
        ],
        signOff: 'Warm regards,',
      },
      {
        greeting: NAME,
        body: [
          "Just a friendly nudge on this thread. Whenever you have a free moment, I'd love to hear your thoughts.",
        ],
        signOff: 'Best wishes,',
      },
      {
        greeting: HELLO,
        body: [
          "I imagine things move quickly in {{lead.industry}}, so please don't feel rushed. I'm here whenever you'd like to pick this up.",
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: HI,
        body: [
          "Checking in kindly in case this got buried. If now isn't a good time, that's completely fine.",
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: HELLO,
        body: [
          "I'm following up gently on the e-mail earlier in this thread, in case it got lost in a busy week. There's no rush at all.",
        ],
        signOff: 'Warm regards,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "I don't want to keep filling your inbox, so this will be my last note for now. If you'd ever like to talk, I'm only a reply away.",
        ],
        signOff: 'Warm regards,',
      },
      {
        greeting: HELLO,
        body: [
          "I'll step back for now so I don't become a nuisance. If the timing is better for {{lead.company}} later on, I'd be glad to hear from you.",
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: NAME,
        body: [
          "I'll stop reaching out after this one. Thank you for your patience, and I hope our paths cross again when the time is right.",
        ],
        signOff: 'Best wishes,',
      },
    ],
  },

  appreciative: {
    first: [
      {
        subject: 'Thank you for a moment of your time',
        greeting: HI,
        body: [
          "Thank you for taking a moment to read this. I'm {{assistant.name}}, and here's what prompted my note: {{lead.context}}",
          "I'd really appreciate the chance to learn more about your priorities. Would a short call next week work?",
        ],
        signOff: 'Many thanks,',
      },
      {
        subject: 'Thank you, and a quick introduction',
        greeting: HELLO,
        body: [
          "I appreciate you opening this. I'm {{assistant.name}} from {{org.name}}, and some context for my note: {{lead.context}}",
          "If you're open to it, I'd be grateful for 20 minutes to hear what matters most to you right now.",
        ],
        signOff: 'With thanks,',
      },
      {
        subject: 'Something that may help {{lead.company}}',
        greeting: HI,
        body: [
          "Thanks for reading. A little background on why I'm writing: {{lead.context}}",
          "I'd truly appreciate the chance to show how we could help {{lead.company}}. Would a short call suit you?",
        ],
        signOff: 'Many thanks,',
      },
      {
        subject: 'Thank you for a moment of your time',
        greeting: HI,
        body: [
          "Thank you for taking a moment to read this. I'm {{assistant.name}}, and I'd appreciate the chance to learn what you're focused on this quarter.",
          "If a short call would be useful, I'd be glad to work around your schedule.",
        ],
        signOff: 'Many thanks,',
      },
      {
        subject: 'A quick introduction, with thanks',
        greeting: HELLO,
        body: [
          "I appreciate you opening this e-mail. I'm reaching out because I believe we could make your work a little easier, and I'd value your perspective.",
          'Would you be open to a brief conversation in the next couple of weeks?',
        ],
        signOff: 'With thanks,',
      },
      {
        subject: 'Thank you for a moment of your time',
        greeting: HI,
        body: [
          "Thank you for taking a moment to read this. I'm {{assistant.name}}, and here's what prompted my note: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} I'd really appreciate hearing what you think.",
        ],
        signOff: 'Many thanks,',
      },
      {
        subject: 'Thank you, and a quick introduction',
        greeting: HELLO,
        body: [
          'I appreciate you opening this. Some context for my note: {{lead.context}}',
          "That's why I thought of you. {{org.offering.summary}} {{org.offering.valueProposition}}",
          '{{org.offering.callToAction}} Thank you for considering it.',
        ],
        signOff: 'With thanks,',
      },
      {
        subject: 'A quick introduction, with thanks',
        greeting: HI,
        body: [
          "Thank you for taking a moment to read this. I'm {{assistant.name}}, and I'd like to share briefly what we do.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} I'd be grateful for your perspective either way.",
        ],
        signOff: 'Many thanks,',
      },
      {
        subject: 'Thank you for reading',
        greeting: HELLO,
        body: [
          "I appreciate you opening this e-mail, and I'll respect your time by keeping it short.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Even a one-line reply would be much appreciated.',
        ],
        signOff: 'With thanks,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          "Thank you for any time you can give this. I'd really value your thoughts whenever you have a moment.",
        ],
        signOff: 'Many thanks,',
      },
      {
        greeting: HELLO,
        body: [
          'I appreciate how busy things get, so thank you for bearing with another short note. Would a quick call next week be useful?',
        ],
        signOff: 'With thanks,',
      },
      {
        greeting: HI,
        body: [
          "Thank you for your time. I'd genuinely appreciate hearing how {{lead.company}} is approaching this at the moment.",
        ],
        signOff: 'Many thanks,',
      },
      {
        greeting: NAME,
        body: ["I'm grateful for any moment you can spare. Even a one-line reply would mean a lot."],
        signOff: 'Many thanks,',
      },
      {
        greeting: HELLO,
        body: [
          'I know your time as {{lead.designation}} is valuable, so thank you for reading. Is this worth a short conversation?',
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: HI,
        body: [
          "Thank you for considering this. If a call is hard to fit in, I'm happy to send a short written summary instead.",
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: HI,
        body: [
          "Thank you for reading the e-mail earlier in this thread. I'd be grateful to hear whether it's of interest.",
        ],
        signOff: 'Many thanks,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "Thank you for your time and attention. I'll stop following up here, but I'd be glad to hear from you whenever the timing is right.",
        ],
        signOff: 'With thanks,',
      },
      {
        greeting: HELLO,
        body: [
          "I appreciate your time. This will be my last note for now; if things change at {{lead.company}}, I'd be happy to reconnect.",
        ],
        signOff: 'Many thanks,',
      },
      {
        greeting: NAME,
        body: [
          "Thanks for reading; I'll close the loop here so I don't take up more of your time. Wishing you all the best.",
        ],
        signOff: 'Kind regards,',
      },
    ],
  },

  hopeful: {
    first: [
      {
        subject: 'Hoping this is useful',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I hope this note is timely. Some context for why I'm writing: {{lead.context}}",
          "I'd love to explore whether we can help. Would a short call next week work for you?",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'An idea from {{org.name}}',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}} from {{org.name}}. What prompted my note: {{lead.context}}",
          "I have a good feeling we could be helpful here, and I'd love to find out together. Are you open to a quick chat?",
        ],
        signOff: 'All the best,',
      },
      {
        subject: 'Something promising for {{lead.company}}',
        greeting: HI,
        body: [
          "I hope this finds you well. Here's why I'm reaching out: {{lead.context}}",
          "I think there's a real opportunity for {{lead.company}} here, and I'd love to show you what I mean. Would a 20-minute call suit you?",
        ],
        signOff: 'Looking forward to hearing from you,',
      },
      {
        subject: 'Hoping this is useful',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm reaching out in the hope that we can make something easier for you and your team.",
          "I'd love to hear what you're focused on right now. Would a short call next week work?",
        ],
        signOff: 'All the best,',
      },
      {
        subject: 'A conversation worth having?',
        greeting: HELLO,
        body: [
          "I hope this finds you well. I have a feeling we could be genuinely useful to you, and I'd love the chance to find out.",
          'Could we find 20 minutes in the next week or two?',
        ],
        signOff: 'Looking forward to hearing from you,',
      },
      {
        subject: 'Hoping this is useful',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I hope this note is timely. Some context for why I'm writing: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'I have a good feeling this could help. {{org.offering.callToAction}}',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Something promising',
        greeting: HELLO,
        body: [
          "I hope this finds you well. Here's why I'm reaching out: {{lead.context}}",
          'I think we could make a real difference there. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Looking forward to hearing from you,',
      },
      {
        subject: 'A conversation worth having?',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm reaching out in the hope that we can make something easier for you and your team.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'All the best,',
      },
      {
        subject: 'Hoping the timing is right',
        greeting: HELLO,
        body: [
          'I hope this finds you well. I have a feeling what we do could be genuinely useful to you.',
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} I'm optimistic it would be time well spent.",
        ],
        signOff: 'Looking forward to hearing from you,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: ["I'm still hopeful we can find a time to talk. Would sometime next week work for you?"],
        signOff: 'All the best,',
      },
      {
        greeting: HELLO,
        body: [
          "I have a good feeling this could be worthwhile for you, and I'd love the chance to show you why.",
        ],
        signOff: 'Looking forward to hearing from you,',
      },
      {
        greeting: HI,
        body: [
          "I'm optimistic we could make a real difference at {{lead.company}}. Could we find 15 minutes to talk it through?",
        ],
        signOff: 'Best,',
      },
      {
        greeting: NAME,
        body: [
          "I hope my earlier note reached you at a good moment. I'd be glad to share a few ideas whenever you're ready.",
        ],
        signOff: 'All the best,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HELLO,
        body: [
          "I'd love to hear what's top of mind for you in {{lead.industry}} these days. I'm hopeful there's a way we can help.",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: ["Fingers crossed the timing is better this week. If so, I'd love to set up a quick call."],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          "I'm following up on the e-mail earlier in this thread, hoping the timing works better now. Would a short call suit you?",
        ],
        signOff: 'All the best,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "I'll stop following up here, but I'm still hopeful we'll get the chance to work together. If the timing improves, just reply to this e-mail.",
        ],
        signOff: 'All the best,',
      },
      {
        greeting: HELLO,
        body: [
          "This is my last note for now. I still believe we could help {{lead.company}}, and I hope you'll reach out when the time is right.",
        ],
        signOff: 'Best,',
      },
      {
        greeting: NAME,
        body: [
          "I won't keep filling your inbox, so this is my final follow-up. I hope we can reconnect down the line, and I wish you every success in the meantime.",
        ],
        signOff: 'Warm regards,',
      },
    ],
  },

  assertive: {
    first: [
      {
        subject: 'Proposing a 20-minute call',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm writing for a clear reason: {{lead.context}}",
          "I'd like to propose a 20-minute call next week. Which day works best for you?",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'Next step with {{org.name}}',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}} from {{org.name}}. Here's why I'm reaching out: {{lead.context}}",
          'The best next step is a short call where I can show you exactly how we would help. Could you share two times that suit you?',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A concrete idea for {{lead.company}}',
        greeting: HI,
        body: [
          'Let me get right to it. What prompted my note: {{lead.context}}',
          "I'm confident we can help {{lead.company}}, and I'd like to show you how in a 20-minute call. What does your calendar look like next week?",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'Proposing a 20-minute call',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm confident we can help you. I'd like to show you how in a 20-minute call.",
          'Could you reply with a time that works this week or next?',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: "Let's find 20 minutes",
        greeting: HELLO,
        body: [
          "I'll get right to it: I believe we can save you real time, and a short call is the fastest way to find out.",
          'Are you free for 20 minutes early next week?',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A concrete next step',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm writing for a clear reason: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Reply with a time that works and I'll send the invite.",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'Proposing a next step',
        greeting: HELLO,
        body: [
          'Let me get right to it. What prompted my note: {{lead.context}}',
          'This is what we do: {{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} I'm confident it will be worth your time.",
        ],
        signOff: 'Best,',
      },
      {
        subject: "Let's find a time",
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'll get right to it. {{org.offering.summary}}",
          '{{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} Reply with a time that suits you and I'll take care of the rest.",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A clear proposal',
        greeting: HELLO,
        body: [
          "I'm confident we can help you, and here's why.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Which day works best for you?',
        ],
        signOff: 'Best,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          "I'd like to get 20 minutes on your calendar. Does early next week work, or would you suggest a better time?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: HELLO,
        body: [
          "Let's set up a short call to see whether this is a fit. Reply with a time that suits you and I'll send an invite.",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: [
          "I'm confident this is worth a conversation for {{lead.company}}. Can we lock in 15 minutes this week?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: NAME,
        body: [
          'The quickest way to know whether this is useful is a short call. Are you free at some point in the next few days?',
        ],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          "As {{lead.designation}}, you're the right person to judge whether this is worth pursuing. Could we speak for 15 minutes this week?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: HI,
        body: ["I'll make this easy: reply with a day that works and I'll send over a calendar invite."],
        signOff: 'Thanks,',
      },
      {
        greeting: HI,
        body: [
          "I'm following up on the e-mail earlier in this thread. Could you reply with a time that suits you for a 15-minute call?",
        ],
        signOff: 'Best regards,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "I haven't been able to reach you, so I'll close your file for now. If you'd like to talk, reply to this e-mail and I'll make the time.",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: HELLO,
        body: [
          'This is my final follow-up. If this becomes a priority for {{lead.company}}, reply here and we can get started right away.',
        ],
        signOff: 'Best,',
      },
      {
        greeting: NAME,
        body: [
          "I'll stop reaching out after this note. When you're ready to move forward, just reply and I'll set up a call.",
        ],
        signOff: 'Best,',
      },
    ],
  },

  cautionary: {
    first: [
      {
        subject: 'Before it becomes urgent',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm reaching out early, before this becomes pressing. Some context: {{lead.context}}",
          'Would a short call be worthwhile, so nothing slips through the cracks?',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A timely note from {{org.name}}',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}} from {{org.name}}. Here's what prompted my note: {{lead.context}}",
          "In my experience, these things are easier to address early, so I'd suggest a quick conversation sooner rather than later.",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'A timely idea for {{lead.company}}',
        greeting: HI,
        body: [
          "I'll be brief. Why I'm writing: {{lead.context}}",
          "It's usually easier to act before the pressure builds. Would a short call make sense for {{lead.company}} in the next week or two?",
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'Before it becomes urgent',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}. I'm reaching out now because the problems we help with tend to be cheaper to fix early than late.",
          'Would a short call in the next week or two be useful?',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A timely note',
        greeting: HELLO,
        body: [
          "I'll keep this short. Many teams wait until a small problem becomes a big one before they look for help, and I'd like to help you get ahead of that.",
          'Could we find 20 minutes to talk it through?',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Before it becomes urgent',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm reaching out early, before this becomes pressing. Some context: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          "{{org.offering.callToAction}} It's usually easier to act before the pressure builds.",
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A timely note',
        greeting: HELLO,
        body: [
          "I'll be brief. Why I'm writing: {{lead.context}}",
          'In my experience, these things are easier to address early. {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Kind regards,',
      },
      {
        subject: 'Worth looking at early',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}. I'm reaching out now because the problems we help with tend to be cheaper to fix early than late.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'Before the next busy stretch',
        greeting: HELLO,
        body: [
          "I'll keep this short. Many teams wait until a small problem becomes a big one before they look for help; I'd like to help you get ahead of it.",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}} Sooner tends to be easier than later.',
        ],
        signOff: 'Best,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          "I don't want this to slip through the cracks on your side. Is it still worth a short conversation?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: HELLO,
        body: [
          'In my experience, waiting on this usually makes it harder, not easier. Could we find 15 minutes before things get busier?',
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: [
          "I'd hate for this to become urgent at {{lead.company}} before we've had a chance to talk. Would a quick call this week make sense?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: NAME,
        body: [
          "A gentle word of caution: these things tend to cost more the longer they wait. I'm happy to help you get ahead of it.",
        ],
        signOff: 'Kind regards,',
      },
      {
        greeting: HELLO,
        body: [
          "As {{lead.designation}}, you'll know how quickly small issues can grow. Could we talk for 15 minutes before this one does?",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: [
          'Before the next busy stretch arrives, I wanted to check once more whether a short call would be useful.',
        ],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          'Following up on the e-mail earlier in this thread before the next busy stretch arrives. Is a short conversation still worthwhile?',
        ],
        signOff: 'Best,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "This will be my last note. If this becomes pressing later, please reply here; I'd much rather help early than late.",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: HELLO,
        body: [
          "I'll stop following up after this one. If this becomes more pressing at {{lead.company}}, I'm just a reply away.",
        ],
        signOff: 'Best,',
      },
      {
        greeting: NAME,
        body: [
          "I'll close the loop here so I don't crowd your inbox. If timing gets tight later on, I'm happy to help at short notice.",
        ],
        signOff: 'Kind regards,',
      },
    ],
  },

  curious: {
    first: [
      {
        subject: 'A quick question',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm curious about something. What prompted my note: {{lead.context}}",
          "How are you thinking about this at the moment? I'd love to hear your take, even in a line or two.",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Curious about your take',
        greeting: HELLO,
        body: [
          "I'm {{assistant.name}} from {{org.name}}. Some context for my note: {{lead.context}}",
          "I'd love to understand what's most important to you right now. Would you be open to a short call?",
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'A question about {{lead.company}}',
        greeting: HI,
        body: [
          "I hope you don't mind a question out of the blue. Here's why I'm asking: {{lead.context}}",
          'What does {{lead.company}} see as the biggest priority in this area right now?',
        ],
        signOff: 'Best regards,',
      },
      {
        subject: 'A quick question',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm curious: what's the one thing you'd most like to improve on your team this quarter?",
          "If there's a fit with what we do, I'd love to tell you more.",
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Curious about your priorities',
        greeting: HELLO,
        body: [
          "I hope you don't mind a question out of the blue. What's taking up most of your attention at the moment?",
          "I ask because we might be able to help, and I'd rather understand your priorities before suggesting anything.",
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'A quick question',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm curious about something. What prompted my note: {{lead.context}}",
          '{{org.offering.summary}} {{org.offering.valueProposition}}',
          'How are you handling this today? {{org.offering.callToAction}}',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Curious about your take',
        greeting: HELLO,
        body: [
          "I hope you don't mind a question out of the blue. Here's why I'm asking: {{lead.context}}",
          "For context, here's what we do: {{org.offering.summary}} {{org.offering.valueProposition}}",
          "I'd love to hear whether that matches what you're seeing. {{org.offering.callToAction}}",
        ],
        signOff: 'Thanks,',
      },
      {
        subject: 'A question about your priorities',
        greeting: HI,
        body: [
          "I'm {{assistant.name}}, and I'm curious: what's the one thing you'd most like to improve on your team this quarter?",
          'I ask because of what we do: {{org.offering.summary}} {{org.offering.valueProposition}}',
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Best,',
      },
      {
        subject: 'Curious whether this fits',
        greeting: HELLO,
        body: [
          "Here's what we do, in a sentence: {{org.offering.summary}}",
          "{{org.offering.valueProposition}} I'm curious whether that would matter to you.",
          '{{org.offering.callToAction}}',
        ],
        signOff: 'Thanks,',
      },
    ],
    followup: [
      {
        greeting: HI,
        body: [
          'I was wondering whether my earlier note was relevant to you at all. What would make this worth a conversation?',
        ],
        signOff: 'Best,',
        sequenceTypes: STANDARD_ONLY,
      },
      {
        greeting: HELLO,
        body: ["Quick question: how are you handling this today? I'd love to learn what's working for you."],
        signOff: 'Thanks,',
      },
      {
        greeting: HI,
        body: [
          "I'm curious how {{lead.company}} is approaching this at the moment. Is it something you're actively looking at?",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: NAME,
        body: [
          'Out of curiosity, is there a better time of year for us to talk, or is this simply not a priority?',
        ],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          "As {{lead.designation}}, what's the biggest challenge on your plate right now? I'd genuinely like to know.",
        ],
        signOff: 'Thanks,',
      },
      {
        greeting: HI,
        body: [
          "I'd love to hear your take, even in a sentence or two. Does this resonate, or am I off the mark?",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HI,
        body: [
          'Following up on the e-mail earlier in this thread: what would make this worth a conversation for you?',
        ],
        signOff: 'Best,',
        sequenceTypes: EMAIL_CC_ONLY,
      },
    ],
    last: [
      {
        greeting: HI,
        body: [
          "Since I haven't heard back, I'll stop following up. Before I go, I'm curious: was it the timing, or just not a fit?",
        ],
        signOff: 'Best,',
      },
      {
        greeting: HELLO,
        body: [
          "This is my last note for now. If you ever feel like sharing what {{lead.company}} is prioritizing, I'd be glad to hear it.",
        ],
        signOff: 'Best regards,',
      },
      {
        greeting: NAME,
        body: [
          "I'll close the loop here. If you have a second, I'd love to know whether I should reach out again later in the year.",
        ],
        signOff: 'Thanks,',
      },
    ],
  },
};

/**
 * Per tone, each opening as a function of how it names the referrer. Positional like the variants
 * (`candid-referral-2` is the second opening in its first-name form): append only.
 */
const REFERRALS: LanguageBank['referrals'] = {
  candid: [
    (referrer) => `${referrer} suggested you're the person I should talk to.`,
    (referrer) => `${referrer} gave me your name and said you'd be the one to ask.`,
  ],
  gentle: [
    (referrer) =>
      `${referrer} kindly suggested I get in touch with you, so I'm taking the liberty of a short note.`,
    (referrer) =>
      `I'm getting in touch because ${referrer} thought you might be the right person to speak with.`,
  ],
  appreciative: [
    (referrer) => `${referrer} was kind enough to suggest I get in touch with you.`,
    (referrer) => `${referrer} kindly pointed me your way.`,
  ],
  hopeful: [
    (referrer) =>
      `${referrer} suggested I get in touch with you, and that makes me optimistic we'll have plenty to talk about.`,
    (referrer) =>
      `${referrer} mentioned you might be the right person to talk to, which sounds like a promising start.`,
  ],
  assertive: [
    (referrer) => `${referrer} told me you're the person to speak with, so I'm coming straight to you.`,
    (referrer) =>
      `${referrer} suggested I contact you directly, and I'd like to make the most of that introduction.`,
  ],
  cautionary: [
    (referrer) => `${referrer} suggested I contact you, and I don't want to presume more than that.`,
    (referrer) =>
      `I'm writing at ${referrer}'s suggestion; if I've been pointed to the wrong person, please say so.`,
  ],
  curious: [
    (referrer) =>
      `${referrer} mentioned you're the right person to talk to, and I'd love to hear your perspective.`,
    (referrer) => `${referrer} suggested I get in touch with you, and I'm keen to learn how you see things.`,
  ],
};

export const ENGLISH: LanguageBank = { drafts: DRAFTS, referrals: REFERRALS };
