/** Reading when a person is back from the text of an out-of-office reply. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lambdas/core/errors';
import { readReturnDate } from '../../../../lambdas/core/inbound/return-date';

// Wednesday 4 March 2026, 08:15 in New York; US daylight saving starts on Sunday 8 March.
const WEDNESDAY = new Date('2026-03-04T13:15:00Z');

describe('readReturnDate', () => {
  it.each([
    ['I will be back on Monday 9 March.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    [
      'I am out of the office until Monday, March 9 with limited access to e-mail.',
      'America/New_York',
      '2026-03-09T04:00:00.000Z',
    ],
    ['Returning 2026-03-09.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['Back on 03/09, reachable by phone.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['Ich bin ab dem 09.03.2026 wieder im Büro.', 'Europe/Berlin', '2026-03-08T23:00:00.000Z'],
    ['Ich bin am 9.3. wieder erreichbar.', 'Europe/Berlin', '2026-03-08T23:00:00.000Z'],
    ['Zurück am 09.03.26.', 'Europe/Berlin', '2026-03-08T23:00:00.000Z'],
    ['Out until March 9th.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['Away till Mar. 9, 2026.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['Ich bin bis zum 9. März nicht im Büro.', 'Europe/Berlin', '2026-03-08T23:00:00.000Z'],
    ['Je serai de retour le lundi 9 mars.', 'Europe/Paris', '2026-03-08T23:00:00.000Z'],
    ["Je suis absente jusqu'au 9 mars inclus.", 'Europe/Paris', '2026-03-08T23:00:00.000Z'],
    ['Estaré fuera de la oficina hasta el 9 de marzo de 2026.', 'Europe/Madrid', '2026-03-08T23:00:00.000Z'],
    ['Regresaré el lunes 9 de marzo.', 'Europe/Madrid', '2026-03-08T23:00:00.000Z'],
    ['Ik ben afwezig tot maandag 9 maart.', 'Europe/Amsterdam', '2026-03-08T23:00:00.000Z'],
    ['On March 9 I will be back in the office.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    // After the European clock change of 29 March: midnight in Berlin is 22:00 UTC.
    ['Back on 30 March.', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    // A time of day does not matter: the day starts when the person is back.
    ['Back on 9 March 2026 at 2pm.', 'America/New_York', '2026-03-09T04:00:00.000Z'],
  ])('%s (%s)', (text, timezone, expected) => {
    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, timezone);

    // Assess
    expect(returnDate?.toISOString()).toBe(expected);
  });

  it.each([
    'Thank you for your e-mail. We will get back to you within 24 hours.',
    'Thanks for contacting us, we will come back to you by tomorrow.',
    'Thank you for your email. We answer every message within 2 days.',
    'Thanks for reaching out! We typically reply within a few hours, Monday through Friday.',
    'Thank you. Our office hours are Monday to Friday. We will get back to you tomorrow.',
    'Vielen Dank für Ihre E-Mail. Wir melden uns innerhalb von 24 Stunden bei Ihnen zurück.',
    'Danke für Ihre Nachricht. Wir kommen bis morgen auf Sie zurück.',
    'Unsere Bürozeiten: Montag bis Freitag, 9 bis 17 Uhr.',
    'Merci pour votre e-mail. Nous reviendrons vers vous dans les 48 heures.',
    'Gracias por su correo. Volveremos a contactarle mañana.',
    'Bedankt voor uw e-mail. Wij komen binnen 24 uur bij u terug.',
    'Tack för ditt mejl. Vi återkommer till dig inom 24 timmar.',
    'Tak for din e-mail. Vi vender tilbage til dig inden for 24 timer.',
  ])('reads no return date in an acknowledgement: %s', (text) => {
    expect(readReturnDate(text, WEDNESDAY, 'Europe/Berlin')).toBeUndefined();
  });

  it.each([
    [
      'I am out of the office until March 9 and will get back to you when I return.',
      '2026-03-08T23:00:00.000Z',
    ],
    ['I am on leave until Monday and will get back to you then.', '2026-03-08T23:00:00.000Z'],
    ['I will be back tomorrow.', '2026-03-04T23:00:00.000Z'],
    ['Ich bin nicht im Büro und komme am 9. März zurück.', '2026-03-08T23:00:00.000Z'],
    ['Ik ben afwezig en kom op 9 maart terug.', '2026-03-08T23:00:00.000Z'],
    ['Jag är på semester och återkommer den 9 mars.', '2026-03-08T23:00:00.000Z'],
    ['Back Mon. 9 March, after a week away.', '2026-03-08T23:00:00.000Z'],
  ])('still reads the return of an absence beside a promise to answer: %s', (text, expected) => {
    expect(readReturnDate(text, WEDNESDAY, 'Europe/Berlin')?.toISOString()).toBe(expected);
  });

  it('reads a range as the absence, back the day after it ends', () => {
    // Act
    const returnDate = readReturnDate(
      'I am on leave from 2 March until 16 March; please contact Priya before 5 March.',
      WEDNESDAY,
      'UTC',
    );

    // Assess: issue 9, "10-31 July" -> back after the 31st.
    expect(returnDate?.toISOString()).toBe('2026-03-16T23:59:59.999Z');
  });

  it('reads a range without a cue as the absence too', () => {
    // Act
    const returnDate = readReturnDate('Out of office: 2 March - 16 March.', WEDNESDAY, 'UTC');

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-03-16T23:59:59.999Z');
  });

  it('takes the latest date with a month name when no cue says which one is the return', () => {
    // Act
    const returnDate = readReturnDate(
      'Out of office. Meeting notes of 2 March; see you at the 16 March fair.',
      WEDNESDAY,
      'UTC',
    );

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });

  it.each([
    ['on a Wednesday', '2026-03-04T13:15:00Z', 'I will be back on Monday.', '2026-03-09T00:00:00.000Z'],
    [
      'on a Monday: a week on',
      '2026-03-09T10:00:00Z',
      'I will be back on Monday.',
      '2026-03-16T00:00:00.000Z',
    ],
    [
      'in German',
      '2026-03-04T13:15:00Z',
      'Ich bin bis Freitag nicht erreichbar.',
      '2026-03-06T00:00:00.000Z',
    ],
  ])(
    'reads a bare weekday after a cue as the next such day (received %s)',
    (_case, received, text, expected) => {
      // Act
      const returnDate = readReturnDate(text, new Date(received), 'UTC');

      // Assess
      expect(returnDate?.toISOString()).toBe(expected);
    },
  );

  it('reads a date without a year as the next one, into the next year after New Year', () => {
    // Act
    const returnDate = readReturnDate('Back on January 7.', new Date('2026-12-28T10:00:00Z'), 'UTC');

    // Assess
    expect(returnDate?.toISOString()).toBe('2027-01-07T00:00:00.000Z');
  });

  it('reads a date without a year that is today as today', () => {
    // Act
    const returnDate = readReturnDate('Back on March 4.', WEDNESDAY, 'America/New_York');

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-03-04T05:00:00.000Z');
  });

  it.each([
    ['no date at all', 'I am out of the office with limited access to e-mail.'],
    ['a notice left on after the return (no year)', 'I will be back on March 2.'],
    ['a date in the past (with year)', 'I will be back on 2 March 2025.'],
    ['a day that does not exist', 'Back on February 30.'],
    ['a number that is no date', 'For urgent matters call our 24/7 hotline.'],
    ['a numeric date without a year and without a cue', 'Meeting notes 3/12 attached.'],
    [
      'a date only in the quoted thread',
      'I am out.\n\nOn Tue, 3 Mar 2026 at 10:02, Maya <maya@contoso.example> wrote:\n> Could we meet on March 20?',
    ],
    ['a date years ahead (a misreading)', 'Back on 9 March 2031.'],
  ])('gives undefined for %s', (_case, text) => {
    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, 'America/New_York');

    // Assess
    expect(returnDate).toBeUndefined();
  });

  it.each([
    ['English, day first', 'I am out of the office 10-31 July.'],
    ['English, month first', 'Out of office July 10-31, back after that.'],
    ['German', 'Ich bin vom 10. bis 31. Juli im Urlaub.'],
    ['French', 'Je suis en congés du 10 au 31 juillet.'],
    ['Spanish', 'Estoy de vacaciones del 10 al 31 de julio.'],
    ['Italian', 'Sono in ferie dal 10 al 31 luglio.'],
    ['Portuguese', 'Estou de férias de 10 a 31 de julho.'],
    ['Dutch', 'Ik ben met vakantie van 10 tot 31 juli.'],
    ['Swedish', 'Jag är på semester 10-31 juli.'],
  ])('reads a range in %s as the absence: back after its last day', (_language, text) => {
    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, 'UTC');

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-07-31T23:59:59.999Z');
  });

  it.each([
    ['English', 'I am out of the office, back next Monday.'],
    ['German', 'Ich bin nächsten Montag wieder im Büro.'],
    ['French', 'Je serai de retour lundi prochain.'],
    ['Spanish', 'Estaré de vuelta el próximo lunes.'],
    ['Dutch', 'Ik ben volgende maandag weer terug.'],
  ])('reads a relative date in %s against the Date header, not the arrival', (_language, text) => {
    // Prepare: written on Friday 27 February, delivered (after a queue) on Wednesday 4 March.
    const sentAt = new Date('2026-02-27T09:00:00Z');

    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, 'UTC', { sentAt });

    // Assess: the Monday after the Friday it was written, 2 March, is past on arrival: the notice
    // is stale, so nothing is read rather than a week too late.
    expect(returnDate).toBeUndefined();
  });

  it('reads a relative date against the Date header', () => {
    // Prepare: written on Monday 2 March, delivered on Wednesday 4 March.
    const sentAt = new Date('2026-03-02T09:00:00Z');

    // Act
    const returnDate = readReturnDate(
      'Back in the office tomorrow... no, back next Friday.',
      WEDNESDAY,
      'UTC',
      {
        sentAt,
      },
    );

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-03-06T00:00:00.000Z');
  });

  it.each([
    ['a German sender in English', { country: 'DE' }, 'Back on 05/07/2026.', '2026-07-05T00:00:00.000Z'],
    ['a British sender', { country: 'GB' }, 'Back on 05/07.', '2026-07-05T00:00:00.000Z'],
    ['an American sender', { country: 'US' }, 'Back on 05/07/2026.', '2026-05-07T00:00:00.000Z'],
    ['a sender of unknown country', {}, 'Back on 05/07/2026.', '2026-05-07T00:00:00.000Z'],
    ['a French notice', {}, 'Je serai de retour le 05/07/2026.', '2026-07-05T00:00:00.000Z'],
    [
      'a notice declared en-GB',
      { contentLanguage: 'de-DE' },
      'Zurück am 05/07/2026.',
      '2026-07-05T00:00:00.000Z',
    ],
    ['an Italian notice', {}, 'Sono fuori ufficio, rientro il 05/07/2026.', '2026-07-05T00:00:00.000Z'],
    ['a Portuguese notice', {}, 'Estou ausente, volto em 05/07/2026.', '2026-07-05T00:00:00.000Z'],
    ['a Dutch notice', {}, 'Ik ben weer terug op 05-07-2026.', '2026-07-05T00:00:00.000Z'],
  ])('reads the day and month order of %s', (_case, options, text, expected) => {
    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, 'UTC', options);

    // Assess
    expect(returnDate?.toISOString()).toBe(expected);
  });

  it.each([
    ['Italian', 'Sono fuori ufficio fino al 9 marzo.'],
    ['Italian, return', 'Rientrerò in ufficio lunedì 9 marzo.'],
    ['Portuguese', 'Estou fora do escritório até 9 de março.'],
    ['Portuguese, return', 'Regresso no dia 9 de março.'],
    ['Swedish', 'Jag är tillbaka den 9 mars.'],
    ['Swedish, until', 'Jag är på semester till och med 8 mars, tillbaka 9 mars.'],
  ])('reads a return date in %s', (_language, text) => {
    // Act
    const returnDate = readReturnDate(text, WEDNESDAY, 'UTC');

    // Assess
    expect(returnDate?.toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('refuses a zone that is not an IANA name', () => {
    // Act
    const read = () => readReturnDate('Back on 9 March.', WEDNESDAY, 'Mars/Olympus_Mons');

    // Assess
    expect(read).toThrow(ValidationError);
  });
});
