/** Names the Slack adapter shares with manifest.yml and the README. */

/** The slash command, as declared in manifest.yml. */
export const SLASH_COMMAND = '/quadrants';
/** Events path for HTTP mode (the manifest's Request URL ends with it). */
export const EVENTS_PATH = '/slack/events';
/** File name of an uploaded chart. */
export const CHART_FILENAME = 'quadrants-chart.png';
/** Distribution (OAuth mode): where an install starts, and where Slack sends the browser back (manifest redirect_urls). */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** The bot scopes an install asks for: the same list as manifest.yml's oauth_config.scopes.bot. */
export const BOT_SCOPES = ['commands', 'chat:write', 'files:write', 'channels:history', 'groups:history'] as const;
/** A user, channel or team id as Slack makes them; mentions are built only from ids of this shape. */
export const SLACK_ID = /^[A-Z0-9]{2,32}$/;
/** Links in our messages never unfold into previews. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
/** The headers Slack signs a request with, read by the core's replay guard (src/ops/replay-guard.ts). */
export const SIGNATURE_HEADERS = { timestamp: 'x-slack-request-timestamp', signature: 'x-slack-signature' };
