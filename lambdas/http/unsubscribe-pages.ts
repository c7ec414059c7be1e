/** The two small pages an unsubscribe link shows: a confirmation button, then the confirmation. */

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111827}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #111827;background:#111827;color:#fff;cursor:pointer}</style>
</head><body>${body}</body></html>`;

/** The form posts to the same URL: the one-click endpoint of RFC 8058. */
export function unsubscribePage(): string {
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1><p>Stop receiving these e-mails?</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(): string {
  return page(
    'Unsubscribed',
    '<h1>You are unsubscribed</h1><p>You will not receive further e-mails from us.</p>',
  );
}
