/**
 * The intent of a person's reply to a follow-up (issue 23): what the answer asks the assistant to do.
 * Rules and lexicons, local and deterministic, in English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Swedish, Danish and Norwegian (reply-lexicon.ts); the date of a "not now" is
 * read by reply-dates.ts, who it points to by reply-referral.ts.
 *
 * Read the reply's own text only (replyOwnText): the quoted thread, signatures, legal footers and our
 * own footer carry words the person did not write to us.
 *
 * A reply often says two things ("not now, but talk to Priya"); the intent is the first that applies
 * in this order, so that the action that moves the lead forward wins, and a request to stop always
 * does:
 * 1. `unsubscribe`: isUnsubscribe, as the listening side has always read it (a legal request);
 * 2. `referral`: names someone to talk to (a name after or before a cue, or an address with a cue or
 *    beside "wrong person" wording);
 * 3. `not_now`: puts it off ("not right now", "try me in March", "nach den Sommerferien"), with the
 *    day when one is named or implied;
 * 4. `not_interested`: NOT_INTERESTED of opt-out.ts, as the classifier before this one read it;
 * 5. `wrong_person`: not their area, left the company, no one named;
 * 6. `meeting_request`: asks for or proposes a call, meeting or time;
 * 7. `objection`: price or budget, a competitor already in use, no need, timing, other doubt;
 * 8. `question`: asks something before deciding;
 * 9. `interested`;
 * 10. `other`: anything else ("thanks, received").
 */
import { isValidTimeZone } from '../business-hours';
import { ValidationError } from '../errors';
import type { Objection, ReplyIntent, ReplyReading, ReplyReadingOptions } from '../replies';
import { isUnsubscribe, NOT_INTERESTED } from './opt-out';
import {
  COMPETITOR,
  COMPETITOR_NAMES,
  DEFER,
  foldReply,
  INTERESTED,
  INTERESTED_STRONG,
  LATER_TIME,
  MEETING_ASK,
  MEETING_STRONG,
  MEETING_WORD,
  NO_NEED,
  OTHER_OBJECTION,
  PRICE_OBJECTION,
  QUESTION_MARK,
  QUESTION_WORDS,
  TIME_POINT,
  TIMING_OBJECTION,
  WRONG_PERSON,
} from './reply-lexicon';
import { readReferral } from './reply-referral';

export type { ReplyIntent, ReplyReading as ReplyIntentReading } from '../replies';
export { REPLY_INTENTS } from '../replies';

/** What the rules are told besides the text (core/replies.ts). */
export type ReplyIntentOptions = ReplyReadingOptions;

/** The signals of the reply's own, folded text, each intent's wording looked for once. */
interface Signals {
  defer: boolean;
  laterTime: boolean;
  notInterested: boolean;
  wrongPerson: boolean;
  meetingStrong: boolean;
  meeting: boolean;
  objection: Objection | undefined;
  questionMark: boolean;
  questionWords: boolean;
  interested: boolean;
  interestedStrong: boolean;
}

function objectionOf(folded: string): Objection | undefined {
  if (PRICE_OBJECTION.test(folded)) return 'price';
  if (COMPETITOR.test(folded) || (COMPETITOR_NAMES.test(folded) && !QUESTION_MARK.test(folded))) {
    return 'competitor';
  }
  if (NO_NEED.test(folded)) return 'no_need';
  if (TIMING_OBJECTION.test(folded)) return 'timing';
  if (OTHER_OBJECTION.test(folded)) return 'other';
  return undefined;
}

function signalsOf(folded: string): Signals {
  const meetingWord = MEETING_WORD.test(folded);
  return {
    defer: DEFER.test(folded),
    laterTime: LATER_TIME.test(folded),
    notInterested: NOT_INTERESTED.test(folded),
    wrongPerson: WRONG_PERSON.test(folded),
    meetingStrong: MEETING_STRONG.test(folded),
    // A meeting word or a proposed day/time, with an ask or a question mark: `Tuesday at 2 works`.
    meeting:
      (meetingWord || TIME_POINT.test(folded)) && (MEETING_ASK.test(folded) || QUESTION_MARK.test(folded)),
    objection: objectionOf(folded),
    questionMark: QUESTION_MARK.test(folded),
    questionWords: QUESTION_WORDS.test(folded),
    interested: INTERESTED.test(folded),
    interestedStrong: INTERESTED_STRONG.test(folded),
  };
}

/** How many other intents' wording the reply also holds: a mixed reply is read less surely. */
function competing(signals: Signals): number {
  return [
    signals.defer || signals.laterTime,
    signals.notInterested,
    signals.wrongPerson,
    signals.meeting || signals.meetingStrong,
    signals.objection !== undefined,
  ].filter(Boolean).length;
}

function reading(intent: ReplyIntent, base: number, signals: Signals): ReplyReading {
  const confidence = Math.max(0.3, Math.min(0.99, base - 0.1 * Math.max(0, competing(signals) - 1)));
  return { intent, confidence: Math.round(confidence * 100) / 100 };
}

/**
 * The intent of a reply, from its own text (see replyOwnText) and subject, with its entities: the
 * objection's kind, the day a `not_now` names, the person a `referral` names. The precedence is in
 * this module's header. Async because the date reading (chrono-node) is imported with the first
 * deferral that needs it, not at every cold start.
 */
export async function classifyReplyIntent(text: string, options: ReplyIntentOptions): Promise<ReplyReading> {
  // Checked here, not only where a date is read: a bad zone is the caller's bug whatever the reply says.
  if (!isValidTimeZone(options.timezone)) {
    throw ValidationError.field('timezone', `Unknown IANA time zone: ${options.timezone}`);
  }
  if (Number.isNaN(options.receivedAt.getTime())) {
    throw ValidationError.field('receivedAt', 'Expected a valid date');
  }
  const folded = foldReply(text);
  if (isUnsubscribe(folded, options.subject ?? '')) return { intent: 'unsubscribe', confidence: 0.95 };
  const signals = signalsOf(folded);

  const referral = readReferral(text, options.ownAddresses);
  if (referral !== undefined && (referral.cued || signals.wrongPerson)) {
    const { cued: _cued, ...person } = referral;
    return {
      ...reading('referral', person.name !== undefined && person.email !== undefined ? 0.9 : 0.75, signals),
      referral: person,
    };
  }

  // A later time alone defers only in a reply that asks nothing: "send pricing? we'd start in April" is
  // a buyer's question with a timeline, not a "come back in April" (that wording is `defer`).
  if (
    signals.defer ||
    (signals.laterTime &&
      !signals.questionMark &&
      !signals.notInterested &&
      !signals.meetingStrong &&
      !signals.wrongPerson)
  ) {
    const { readDeferralDate } = await import('./reply-dates');
    const until = readDeferralDate(text, options.receivedAt, options.timezone, options.language);
    return {
      ...reading('not_now', signals.defer ? 0.85 : 0.7, signals),
      ...(until !== undefined && { until }),
    };
  }
  if (signals.notInterested) return reading('not_interested', 0.9, signals);
  if (signals.wrongPerson) return reading('wrong_person', 0.85, signals);
  if (signals.meetingStrong || signals.meeting) {
    return reading('meeting_request', signals.meetingStrong ? 0.9 : 0.75, signals);
  }
  // "I'm in, what are the next steps?" has decided: interested, not a question.
  if (signals.interestedStrong) return reading('interested', 0.85, signals);
  if (signals.objection !== undefined) {
    return { ...reading('objection', 0.8, signals), objection: signals.objection };
  }
  if (signals.questionMark || signals.questionWords) {
    return reading('question', signals.questionMark && signals.questionWords ? 0.85 : 0.65, signals);
  }
  if (signals.interested) return reading('interested', 0.7, signals);
  return { intent: 'other', confidence: 0.4 };
}
