/**
 * Button clicks and form submissions on Discord, read into the core's turn events
 * (src/chat/turn.ts): a custom id is `quadrants:<kind>|<value>`, and the message the button sits
 * on says where it lives (the list of subscriptions is the only ephemeral message with buttons).
 * The surface they are answered through is ./click-surface.ts.
 */
import { MessageFlags, type ButtonInteraction, type ModalMessageModalSubmitInteraction } from 'discord.js';
import { BUTTON_PREFIX } from '../../src/chat/buttons';
import type { ClickEvent, FormEvent, Origin } from '../../src/chat/turn';
import type { ClickInteraction } from './click-surface';

/** Splits a custom id into the action id and the value. */
export function splitCustomId(customId: string): { actionId: string; value: string } {
  const bar = customId.indexOf('|');
  return bar < 0 ? { actionId: customId, value: '' } : { actionId: customId.slice(0, bar), value: customId.slice(bar + 1) };
}

/** Where the clicked message lives: the ephemeral list of subscriptions, or a public result. */
export function originOf(interaction: ClickInteraction): Origin {
  return interaction.message.flags.has(MessageFlags.Ephemeral) ? 'list' : 'result';
}

export function clickEvent(interaction: ButtonInteraction): ClickEvent {
  return { type: 'click', ...splitCustomId(interaction.customId), origin: originOf(interaction) };
}

export function formEvent(interaction: ModalMessageModalSubmitInteraction): FormEvent {
  const { actionId, value } = splitCustomId(interaction.customId);
  const fields: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) if ('value' in field && typeof field.value === 'string') fields[id] = field.value;
  return { type: 'form', kind: actionId.startsWith(BUTTON_PREFIX) ? actionId.slice(BUTTON_PREFIX.length) : '', value, fields, origin: originOf(interaction) };
}
