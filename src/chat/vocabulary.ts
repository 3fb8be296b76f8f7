/**
 * The words the chat layer speaks in: command names, a command's raw input, button kinds and a
 * card's action. The ground floor of src/chat: it imports nothing, so cards, parsers, the digest
 * engine and adapters can all use it without an import running back up a floor.
 */

/** Every command, in help order. */
export const COMMAND_NAMES = ['report', 'compare', 'post', 'subscribe', 'unsubscribe', 'pause', 'resume', 'subscriptions', 'digest', 'watch', 'unwatch', 'trend', 'usage', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command's input as any surface delivers it, before validation. */
export interface RawInput {
  command: CommandName;
  creator?: string;
  creators?: string[];
  url?: string;
  channel?: string | null;
  /** As typed: validated as plain decimal digits. */
  posts?: string;
  /** Schedule options of subscribe, as typed: `monthly`/`weekly`, `on <day>`, `at HH:MM`, `tz <zone>`. */
  cadence?: string;
  on?: string;
  at?: string;
  tz?: string;
  /** subscriptions: which page of the list, as digits (0 is the first). */
  page?: string;
  /** help: the command to explain, as typed. */
  topic?: string;
}

/**
 * What a button does. Its id on the platform is `quadrants:<kind>`. The first five sit under
 * results; the rest under the list of subscriptions (Slack's App Home, `/quadrants subscriptions`).
 */
export const BUTTON_KINDS = ['window', 'refresh', 'csv', 'compare', 'subscribe', 'pause', 'resume', 'edit', 'unsubscribe', 'watch', 'unwatch', 'page', 'new'] as const;
export type ButtonKind = (typeof BUTTON_KINDS)[number];

/** A button under a card, as the core writes it: adapters draw it with the platform's controls. */
export interface CardAction {
  kind: ButtonKind;
  /** The button's text: our own words. */
  label: string;
  /** The compact, versioned value the click carries back. */
  value: string;
  /** Drawn as a warning (red) where the surface can: the click removes something. */
  danger?: boolean;
  /** Asked before the click counts, where the surface can ask (Slack's confirm dialog). */
  confirm?: { title: string; text: string; yes: string; no: string };
}
