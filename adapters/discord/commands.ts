/**
 * The `/quadrants` application command as registered with Discord, written from the core's
 * command table: each command is a subcommand, each argument an option of the matching type.
 * Reading an interaction's options back into the core's raw input is here too.
 */
import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { COMMAND_NAMES, COMMANDS, offers, type CommandName, type RawInput } from '../../src/chat/commands';
import { MAX_POSTS, MIN_POSTS } from '../../src/commands/args';
import { SUGGESTS_CREATORS } from '../../src/chat/autocomplete';
import { postsDescription, rawInputFromOptions } from '../../src/chat/options-input';
import { TOPIC_OPTION } from '../../src/chat/cards/help';
import { DISCORD } from '../../src/platforms';

export const COMMAND_NAME = 'quadrants';

/** subscribe's schedule: cadence with choices, day, time, and the time zone with autocomplete. */
function addScheduleOptions(s: SlashCommandSubcommandBuilder): void {
  s.addStringOption((o) => o.setName('cadence').setDescription('How often (default monthly)').setRequired(false).addChoices({ name: 'monthly', value: 'monthly' }, { name: 'weekly', value: 'weekly' }));
  s.addStringOption((o) => o.setName('on').setDescription('Day: 1–28 for monthly, monday…sunday for weekly').setRequired(false).setMinLength(1).setMaxLength(20));
  s.addStringOption((o) => o.setName('at').setDescription('Time of day, 24-hour HH:MM, e.g. 09:30').setRequired(false).setMinLength(3).setMaxLength(5));
  s.addStringOption((o) => o.setName('tz').setDescription('IANA time zone, e.g. Europe/Berlin').setRequired(false).setMinLength(1).setMaxLength(64).setAutocomplete(true));
}

function subcommand(name: CommandName, s: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  const spec = COMMANDS[name];
  s.setName(name).setDescription(spec.summary.slice(0, 100));
  for (const arg of spec.args) {
    if (arg === 'creator') {
      s.addStringOption((o) =>
        o
          .setName('creator')
          .setDescription('TikTok creator: @name, profile link or numeric id')
          .setRequired(true)
          .setMinLength(1)
          .setMaxLength(200)
          // Digest commands suggest the creators this server already follows.
          .setAutocomplete(SUGGESTS_CREATORS.has(name)),
      );
    }
    if (arg === 'schedule') addScheduleOptions(s);
    if (arg === 'creators') s.addStringOption((o) => o.setName('creators').setDescription('Two to five creators separated by spaces, e.g. @a @b').setRequired(true).setMinLength(3).setMaxLength(500));
    if (arg === 'url') s.addStringOption((o) => o.setName('url').setDescription('The TikTok video link').setRequired(true).setMinLength(10).setMaxLength(500));
    if (arg === 'channel') {
      s.addChannelOption((o) =>
        o.setName('channel').setDescription('Channel for the digest (default: this one)').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement).setRequired(false),
      );
    }
    if (arg === 'topic') {
      // Choices from the table: Discord offers the commands themselves, so a typo cannot reach the bot.
      const choices = COMMAND_NAMES.filter((n) => n !== 'help' && offers(DISCORD, n)).map((n) => ({ name: n, value: n }));
      s.addStringOption((o) => o.setName(TOPIC_OPTION).setDescription('A command, for its usage, options and an example').setRequired(false).addChoices(...choices));
    }
    if (arg === 'posts') s.addIntegerOption((o) => o.setName('posts').setDescription(postsDescription(name)).setMinValue(MIN_POSTS).setMaxValue(MAX_POSTS).setRequired(false));
  }
  return s;
}

/** The JSON body for Discord's bulk overwrite: one chat-input command with a subcommand per command. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const builder = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Shares-vs-saves quadrant reports for TikTok creators')
    // Servers only: the breakdown thread, subscriptions and the per-server rate limit need a server.
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const name of COMMAND_NAMES) if (offers(DISCORD, name)) builder.addSubcommand((s) => subcommand(name, s));
  return [builder.toJSON()];
}

/** The interaction's options as the core's raw input (src/chat/options-input.ts reads them). */
export function rawInputOf(interaction: ChatInputCommandInteraction): RawInput {
  const o = interaction.options;
  return rawInputFromOptions({
    subcommand: () => o.getSubcommand(false),
    text: (name) => o.getString(name, false) ?? undefined,
    integer: (name) => o.getInteger(name, false),
    channel: (name) => o.getChannel(name, false)?.id,
  });
}
