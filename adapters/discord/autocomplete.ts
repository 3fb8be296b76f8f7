/**
 * Discord autocomplete for `/quadrants`: the time zone (`tz`) and the creator of the subscription
 * commands. Answers with choices only (never a sentence); a failure answers no choices.
 */
import type { AutocompleteInteraction } from 'discord.js';
import { MAX_SUGGESTIONS, suggestCreators, suggestTimeZones } from '../../src/chat/autocomplete';
import type { SubscriptionService } from '../../src/digest/subscriptions';
import type { Logger } from '../../src/log';
import { DISCORD } from '../../src/platforms';

/** Choice names and values are at most 100 characters. */
const clip = (s: string) => s.slice(0, 100);

export async function answerAutocomplete(interaction: AutocompleteInteraction, subscriptions: SubscriptionService | null, log: Logger): Promise<void> {
  let values: string[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value);
    if (focused.name === 'tz') values = suggestTimeZones(typed);
    else if (focused.name === 'creator' && interaction.guildId) values = await suggestCreators(subscriptions, { platform: DISCORD, workspaceId: interaction.guildId }, typed);
  } catch (err) {
    log.warn('discord.autocomplete.failed', { error: err });
  }
  try {
    await interaction.respond(values.slice(0, MAX_SUGGESTIONS).map((v) => ({ name: clip(v), value: clip(v) })));
  } catch (err) {
    // Typing on outruns answers; a late answer is simply dropped by Discord.
    log.debug('discord.autocomplete.respond_failed', { error: err });
  }
}
