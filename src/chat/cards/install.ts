/**
 * What the browser shows when a Slack install does not finish: a cancelled consent, a state that
 * was already used (or expired, or came back in another browser), or Slack failing the exchange.
 * Our own words only: nothing from the request is echoed, and no secret is ever part of it.
 */

/** Why an install ended without installing anything. */
export type InstallEnding = 'cancelled' | 'stale-link' | 'failed';

/** The page's title and its one sentence for `ending`. */
export function installEndingText(ending: InstallEnding): { title: string; sentence: string } {
  switch (ending) {
    case 'cancelled':
      return {
        title: 'Nothing was installed',
        sentence: 'You cancelled the installation, so quadrants was not added to your workspace; to add it later, start again from the install link.',
      };
    case 'stale-link':
      return {
        title: 'Nothing was installed',
        sentence:
          'This installation link was already used, has expired or was opened in another browser, so nothing was installed; start again from the install link in this browser.',
      };
    case 'failed':
      return {
        title: 'Nothing was installed',
        sentence: 'Slack could not complete the installation, so nothing was installed; try again from the install link in a few minutes.',
      };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STATUS: Record<InstallEnding, number> = { cancelled: 200, 'stale-link': 400, failed: 500 };

/**
 * The plain page for `ending` and its HTTP status: a cancel is an ordinary 200, a used, expired or
 * foreign state a 400, and only a failure on our or Slack's side a 500. `againPath` starts over.
 */
export function installEndingPage(ending: InstallEnding, againPath: string): { status: number; html: string } {
  const { title, sentence } = installEndingText(ending);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(sentence)}</p><p><a href="${escapeHtml(againPath)}">Start the installation again</a></p></body></html>
`;
  return { status: STATUS[ending], html };
}
