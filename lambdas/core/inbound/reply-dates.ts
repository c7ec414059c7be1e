/**
 * The day a "not now" reply puts the conversation off to: `in March`, `after Q2`, `next month`,
 * `nach den Sommerferien`, `à la rentrée`, `after the holidays`, `next year`, `after May 15th`, `in two
 * weeks`. Seasons, quarters and months are read here (chrono-node has no quarters or seasons, and
 * reads bare month names in few languages); explicit dates and counted ones (`in zwei Wochen`) are
 * found by chrono-node with the reply's language parser. Imported on first use, like return-date.ts:
 * most replies are no deferral, and chrono's parsers are most of this module's load time.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { isValidTimeZone } from '../business-hours';
import { ValidationError } from '../errors';
import { NOTICE_LANGUAGES, type NoticeLanguage, noticeLanguage } from './language';
import { phrases } from './phrases';
import { foldReply } from './reply-lexicon';

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  januar: 1,
  janvier: 1,
  enero: 1,
  gennaio: 1,
  janeiro: 1,
  januari: 1,
  february: 2,
  februar: 2,
  fevrier: 2,
  febrero: 2,
  febbraio: 2,
  fevereiro: 2,
  februari: 2,
  march: 3,
  marz: 3,
  mars: 3,
  marzo: 3,
  marco: 3,
  maart: 3,
  marts: 3,
  april: 4,
  avril: 4,
  abril: 4,
  aprile: 4,
  may: 5,
  mai: 5,
  mayo: 5,
  maggio: 5,
  maio: 5,
  mei: 5,
  maj: 5,
  june: 6,
  juni: 6,
  juin: 6,
  junio: 6,
  giugno: 6,
  junho: 6,
  july: 7,
  juli: 7,
  juillet: 7,
  julio: 7,
  luglio: 7,
  julho: 7,
  august: 8,
  aout: 8,
  agosto: 8,
  augustus: 8,
  augusti: 8,
  september: 9,
  septembre: 9,
  septiembre: 9,
  setiembre: 9,
  settembre: 9,
  setembro: 9,
  october: 10,
  oktober: 10,
  octobre: 10,
  octubre: 10,
  ottobre: 10,
  outubro: 10,
  november: 11,
  novembre: 11,
  noviembre: 11,
  novembro: 11,
  december: 12,
  dezember: 12,
  decembre: 12,
  diciembre: 12,
  dicembre: 12,
  dezembro: 12,
  desember: 12,
}; // prettier-ignore
const MONTH_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(${Object.keys(MONTHS).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
/** English `may` and `march` are also a verb: a month only after one of these. */
const ENGLISH_MONTH_LEAD =
  /(?:in|by|after|until|till|from|around|mid|mid-|early|late|end of|beginning of|start of|next|this)\s*$/;
/** A number right before or after the month makes it a day (`15 March`, `March 15th`): chrono's. */
const DAY_BEFORE = /\d\s*\.?\s*(?:de\s+|of\s+)?$/;
const DAY_AFTER = /^\s*\d{1,2}(?!\d)/;
const YEAR_AFTER = /^\s*(?:de\s+|del\s+)?(20\d\d)(?!\d)/;
const AFTER_LEAD =
  /(?:after|following|nach|apres|despues de|tras|dopo|depois de|apos|na|efter|etter|end of|ende|fin|fin de|finales de|a finales de|fine|alla fine di|final de|no final de|eind|slutet av|slutningen af|slutten av)\s*$/;
const MID_LEAD =
  /(?:mid|mid-|mitte|mi-|mediados de|meta|meados de|medio|half|mitten av|midten af|midten av)\s*$/;

const QUARTER_ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  erste: 1,
  ersten: 1,
  erstes: 1,
  premier: 1,
  primer: 1,
  primo: 1,
  primeiro: 1,
  eerste: 1,
  forsta: 1,
  forste: 1,
  second: 2,
  '2nd': 2,
  zweite: 2,
  zweiten: 2,
  zweites: 2,
  deuxieme: 2,
  segundo: 2,
  secondo: 2,
  tweede: 2,
  andra: 2,
  andet: 2,
  andre: 2,
  third: 3,
  '3rd': 3,
  dritte: 3,
  dritten: 3,
  drittes: 3,
  troisieme: 3,
  tercer: 3,
  terzo: 3,
  terceiro: 3,
  derde: 3,
  tredje: 3,
  fourth: 4,
  '4th': 4,
  vierte: 4,
  vierten: 4,
  viertes: 4,
  quatrieme: 4,
  cuarto: 4,
  quarto: 4,
  vierde: 4,
  fjarde: 4,
  fjerde: 4,
}; // prettier-ignore
const QUARTER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:q([1-4])|(${Object.keys(QUARTER_ORDINALS).join('|')}) (?:quarter|quartal|trimestre|kwartaal|kvartal(?:et)?))(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Put off to September: after the summer, in the autumn. */
const AFTER_SUMMER = phrases([
  'after (?:the )?summer(?: holidays| break| vacation)?',
  'end of (?:the )?summer',
  '(?:in the|this|in|next) (?:fall|autumn)',
  'nach (?:den |der |dem )?(?:sommerferien|sommerpause|sommer|sommerurlaub)',
  'im herbst',
  'a la rentree',
  "apres (?:l'ete|les vacances(?: d'ete)?|les grandes vacances)",
  "a l'automne",
  'despues (?:del verano|de las vacaciones(?: de verano)?)',
  'tras el verano',
  'en (?:el )?otono',
  "dopo (?:l'estate|le vacanze(?: estive)?|la pausa estiva)",
  'in autunno',
  '(?:depois|apos) (?:do verao|das ferias)',
  'no outono',
  'na (?:de )?(?:zomer|zomervakantie|zomerstop|vakantie)',
  'in het najaar',
  'efter (?:sommaren|semestern|sommarsemestern|sommerferien|sommeren|ferien)',
  'i host(?:en)?',
  'til efteraret',
  'etter (?:sommeren|sommerferien|ferien)',
  'til hosten',
]);
/** Put off to January: after the holidays, in the new year. */
const AFTER_HOLIDAYS = phrases([
  "after (?:the )?(?:holidays|christmas|new year'?s?|holiday season|festive season|year-?end)",
  'in the new year',
  'nach (?:den )?(?:feiertagen|festtagen|weihnachten|neujahr|dem jahreswechsel)',
  'im neuen jahr',
  'apres (?:les fetes|noel|le nouvel an|les vacances de noel)',
  "en debut d'annee",
  'despues de (?:las )?(?:fiestas|navidad(?:es)?|reyes|ano nuevo)',
  'dopo (?:le feste|natale|capodanno|le vacanze di natale)',
  'depois (?:das festas|do natal|do ano novo)',
  'na (?:de )?(?:feestdagen|kerst|nieuwjaar|jaarwisseling)',
  'efter (?:jul|nyar|helgerna|julhelgen|nytar)',
  'etter (?:jul|nyttar)',
]);
/** Put off to March: in the spring. */
const SPRING = phrases([
  '(?:in the|this|in|next) spring',
  'im (?:fruhjahr|fruhling)',
  'au printemps',
  'en primavera',
  'in primavera',
  'na primavera',
  'in het voorjaar',
  'til foraret',
  'til varen',
]);
const NEXT_YEAR = phrases([
  'next year',
  'nachste[sn]? jahr',
  'im (?:nachsten|kommenden) jahr',
  "l'(?:annee|an) prochaine?",
  'el (?:proximo ano|ano que viene)',
  "l'anno prossimo",
  'il prossimo anno',
  '(?:o|no) proximo ano',
  'o ano que vem',
  'volgend jaar',
  'nasta ar',
  'naeste ar',
  'neste ar',
]);
const NEXT_QUARTER = phrases([
  'next quarter',
  '(?:end of|after) (?:the |this )?quarter',
  'nachste[sn]? quartal',
  'im (?:nachsten|kommenden) quartal',
  '(?:ende des|nach dem) quartal[s]?',
  'le (?:trimestre prochain|prochain trimestre)',
  '(?:fin du|apres le) trimestre',
  'el (?:proximo trimestre|trimestre que viene)',
  'il (?:prossimo trimestre|trimestre prossimo)',
  '(?:o|no) proximo trimestre',
  'volgend kwartaal',
  'nasta kvartal',
  'naeste kvartal',
  'neste kvartal',
]);
const NEXT_MONTH = phrases([
  'next month',
  '(?:im )?nachste[nm]? monat',
  'le mois prochain',
  'el (?:proximo mes|mes que viene)',
  'il (?:prossimo mese|mese prossimo)',
  '(?:o|no) (?:proximo mes|mes que vem)',
  'volgende maand',
  'nasta manad',
  'naeste maned',
  'neste maned',
]);
const NEXT_WEEK = phrases([
  'next week',
  'nachste woche',
  'la semaine prochaine',
  'la (?:proxima semana|semana que viene)',
  'la (?:prossima settimana|settimana prossima)',
  'na proxima semana',
  'semana que vem',
  'volgende week',
  'nasta vecka',
  'naeste uge',
  'neste uke',
]);
/** A digit or a unit of time in any of the languages: `15`, `two weeks`, `drei Monaten`, `deux semaines`. */
const COUNTABLE =
  /\d|week|woche|semaine|semana|settiman|vecka|uge|uke|month|monat|mois|meses|mesi|mes\b|mese\b|maand|manad|maned|day|tag|jour|dia|giorn|dag/;
const IN_YEAR = /(?<![\p{L}\p{N}])(?:in|im|en|nel|em|i|ab|from|after)\s+(20\d\d)(?!\d)/u;

const PARSERS: Readonly<Record<NoticeLanguage, chrono.Chrono>> = {
  en: chrono.en.GB,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  it: chrono.it.casual,
  pt: chrono.pt.casual,
  nl: chrono.nl.casual,
  sv: chrono.sv.casual,
};

/** The first business day (Monday to Friday) on or after a day. */
function businessDay(day: DateTime): DateTime {
  return day.weekday >= 6 ? day.plus({ days: 8 - day.weekday }) : day;
}

/** The first of a month, as its next occurrence after today when no year is given. */
function monthStart(today: DateTime, month: number, day = 1, year?: number): DateTime {
  const at = (y: number) => DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
  if (year !== undefined) return at(year);
  const thisYear = at(today.year);
  return thisYear > today ? thisYear : at(today.year + 1);
}

function monthCandidates(folded: string, today: DateTime): DateTime[] {
  const found: DateTime[] = [];
  for (const match of folded.matchAll(MONTH_NAME)) {
    const name = match[1] ?? '';
    const before = folded.slice(Math.max(0, match.index - 20), match.index);
    const after = folded.slice(match.index + name.length, match.index + name.length + 12);
    if ((name === 'may' || name === 'march') && !ENGLISH_MONTH_LEAD.test(before)) continue;
    if (DAY_BEFORE.test(before) || DAY_AFTER.test(after)) continue;
    const month = MONTHS[name] ?? 1;
    const yearText = YEAR_AFTER.exec(after)?.[1];
    const year = yearText === undefined ? undefined : Number(yearText);
    if (AFTER_LEAD.test(before)) {
      // After (or at the end of) a month: the month after it.
      const start = monthStart(today, month, 1, year);
      found.push(start.plus({ months: 1 }));
    } else found.push(monthStart(today, month, MID_LEAD.test(before) ? 15 : 1, year));
  }
  return found;
}

function quarterCandidates(folded: string, today: DateTime): DateTime[] {
  const found: DateTime[] = [];
  for (const match of folded.matchAll(QUARTER)) {
    let quarter = match[1] !== undefined ? Number(match[1]) : (QUARTER_ORDINALS[match[2] ?? ''] ?? 1);
    const before = folded
      .slice(Math.max(0, match.index - 20), match.index)
      .replace(/(?:the|dem|le|el|il|o|het)\s*$/, '');
    let yearOffset = 0;
    if (AFTER_LEAD.test(before)) {
      quarter += 1;
      if (quarter === 5) [quarter, yearOffset] = [1, 1];
    }
    const start = DateTime.fromObject(
      { year: today.year + yearOffset, month: 3 * (quarter - 1) + 1, day: 1 },
      { zone: today.zone },
    );
    found.push(start > today ? start : start.plus({ years: 1 }));
  }
  return found;
}

/** Explicit (`after May 15th`, `ab dem 15. Mai`) and counted (`in two weeks`) dates chrono finds. */
function chronoCandidates(
  text: string,
  today: DateTime,
  reference: Date,
  language: NoticeLanguage,
): DateTime[] {
  // chrono reads a whole text with dozens of patterns per parser; only worth it when the text has a
  // number or a unit to count in, which every date it adds to the lexicon's needs.
  if (!COUNTABLE.test(foldReply(text))) return [];
  const parsers = language === 'en' ? [PARSERS.en] : [PARSERS[language], PARSERS.en];
  const found: DateTime[] = [];
  for (const parser of parsers) {
    for (const result of parser.parse(text, { instant: reference, timezone: today.offset })) {
      const { start } = result;
      // `next month`, `next week`: read above, as the first business day of that month or week.
      const said = foldReply(result.text);
      if ([NEXT_WEEK, NEXT_MONTH, NEXT_QUARTER, NEXT_YEAR].some((pattern) => pattern.test(said))) continue;
      const relative = [...result.tags()].includes('result/relativeDate');
      const explicit = start.isCertain('day') && start.isCertain('month');
      if (!relative && !explicit) continue;
      const parts = {
        year: start.get('year') ?? today.year,
        month: start.get('month') ?? 1,
        day: start.get('day') ?? 1,
      };
      let day = DateTime.fromObject(parts, { zone: today.zone });
      if (!relative && !start.isCertain('year') && day <= today) day = day.plus({ years: 1 });
      if (day.isValid && day > today) found.push(day);
    }
  }
  return found;
}

/**
 * The day a deferral names, as local midnight (the start of that day in `timezone`) of a business
 * day (Monday to Friday; a day on a weekend moves to the Monday after), or undefined when the reply
 * names no later day. Relative to `receivedAt` in `timezone`:
 * - a month (`in March`, `im März`): its first day, next year when that month has begun (`in March`
 *   in April is next March); `mid-March` the 15th; `after March`/`end of March` the month after;
 * - a quarter (`in Q3`, `im dritten Quartal`) its first day; `after Q2` the next quarter's; `next
 *   quarter`, `end of the quarter` the next quarter's;
 * - `next month`, `next year`, `next week` (its Monday); `in 2027` its 1 January;
 * - after the summer, `à la rentrée`, `in the fall`: 1 September; after the holidays, `nach
 *   Weihnachten`, `in the new year`: 1 January; `in the spring`: 1 March;
 * - a date (`after May 15th`, `ab dem 15. Mai`) or a count (`in two weeks`, `in drei Monaten`), read by
 *   chrono-node in the reply's language.
 * When several are named, the latest wins: "busy until June, try me in July" is July.
 */
export function readDeferralDate(
  text: string,
  receivedAt: Date,
  timezone: string,
  language?: string,
): Date | undefined {
  if (!isValidTimeZone(timezone))
    throw ValidationError.field('timezone', `Unknown IANA time zone: ${timezone}`);
  if (Number.isNaN(receivedAt.getTime())) throw ValidationError.field('receivedAt', 'Expected a valid date');
  const today = DateTime.fromJSDate(receivedAt, { zone: timezone }).startOf('day');
  const folded = foldReply(text);
  const candidates: DateTime[] = [];
  const add = (pattern: RegExp, day: () => DateTime) => {
    if (pattern.test(folded)) candidates.push(day());
  };
  add(AFTER_SUMMER, () => monthStart(today, 9));
  add(AFTER_HOLIDAYS, () => monthStart(today, 1));
  add(SPRING, () => monthStart(today, 3));
  add(NEXT_YEAR, () => today.plus({ years: 1 }).startOf('year'));
  add(NEXT_QUARTER, () => today.startOf('quarter').plus({ months: 3 }));
  add(NEXT_MONTH, () => today.startOf('month').plus({ months: 1 }));
  add(NEXT_WEEK, () => today.startOf('week').plus({ weeks: 1 }));
  const inYear = IN_YEAR.exec(folded)?.[1];
  if (inYear !== undefined && Number(inYear) > today.year) {
    candidates.push(DateTime.fromObject({ year: Number(inYear), month: 1, day: 1 }, { zone: timezone }));
  }
  candidates.push(...quarterCandidates(folded, today), ...monthCandidates(folded, today));
  const declared = NOTICE_LANGUAGES.find((known) => known === language);
  candidates.push(...chronoCandidates(text, today, receivedAt, declared ?? noticeLanguage(text)));
  const latest = candidates
    .filter((day) => day.isValid && day > today)
    .reduce<DateTime | undefined>((best, day) => (best === undefined || day > best ? day : best), undefined);
  return latest === undefined ? undefined : businessDay(latest.startOf('day')).toJSDate();
}
