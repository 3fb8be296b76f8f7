/**
 * Usage text for every front end. One source, three spellings of the same commands.
 */
import { DEFAULT_POSTS, MAX_POSTS, MIN_POSTS } from './types';

export type Platform = 'slack' | 'discord' | 'cli';

const SLACK = [
  '*How to use /quadrants*',
  `• \`/quadrants @creator [posts]\`: map a creator's latest posts (default ${DEFAULT_POSTS}, ${MIN_POSTS}–${MAX_POSTS}) by share rate and save rate`,
  '• `/quadrants compare @a @b [...]`: put two to five creators on the same axes',
  '• `/quadrants post <video link>`: place one post against its creator\'s recent medians',
  '• `/quadrants subscribe @creator [#channel] [posts N] [weekly]`: a digest in the channel on the 1st of each month',
  '• `/quadrants unsubscribe @creator [#channel]`, `/quadrants subscriptions`, `/quadrants digest @creator` (preview now)',
  'A creator can be @name, a profile link or a numeric id.',
];

const DISCORD = [
  '**How to use /quadrants**',
  `• \`/quadrants report creator:@name posts:${DEFAULT_POSTS}\`: map a creator's latest posts (${MIN_POSTS}–${MAX_POSTS}) by share rate and save rate`,
  '• `/quadrants compare creators:@a @b`: put two to five creators on the same axes',
  '• `/quadrants post url:<video link>`: place one post against its creator\'s recent medians',
  '• `/quadrants subscribe creator:@name channel:#channel`: a digest in the channel on the 1st of each month (needs Manage Channels)',
  '• `/quadrants unsubscribe`, `/quadrants subscriptions`, `/quadrants digest creator:@name` (preview now)',
  'A creator can be @name, a profile link or a numeric id.',
];

const CLI = [
  'Usage:',
  `  quadrants report <creator> [--posts N] [--json] [--demo]   map a creator's latest posts (default ${DEFAULT_POSTS}, ${MIN_POSTS}-${MAX_POSTS})`,
  '  quadrants compare <a> <b> [...] [--posts N] [--json] [--demo]',
  '  quadrants post <video-url> [--json] [--demo]',
  '  quadrants digest run [--at <ISO time>]                  send the digests due at that time, once',
  '  quadrants digest list                                   subscriptions and their last runs',
  'A creator can be @name, name, a profile URL or a numeric id. Without TIKLIVEAPI_KEY (or with --demo) the bundled demo data is used.',
];

export function helpText(platform: Platform): string {
  const lines = platform === 'slack' ? SLACK : platform === 'discord' ? DISCORD : CLI;
  return lines.join('\n');
}
