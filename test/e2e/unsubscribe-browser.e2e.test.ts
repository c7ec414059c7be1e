/**
 * The unsubscribe pages in a real browser (Debian's chromium, driven by puppeteer-core; nothing is
 * downloaded), on a phone-sized screen: the link comes from the List-Unsubscribe header of an e-mail
 * the local stack sent; the page names the org and what stops, its button stops the lead, and the
 * result page says so. The pages load nothing from anywhere else.
 *
 * UPDATE_SCREENSHOTS=1 writes the two screenshots the README points at into docs/.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { PINNED_START, signedIn } from '../support/local-api';
import { writableOf } from '../support/writable';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs', import.meta.url))
  : tmpdir();
let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No browser at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`,
    );
  }
  stack = await startLocalStack({ port: 0, background: false, now: PINNED_START });
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in a container has no user namespace for chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    // The browser shows what the server rendered on its own clock: under test:any-time it runs without
    // libfaketime, which makes chromium crash (or crawl) wherever it is loaded.
    env: Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
    ),
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface PageFacts {
  title: string;
  text: string;
  /** Wider than the screen: the reader would have to scroll sideways. */
  overflows: boolean;
}
const PAGE_FACTS = `title: document.title, text: document.body.innerText,
  overflows: document.documentElement.scrollWidth > window.innerWidth`;

/** Evaluates an expression in the page (source text: this project compiles without DOM types). */
const inPage = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

describe('the unsubscribe pages, in a browser', () => {
  it('names the org, stops the lead with one button, and confirms it', async () => {
    stack.clock.set(new Date('2026-06-01T13:00:00Z')); // Monday 09:00 in New York
    const api = await signedIn(stack.url, { orgId: 'acme', userId: 'alice', role: 'admin' });
    const settings = await api('GET', '/org/settings');
    const renamed = await api(
      'PUT',
      '/org/settings',
      { ...writableOf(settings.body), name: 'Acme Robotics' },
      settings.etag ? { 'if-match': settings.etag } : {},
    );
    const assistant = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: 'maya@assistants.localhost',
      timezone: 'America/New_York',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    const lead = await api('POST', '/leads', {
      firstName: 'Uma',
      email: 'uma@example.com',
      assistantId: assistant.body.id,
    });
    await stack.advance(3600 * 1000);
    await stack.outbox.capture();
    const sent = (await stack.outbox.items()).find((item) => item.to.includes('uma@example.com'));
    const link = /<(https?:[^>]+)>/.exec(sent?.headers?.['List-Unsubscribe'] ?? '')?.[1];
    expect(renamed.status).toBe(200);
    expect(lead.status).toBe(201);
    expect(link).toBeDefined();

    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url)) elsewhere.push(request.url());
    });
    const opened = await page.goto(link ?? '', { waitUntil: 'load' });
    const confirm = await inPage<PageFacts & { button?: string; buttonInView: boolean; fontSize: number }>(
      page,
      `(() => {
        const button = document.querySelector('button');
        const box = button?.getBoundingClientRect();
        return {
          ${PAGE_FACTS},
          button: button?.textContent,
          buttonInView: box !== undefined && box.bottom <= window.innerHeight && box.height >= 44,
          fontSize: Number.parseFloat(getComputedStyle(document.body).fontSize),
        };
      })()`,
    );
    await page.screenshot({ path: `${screenshots}/unsubscribe-confirm.png` });
    const leadBefore = await api('GET', `/leads/${lead.body.id}`);

    const [done] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button')]);
    const result = await inPage<PageFacts>(page, `({ ${PAGE_FACTS} })`);
    await page.screenshot({ path: `${screenshots}/unsubscribe-done.png` });
    const leadAfter = await api('GET', `/leads/${lead.body.id}`);
    const again = await page.goto(link ?? '', { waitUntil: 'load' });
    const secondVisit = await page.title();
    await page.close();

    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(confirm.title).toBe('Unsubscribe from Acme Robotics');
    expect(confirm.text).toContain('Stop e-mails from Acme Robotics?');
    expect(confirm.text).toContain('u•••@example.com');
    expect(confirm.text).toContain('e-mail stops: no further follow-ups are sent to you');
    expect(confirm.text).toContain('this link concerns e-mail only');
    expect(confirm.text).not.toContain('uma@example.com');
    expect(confirm.button).toBe('Unsubscribe');
    expect(confirm.buttonInView).toBe(true);
    expect(confirm.fontSize).toBeGreaterThanOrEqual(16);
    expect(confirm.overflows).toBe(false);
    // Opening the page changes nothing (mail scanners open links); the button does.
    expect(leadBefore.body.enrollment.status).toBe('active');
    expect(done?.status()).toBe(200);
    expect(done?.request().method()).toBe('POST');
    expect(done?.request().postData()).toBe('List-Unsubscribe=One-Click');
    expect(result.title).toBe('You are unsubscribed');
    expect(result.text).toContain('Acme Robotics will send no more e-mails to u•••@example.com.');
    expect(result.overflows).toBe(false);
    expect(leadAfter.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect(again?.status()).toBe(200);
    expect(secondVisit).toBe('You are unsubscribed');
    expect(elsewhere).toEqual([]);
  });
});
