/**
 * Commands understood by every front end (Slack text, Discord options, the CLI).
 * One parser (src/commands/parse.ts) turns user input into these; adapters never parse on their own.
 */
export const DEFAULT_POSTS = 10;
export const MIN_POSTS = 5;
export const MAX_POSTS = 35;
export const DEFAULT_DIGEST_POSTS = 30;

export type Command =
  | { kind: 'help' }
  | { kind: 'report'; creator: string; posts: number }
  | { kind: 'compare'; creators: string[]; posts: number }
  | { kind: 'post'; url: string }
  /** `channel` is the raw channel reference as typed (`<#C123|name>`, `#name`, `<#123>`), resolved by the adapter. */
  | { kind: 'subscribe'; creator: string; channel: string | null; posts: number | null }
  | { kind: 'unsubscribe'; creator: string; channel: string | null }
  | { kind: 'subscriptions' }
  | { kind: 'digest'; creator: string };

export type CommandKind = Command['kind'];
