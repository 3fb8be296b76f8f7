/**
 * A card's buttons as Discord components: one row per list item with buttons of its own
 * (numbered as the item is), the card's own buttons last; never more than Discord allows.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIComponentInActionRow } from 'discord.js';
import { BUTTON_PREFIX, type CardAction } from '../../src/chat/buttons';
import type { Card, ListItem } from '../../src/chat/card';
import { truncate } from './escape';

export type ActionRows = APIActionRowComponent<APIComponentInActionRow>[];

/**
 * Items with buttons of their own are numbered ("1.", "2.", …) across the card, so each row of
 * buttons can say which item it acts on ("1 · Pause").
 */
export function itemNumbers(card: Card): Map<ListItem, number> {
  const out = new Map<ListItem, number>();
  for (const b of card.blocks) if (b.kind === 'list') for (const item of b.items) if (item.actions?.length) out.set(item, out.size + 1);
  return out;
}

/** Discord's limit on a component's custom id. */
export const CUSTOM_ID_MAX = 100;

/** The custom id of a button: `quadrants:<kind>|<value>` (Discord gives buttons no separate value). */
export function customId(action: CardAction): string {
  return `${BUTTON_PREFIX}${action.kind}|${action.value}`;
}

/** Discord's limits on components: rows per message, buttons per row, characters per label. */
export const MAX_ROWS = 5;
const BUTTONS_PER_ROW = 5;
const LABEL_MAX = 80;

/**
 * Buttons as one action row (none when none fit). A button whose value does not fit a custom id
 * (a comparison of many long handles) is left out rather than cut: a cut value would be stale.
 * Discord has no confirm dialog: a `danger` button is drawn red, and its `confirm` is not asked.
 */
function actionRow(actions: readonly CardAction[], label: (a: CardAction) => string = (a) => a.label): ActionRows {
  const buttons: APIButtonComponent[] = actions
    .filter((a) => customId(a).length <= CUSTOM_ID_MAX)
    .slice(0, BUTTONS_PER_ROW)
    .map((a) => ({ type: ComponentType.Button, style: a.danger ? ButtonStyle.Danger : ButtonStyle.Secondary, label: truncate(label(a), LABEL_MAX), custom_id: customId(a) }));
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/**
 * A card's buttons. Items with buttons of their own (the list of subscriptions) get a row each,
 * labelled with the item's number ("1 · Pause"); the card's own buttons (paging) come last, in
 * one row. Never more than Discord's five rows: item rows beyond them are left out.
 */
export function renderActions(card: Card): ActionRows {
  const own = actionRow(card.actions ?? []);
  const items = [...itemNumbers(card)].flatMap(([item, n]) => actionRow(item.actions ?? [], (a) => `${n} · ${a.label}`));
  return [...items.slice(0, MAX_ROWS - own.length), ...own];
}
