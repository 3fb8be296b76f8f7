/**
 * The chat platforms as data: the only place their names are spelled. Store enums and
 * migrations, zod schemas, the digest pacer and chart delivery all read from here, so adding a
 * platform is one entry in this table (plus its adapter) and nothing else spells its name.
 *
 * The ground floor: this file imports nothing.
 */

/** The Slack platform's name, as stored and logged. */
export const SLACK = 'slack' as const;
/** The Discord platform's name, as stored and logged. */
export const DISCORD = 'discord' as const;
/** The command line's name: a surface, not a chat platform (no workspaces, no digests). */
export const CLI = 'cli' as const;

/** Every chat platform, in the order store enums and migrations list them. */
export const PLATFORM_NAMES = [SLACK, DISCORD] as const;

/** A chat platform: where subscriptions live and digests are posted. */
export type Platform = (typeof PLATFORM_NAMES)[number];

/** How digests are spaced on a platform so the runner keeps its rate limits instead of leaning on 429s. */
export interface PacingRule {
  /** Posts in flight at once on this platform; never more than the run's delivery pool. */
  concurrency: number;
  /** Minimum gap between two posts to the same channel. */
  perChannelMs: number;
  /** Minimum gap between two posts to the same workspace or guild. */
  perWorkspaceMs: number;
  /** Minimum gap between any two posts on this platform (bot-wide limits). */
  perPlatformMs: number;
}

/** What the core needs to know about one chat platform. */
export interface PlatformInfo {
  /**
   * The longest chart URL the platform shows as an image (Slack image block `image_url`, Discord
   * embed image URL); longer charts are uploaded as a PNG instead.
   */
  chartUrlMax: number;
  /** Default digest pacing there. */
  pacing: PacingRule;
}

/**
 * Slack: 1 msg/s per channel and an unpublished workspace-wide limit, so at most 10/s per workspace;
 * 3,000 characters in an image block's URL.
 * Discord: 50 requests/s per bot globally, so at most 25 posts/s, leaving room for other traffic;
 * Discord documents no image URL limit, ~2,048 is reported, so longer charts go as an attachment.
 */
export const PLATFORMS: Readonly<Record<Platform, PlatformInfo>> = {
  [SLACK]: {
    chartUrlMax: 3000,
    pacing: { concurrency: Number.POSITIVE_INFINITY, perChannelMs: 1000, perWorkspaceMs: 100, perPlatformMs: 0 },
  },
  [DISCORD]: {
    chartUrlMax: 2048,
    pacing: { concurrency: Number.POSITIVE_INFINITY, perChannelMs: 1000, perWorkspaceMs: 0, perPlatformMs: 40 },
  },
};

/** Whether a surface is a chat platform (has workspaces, subscriptions, pictures), not the command line. */
export function isPlatform(surface: string): surface is Platform {
  return (PLATFORM_NAMES as readonly string[]).includes(surface);
}

/** The platform names as an SQL list for CHECK constraints: `'slack', 'discord'`. */
export const PLATFORM_SQL_LIST = PLATFORM_NAMES.map((p) => `'${p}'`).join(', ');
