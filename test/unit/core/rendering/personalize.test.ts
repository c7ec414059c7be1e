import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../../../lambdas/core/errors';
import {
  fillPlaceholders,
  MissingFieldsError,
  personalizeHtml,
  personalizeText,
  placeholderValue,
  type RenderContext,
  requiredFields,
} from '../../../../lambdas/core/rendering/personalize';
import { assistant, bareLead, fullLead, org } from './fixtures';

const full: RenderContext = { lead: fullLead, org, assistant };
const bare: RenderContext = { lead: bareLead, org: {}, assistant };

describe('personalizeHtml', () => {
  it('fills every kind of placeholder', () => {
    // Prepare
    const template =
      '{{lead.firstName}} {{lead.lastName}}, {{lead.designation}} at {{lead.company}} ({{lead.industry}}, ' +
      '{{lead.phone}}) on {{lead.custom.plan}}; {{assistant.name}} of {{org.name}}, {{org.website}}';

    // Act
    const html = personalizeHtml(template, full);

    // Assess
    expect(html).toBe(
      'Ana Souza, VP of Finance at Fabrikam (retail, +5511955550123) on Enterprise; ' +
        'Maya Chen of Contoso, https://contoso.example',
    );
  });

  it('uses the fallback when the field is empty, and the value when it is not', () => {
    // Act
    const html = personalizeHtml('<p>Hi {{lead.firstName|there}} at {{ lead.company | your team }}</p>', {
      ...bare,
      lead: { ...bareLead, firstName: '  ' },
    });
    const filled = personalizeHtml('{{lead.company|your team}}', full);

    // Assess
    expect(html).toBe('<p>Hi there at your team</p>');
    expect(filled).toBe('Fabrikam');
  });

  it('accepts an empty fallback as "leave it out"', () => {
    // Act / Assess
    expect(personalizeHtml('Hello{{lead.company|}}!', bare)).toBe('Hello!');
  });

  it('fails listing every missing field once, in order of appearance', () => {
    // Prepare
    const template =
      '{{lead.company}} {{lead.industry}} {{lead.company}} {{lead.firstName|x}} {{lead.custom.plan}}';

    // Act
    const error = captureError(() => personalizeHtml(template, bare));

    // Assess
    expect(error).toBeInstanceOf(MissingFieldsError);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as MissingFieldsError).code).toBe('unprocessable');
    expect((error as MissingFieldsError).details).toEqual({
      missing: ['lead.company', 'lead.industry', 'lead.custom.plan'],
    });
  });

  it('escapes values: a lead name with <script>&"\' stays text', () => {
    // Act
    const html = personalizeHtml('<p title="{{lead.firstName}}">Hi {{lead.firstName}}</p>', {
      ...bare,
      lead: { ...bareLead, firstName: `<script>&"'` },
    });

    // Assess
    expect(html).toBe('<p title="&lt;script&gt;&amp;&quot;&#39;">Hi &lt;script&gt;&amp;&quot;&#39;</p>');
  });

  it('leaves no {{ behind when it succeeds, whatever the template', () => {
    // Prepare: templates mixing text and placeholders, with and without fallbacks.
    const paths = [
      'lead.firstName',
      'lead.company',
      'lead.industry',
      'org.name',
      'lead.custom.plan',
      'assistant.name',
    ];
    const piece = fc.oneof(
      fc.string().filter((text) => !/[{}]/.test(text)),
      fc
        .record({
          path: fc.constantFrom(...paths),
          fallback: fc.option(fc.constantFrom('there', '', 'your team')),
        })
        .map(({ path, fallback }) => (fallback === null ? `{{${path}}}` : `{{${path}|${fallback}}}`)),
    );

    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom(full, bare), (pieces, context) => {
        const template = pieces.join('');

        // Act
        const filled = fillPlaceholders(template, context, 'html');

        // Assess: either it fails naming exactly the unfillable fields, or nothing is left unfilled.
        const unfillable = requiredFields(template).filter(
          (path) => placeholderValue(path, context) === undefined,
        );
        expect(filled.missing).toEqual(unfillable);
        if (filled.missing.length === 0) expect(filled.text).not.toContain('{{');
      }),
    );
  });
});

describe('personalizeText', () => {
  it('does not escape, and keeps values on one line', () => {
    // Act
    const text = personalizeText('Re {{lead.company}}', {
      ...bare,
      lead: { ...bareLead, company: 'Smith & Sons\r\nBcc: x@example.com' },
    });

    // Assess
    expect(text).toBe('Re Smith & Sons Bcc: x@example.com');
  });

  it('leaves no gap before punctuation where an empty fallback wrote nothing, and keeps it where a name was written', () => {
    // Act
    const without = personalizeText('Guten Tag {{lead.lastName|}}, schön! Hallo {{lead.company|}}.', bare);
    const withName = personalizeText('Guten Tag {{lead.lastName|}}, schön!', {
      ...bare,
      lead: { ...bareLead, lastName: 'Lovelace' },
    });

    // Assess
    expect(without).toBe('Guten Tag, schön! Hallo.');
    expect(withName).toBe('Guten Tag Lovelace, schön!');
  });
});

describe('the referrer placeholders', () => {
  const referred: RenderContext = {
    ...full,
    lead: { ...fullLead, referrer: { firstName: 'Tom', lastName: 'Baker <b>' } },
  };
  const template =
    '<p>{{referrer.firstName}} {{referrer.lastName}} suggested I write, {{lead.firstName}}.</p>';

  it('fill from the lead’s referrer, escaped like every value', () => {
    // Act
    const html = personalizeHtml(template, referred);

    // Assess
    expect(html).toBe('<p>Tom Baker &lt;b&gt; suggested I write, Ana.</p>');
  });

  it('take their fallback for a lead nobody referred, or a referrer without a last name', () => {
    // Prepare
    const fallbacks = '{{referrer.firstName|a colleague}} ({{ referrer.lastName | }}) said hi';
    const firstNameOnly = { ...full, lead: { ...fullLead, referrer: { firstName: 'Tom' } } };

    // Act / Assess
    expect(personalizeText(fallbacks, full)).toBe('a colleague () said hi');
    expect(personalizeText(fallbacks, firstNameOnly)).toBe('Tom () said hi');
    expect(personalizeText(fallbacks, referred)).toBe('Tom (Baker <b>) said hi');
  });

  it('without a fallback, fail a lead nobody referred like any missing field', () => {
    // Act
    const error = captureError(() => personalizeHtml(template, full));

    // Assess
    expect(error).toBeInstanceOf(MissingFieldsError);
    expect((error as MissingFieldsError).details).toEqual({
      missing: ['referrer.firstName', 'referrer.lastName'],
    });
    expect(requiredFields(template)).toEqual(['referrer.firstName', 'referrer.lastName', 'lead.firstName']);
  });

  it('treat a blank referrer name as none', () => {
    // Act / Assess
    const blank = { ...full, lead: { ...fullLead, referrer: { firstName: '  ', lastName: '' } } };
    expect(placeholderValue('referrer.firstName', blank)).toBeUndefined();
    expect(placeholderValue('referrer.lastName', blank)).toBeUndefined();
  });
});

describe('placeholderValue', () => {
  it('reads only the lead own custom fields', () => {
    // Act / Assess
    expect(placeholderValue('lead.custom.plan', full)).toBe('Enterprise');
    expect(placeholderValue('lead.custom.constructor', full)).toBeUndefined();
    expect(placeholderValue('lead.toString', full)).toBeUndefined();
    expect(placeholderValue('org.unknown', full)).toBeUndefined();
  });

  it('ends the free-text context like a sentence', () => {
    // Prepare
    const withContext = (context: string) => ({ ...bare, lead: { ...bareLead, context } });

    // Act / Assess
    expect(placeholderValue('lead.context', withContext('  asked about pricing;  '))).toBe(
      'asked about pricing.',
    );
    expect(placeholderValue('lead.context', withContext('Is Q3 realistic?'))).toBe('Is Q3 realistic?');
    expect(placeholderValue('lead.context', withContext('   '))).toBeUndefined();
  });
});

function captureError(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
