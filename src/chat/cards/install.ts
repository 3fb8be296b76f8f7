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
