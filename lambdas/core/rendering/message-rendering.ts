/**
 * The rendering stack the messages API needs only on the routes that render (storing custom HTML,
 * previews, the tones' samples): sanitize-html and html-to-text, imported on first use so that the
 * function's cold start and its other routes do not load them.
 */
export { personalizeHtml, personalizeText } from './personalize';
export { htmlToPlainText } from './plain-text';
export { sanitizeEmailHtml } from './sanitize';
export { sampleFor, TONE_CATALOGUE } from './tone-catalogue';
export { renderWhatsAppTemplate } from './whatsapp';
