/**
 * The surfaces the bot speaks through, as data. Adding a surface is one entry here plus one
 * folder under adapters/ that renders cards and talks to the platform; nothing else in the core
 * switches on a surface's name.
 */
import { code, say, words, type Inline } from './inline';

export interface SurfaceInfo {
  /** How users see the surface named. */
  label: string;
  /** What a team's space is called there. */
  place: 'workspace' | 'server' | 'machine';
  /** How commands are written there, for help: free text, structured options, or argv. */
  syntax: 'text' | 'options' | 'argv';
  /** Where cards that belong under a result (the per-post breakdown) appear, in words. */
  under: 'in the thread' | 'below';
  /** Whether per-user and per-workspace rate limits apply (chat surfaces share one team's credits). */
  rateLimited: boolean;
  /** How to let the bot into a channel, ending a sentence ("… until <hint>"). */
  inviteHint: Inline;
  /** How to let the bot post in a channel ("it"), as an instruction ("…: <grantAccess>, then …"). */
  grantAccess: Inline;
  /** Who may change subscriptions there, ending a sentence ("Changing digests needs …"). */
  managerRule: Inline;
  /** Subscriptions per page of the list, each with its own buttons (Discord: five rows, one for paging). */
  listPageSize: number;
  /** Whether a form can offer a channel picker (so a list can offer "New subscription"). */
  formChannelPicker: boolean;
  /** Whether a refused form answer can be shown under its field, the form still open (Slack's modal errors). */
  formFieldErrors: boolean;
}

export const SURFACES = {
  slack: {
    label: 'Slack',
    place: 'workspace',
    syntax: 'text',
    under: 'in the thread',
    rateLimited: true,
    inviteHint: say`you type ${code('/invite @quadrants')} in it.`,
    grantAccess: say`type ${code('/invite @quadrants')} in it`,
    managerRule: words('one of the people this workspace allows to manage digests; ask one of them'),
    listPageSize: 20,
    formChannelPicker: true,
    formFieldErrors: true,
  },
  discord: {
    label: 'Discord',
    place: 'server',
    syntax: 'options',
    under: 'in the thread',
    rateLimited: true,
    inviteHint: words('I am allowed to view it and send messages there.'),
    grantAccess: words("in the channel's settings, under Permissions, allow quadrants to View Channel and Send Messages"),
    managerRule: words('the Manage Channels permission on this server; ask someone who has it'),
    listPageSize: 4,
    formChannelPicker: false,
    formFieldErrors: false,
  },
  cli: {
    label: 'the command line',
    place: 'machine',
    syntax: 'argv',
    under: 'below',
    rateLimited: false,
    inviteHint: words('the channel lets the bot in.'),
    grantAccess: words('let the bot into it'),
    managerRule: words('access to this machine'),
    listPageSize: 50,
    formChannelPicker: false,
    formFieldErrors: false,
  },
} as const satisfies Record<string, SurfaceInfo>;

export type Surface = keyof typeof SURFACES;
