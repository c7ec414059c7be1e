/**
 * The safe HTML subset e-mails may carry: formatting, links, images, simple tables and a short list of
 * inline styles; no scripts, forms, event handlers or `javascript:` URLs. Applied when a custom message
 * or signature is saved and again on every render (after personalization, so a filled-in value cannot
 * smuggle a URL scheme into an attribute either).
 */
import sanitizeHtml from 'sanitize-html';

const LENGTH = /^-?\d+(?:\.\d+)?(?:px|em|rem|%|pt|ex)?$/;
const LENGTHS =
  /^(?:-?\d+(?:\.\d+)?(?:px|em|rem|%|pt|ex)?|auto)(?:\s+(?:-?\d+(?:\.\d+)?(?:px|em|rem|%|pt|ex)?|auto)){0,3}$/;
const COLOR = /^(?:#[0-9a-f]{3,8}|rgba?\(\s*[\d.%\s,]+\)|[a-z]{3,20})$/i;
const BORDER =
  /^(?:none|\d+(?:\.\d+)?(?:px|pt|ex)?\s+(?:solid|dashed|dotted)(?:\s+(?:#[0-9a-f]{3,8}|[a-z]{3,20}))?)$/i;

const EMAIL_SAFE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'center', 'font'],
  allowedAttributes: {
    '*': ['style', 'dir', 'align', 'title'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'face', 'size'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
    td: ['width', 'colspan', 'rowspan', 'valign', 'bgcolor'],
    th: ['width', 'colspan', 'rowspan', 'valign', 'bgcolor'],
    ol: ['start', 'type'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // A forwarded or CC'd e-mail arrives as a whole document: its title must not leak into the quote.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  allowedStyles: {
    '*': {
      color: [COLOR],
      'background-color': [COLOR],
      'font-family': [/^[\w\s,'"-]{1,200}$/],
      'font-size': [LENGTH],
      'font-style': [/^(?:normal|italic)$/],
      'font-weight': [/^(?:normal|bold|bolder|lighter|\d{3})$/],
      'line-height': [LENGTH],
      'text-align': [/^(?:left|right|center|justify)$/],
      'text-decoration': [/^(?:none|underline|line-through)$/],
      'vertical-align': [/^(?:top|middle|bottom|baseline)$/],
      margin: [LENGTHS],
      'margin-top': [LENGTH],
      'margin-bottom': [LENGTH],
      'margin-left': [LENGTH],
      'margin-right': [LENGTH],
      padding: [LENGTHS],
      'padding-top': [LENGTH],
      'padding-bottom': [LENGTH],
      'padding-left': [LENGTH],
      'padding-right': [LENGTH],
      border: [BORDER],
      'border-left': [BORDER],
      width: [LENGTH],
      height: [LENGTH],
      'max-width': [LENGTH],
    },
  },
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, EMAIL_SAFE).trim();
}
