/**
 * The `/quadrants` application command, as registered with Discord. Each subcommand is one entry
 * in SUBCOMMANDS, so adding one (subscribe, unsubscribe, subscriptions, digest) is one more entry.
 */
import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { DEFAULT_DIGEST_POSTS, DEFAULT_POSTS, MAX_POSTS, MIN_POSTS } from '../../src/commands/types';

export const COMMAND_NAME = 'quadrants';

/** One subcommand: its name and how to build it. */
export interface SubcommandSpec {
  name: string;
  build(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
}

/** Adds the optional `posts` option (INTEGER, 5–35). */
export function withPosts(sub: SlashCommandSubcommandBuilder, description: string): SlashCommandSubcommandBuilder {
  return sub.addIntegerOption((o) => o.setName('posts').setDescription(description).setMinValue(MIN_POSTS).setMaxValue(MAX_POSTS).setRequired(false));
}

/** Adds the required `creator` option (STRING). */
function withCreator(sub: SlashCommandSubcommandBuilder, description: string): SlashCommandSubcommandBuilder {
  return sub.addStringOption((o) => o.setName('creator').setDescription(description).setRequired(true).setMinLength(1).setMaxLength(200));
}

/** Adds the optional `channel` option, limited to channels a digest can be posted in. */
function withChannel(sub: SlashCommandSubcommandBuilder, description: string): SlashCommandSubcommandBuilder {
  return sub.addChannelOption((o) => o.setName('channel').setDescription(description).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement).setRequired(false));
}

export const SUBCOMMANDS: SubcommandSpec[] = [
  {
    name: 'report',
    build: (s) =>
      withPosts(
        s
          .setName('report')
          .setDescription("Map a creator's latest posts by share rate and save rate")
          .addStringOption((o) =>
            o.setName('creator').setDescription('TikTok creator: @name, profile link or numeric id').setRequired(true).setMinLength(1).setMaxLength(200),
          ),
        `How many recent posts to map (${MIN_POSTS}–${MAX_POSTS}, default ${DEFAULT_POSTS})`,
      ),
  },
  {
    name: 'compare',
    build: (s) =>
      withPosts(
        s
          .setName('compare')
          .setDescription('Put two to five creators on the same axes')
          .addStringOption((o) =>
            o.setName('creators').setDescription('Two to five creators separated by spaces, e.g. @a @b').setRequired(true).setMinLength(3).setMaxLength(500),
          ),
        `How many recent posts per creator (${MIN_POSTS}–${MAX_POSTS}, default ${DEFAULT_POSTS})`,
      ),
  },
  {
    name: 'post',
    build: (s) =>
      s
        .setName('post')
        .setDescription("Place one post against its creator's recent medians")
        .addStringOption((o) => o.setName('url').setDescription('The TikTok video link').setRequired(true).setMinLength(10).setMaxLength(500)),
  },
  {
    name: 'subscribe',
    build: (s) =>
      withPosts(
        withChannel(
          withCreator(s.setName('subscribe').setDescription('Send this channel (or another) a monthly digest for a creator (Manage Channels)'), 'TikTok creator to follow: @name, profile link or numeric id'),
          'Channel that gets the digest (default: this one)',
        ),
        `How many recent posts each digest maps (${MIN_POSTS}–${MAX_POSTS}, default ${DEFAULT_DIGEST_POSTS})`,
      ),
  },
  {
    name: 'unsubscribe',
    build: (s) =>
      withChannel(
        withCreator(s.setName('unsubscribe').setDescription("Stop a channel's digest for a creator (Manage Channels)"), 'The creator whose digest to stop'),
        'Channel to stop it in (default: this one)',
      ),
  },
  {
    name: 'subscriptions',
    build: (s) => s.setName('subscriptions').setDescription("List this server's digest subscriptions"),
  },
  {
    name: 'digest',
    build: (s) => withCreator(s.setName('digest').setDescription("Preview a creator's digest here, with what changed since the last one"), 'TikTok creator: @name, profile link or numeric id'),
  },
  {
    name: 'help',
    build: (s) => s.setName('help').setDescription('How to use /quadrants'),
  },
];

/** The JSON body for Discord's bulk overwrite: one chat-input command with its subcommands. */
export function commandDefinitions(subcommands: readonly SubcommandSpec[] = SUBCOMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const builder = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Shares-vs-saves quadrant reports for TikTok creators')
    // Servers only: the breakdown thread and the per-guild rate limit need a guild.
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const spec of subcommands) builder.addSubcommand((s) => spec.build(s));
  return [builder.toJSON()];
}
