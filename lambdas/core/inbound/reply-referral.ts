/**
 * Who a reply points to: the name after (or before) a referral cue — `talk to Priya`, `wenden Sie sich
 * an meinen Kollegen Hans Müller`, `je vous mets en relation avec Claire Dubois`, `Tom handles this` —
 * and an e-mail address in the reply that is not the sender's own.
 */
import type { Referral } from '../replies';
import { fold } from './phrases';
import { REFERRAL_CUE } from './reply-lexicon';

/** A referral as read, and whether a cue (`talk to`, `mein Kollege`) pointed at it. */
export interface ReferralReading extends Referral {
  cued: boolean;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Lower-case words (folded) between a cue and a name: prepositions, possessives, roles, titles. */
const FILLER: ReadonlySet<string> = new Set(
  (
    'to with at an a à al au aux avec con com met med til till till mit bei por para per da di ' +
    'my our his her their mein meine meinen meinem meiner unser unsere unseren unserem mon ma mes notre nos ' +
    'mi mis il la lo le el les los las mio mia o a meu minha mijn onze min mitt mina vår vores vor var ' +
    'the der die den dem das de del della du des e è es est ist is er är ar er ' +
    'colleague colleagues coworker co-worker teammate boss manager replacement successor cofounder co-founder ' +
    'kollege kollegen kollegin kolleginnen chef chefin nachfolger nachfolgerin ' +
    'collegue collegues responsable directeur directrice ' +
    'companero companera colega jefe jefa collega responsabile ' +
    'collega kollega kolleger kollegaer ' +
    'mr mr. mrs mrs. ms ms. dr dr. herrn herr frau m. mme mme. monsieur madame sr sr. sra sra. sig. sig.ra dott. dhr. mevr. ' +
    'vp svp evp ceo cto cfo coo cmo cro head director manager lead sales marketing operations ops revenue procurement purchasing it hr finance of ' +
    'please bitte directly direkt instead stattdessen also auch perhaps maybe vielleicht rather lieber better besser ' +
    'who wer qui quien chi quem wie vem hvem is was'
  ).split(' '),
);

/** Capitalised words that are no name. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    "i i'm i've i'll i'd we we're he she they you it our my your the this that thanks thank please hi hello dear best regards " +
    'bitte sie ihnen er ihr wir ich danke vielen gruss hallo je il elle nous vous merci bonjour cordialement ' +
    'el ella nosotros usted gracias hola lui lei noi grazie ciao ele ela nos voce obrigado ' +
    'hij zij ze wij u bedankt hoi hallo jag han hon vi ni tack hej jeg hun de tak takk hilsen ' +
    'monday tuesday wednesday thursday friday january february march april may june july august september october november december ' +
    'cc bcc re fw fwd sales marketing it hr finance procurement purchasing team ' +
    'contact kontakt talk speak ask email reach sprechen kontaktieren wenden contactez contacter habla hable contacta contatti fale neem prata tal snakk'
  ).split(' '),
);
const PARTICLE = /^(?:van|von|de|der|den|da|di|del|della|dos|das|du|le|la|ter|ten|af|zu|y)$/;
const NAME_TOKEN = /^\p{Lu}[\p{L}'’-]*$/u;
const MAX_FILLER = 6;
const MAX_NAME_TOKENS = 3;

function isName(token: string): boolean {
  // All capitals and short (`CTO`, `VP`, `IT`) is a role, not a name.
  if (!NAME_TOKEN.test(token) || /^\p{Lu}{2,4}$/u.test(token)) return false;
  return !NOT_NAMES.has(fold(token));
}

/** The name the words after a cue start with, past fillers; undefined when another word comes first. */
function nameAfter(after: string): string | undefined {
  const tokens = after.split(/\s+/).filter((token) => token !== '');
  const name: string[] = [];
  let skipped = 0;
  for (const raw of tokens.slice(0, MAX_FILLER + MAX_NAME_TOKENS + 2)) {
    const token = raw.replace(/^[("'“«]+|[)"'”»,.;:!?]+$/g, '');
    const ended = raw !== token && /[)"'”»,.;:!?]$/.test(raw);
    if (name.length === 0) {
      // Filler first: German nouns (`Kollegen`, `Frau`) are capitalised like names.
      if (FILLER.has(fold(token))) {
        if (++skipped > MAX_FILLER) return undefined;
        continue;
      }
      if (token !== '' && isName(token)) name.push(token);
      else return undefined;
    } else if (isName(token) || (PARTICLE.test(token) && !ended)) {
      name.push(token);
    } else break;
    if (ended || name.length >= MAX_NAME_TOKENS) break;
  }
  while (name.length > 0 && PARTICLE.test(name.at(-1) ?? '')) name.pop();
  return name.length > 0 ? name.join(' ') : undefined;
}

/** The name that ends right before a cue (`Tom handles this`, `Priya (priya@x) is the right person`). */
function nameBefore(before: string): string | undefined {
  const trimmed = before.replace(/\s*(?:\([^)]*\)|<[^>]*>|,)?\s*$/u, '');
  const tokens = trimmed.split(/\s+/).slice(-MAX_NAME_TOKENS);
  const name: string[] = [];
  for (const token of tokens.reverse()) {
    if (isName(token) || (name.length > 0 && PARTICLE.test(token))) name.unshift(token);
    else break;
  }
  while (name.length > 0 && PARTICLE.test(name[0] ?? '')) name.shift();
  return name.length > 0 ? name.join(' ') : undefined;
}

/** The name written right before an address: `Priya (priya@acme.example)`, `Hans Müller, hans@firma.de`. */
function nameBeforeAddress(text: string, index: number): string | undefined {
  return nameBefore(text.slice(Math.max(0, index - 60), index).replace(/[\s(<,:–-]+$/u, ''));
}

/** Maps each index of fold(text) to an index of text (fold keeps one character per character but `ß`). */
function foldedIndexMap(text: string): { folded: string; original: number[] } {
  let folded = '';
  const original: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const part = fold(text[index] ?? '');
    folded += part;
    for (let n = 0; n < part.length; n++) original.push(index);
  }
  original.push(text.length);
  return { folded, original };
}

/** Addresses in the text, in order, except the excluded ones (the sender's own). */
export function addressesIn(
  text: string,
  exclude: readonly string[] = [],
): { address: string; index: number }[] {
  const excluded = new Set(exclude.map((address) => address.toLowerCase()));
  return [...text.matchAll(EMAIL)]
    .map((match) => ({ address: match[0].replace(/\.$/, '').toLowerCase(), index: match.index }))
    .filter(({ address }) => !excluded.has(address));
}

/**
 * The person the reply points to, when it names one: a name after or before a referral cue, an
 * address in the text (not excluded), or both; `cued` when a referral cue was found (an address
 * alone may be the sender's new one). Undefined when the reply names nobody: "ask someone in
 * finance" is not a referral the assistant can act on.
 */
export function readReferral(text: string, exclude: readonly string[] = []): ReferralReading | undefined {
  const { folded, original } = foldedIndexMap(text);
  const cue = new RegExp(REFERRAL_CUE.source, 'gu');
  let name: string | undefined;
  let hasCue = false;
  for (const match of folded.matchAll(cue)) {
    hasCue = true;
    const start = original[match.index] ?? 0;
    const end = original[match.index + match[0].length] ?? text.length;
    name = nameAfter(text.slice(end, end + 120)) ?? nameBefore(text.slice(Math.max(0, start - 80), start));
    if (name !== undefined) break;
  }
  const addresses = addressesIn(text, exclude);
  const first = addresses[0];
  if (name === undefined && first !== undefined) name = nameBeforeAddress(text, first.index);
  if (name === undefined && first === undefined) return undefined;
  return {
    ...(name !== undefined && { name }),
    ...(first !== undefined && { email: first.address }),
    cued: hasCue && (name !== undefined || first !== undefined),
  };
}
