/**
 * Creator names on charts. Handles reach us validated, but a chart config is evaluated by
 * QuickChart, so every name passes this whitelist again right where it enters a config.
 */

/** TikTok handles: letters, digits, underscore and period, at most 24 characters. */
const HANDLE = /^[A-Za-z0-9_.]{1,24}$/;

/** "@handle" when the handle passes the whitelist, otherwise "Creator A", "Creator B", … */
export function chartCreatorName(username: string, i: number): string {
  return HANDLE.test(username) ? `@${username}` : `Creator ${String.fromCharCode(65 + (i % 26))}`;
}

/** True when `username` is a TikTok handle: the one test every place that shows or links a handle uses. */
export function isTikTokHandle(username: string): boolean {
  return HANDLE.test(username);
}
