/** Names the Slack adapter shares with manifest.yml and the README. */

/** The slash command, as declared in manifest.yml. */
export const SLASH_COMMAND = '/quadrants';
/** Events path for HTTP mode (the manifest's Request URL ends with it). */
export const EVENTS_PATH = '/slack/events';
/** File name of an uploaded chart. */
export const CHART_FILENAME = 'quadrants-chart.png';
