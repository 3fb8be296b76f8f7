/**
 * Seeded objects of the fake Discord (bot user, guild, channel, roles) and builders for the
 * payloads discord.js expects (READY, GUILD_CREATE, INTERACTION_CREATE, messages, threads).
 * No jest globals: the benchmark imports this too.
 */

/** Permission bits the bot needs (developers/topics/permissions). */
export const PERM = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Everything the bot asks for in its invite. */
export const BOT_PERMISSIONS =
  PERM.ViewChannel | PERM.SendMessages | PERM.EmbedLinks | PERM.AttachFiles | PERM.ReadMessageHistory | PERM.CreatePublicThreads | PERM.SendMessagesInThreads;

let counter = 0n;
/** Discord's epoch (2015-01-01 UTC). */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** A snowflake whose timestamp is `ms` (as Discord makes message ids), unique within the process. */
export function snowflakeAt(ms: number): string {
  counter += 1n;
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) + (counter & 0x3fffffn)).toString();
}

/** Unique, increasing snowflake-shaped ids (Discord ids are ~19-digit strings). */
export function snowflake(): string {
  counter += 1n;
  return (1_300_000_000_000_000_000n + counter).toString();
}

export interface World {
  token: string;
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
  botRoleId: string;
  /** Permissions of the bot's role (and so `app_permissions` unless a dispatch overrides it). */
  botPermissions: bigint;
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards: number;
}

export function createWorld(options: { token?: string; applicationId?: string; botPermissions?: bigint; recommendedShards?: number } = {}): World {
  const applicationId = options.applicationId ?? snowflake();
  return {
    token: options.token ?? 'fake-bot-token.for-tests-only',
    applicationId,
    // Bot users share the application's id on Discord.
    botUserId: applicationId,
    guildId: snowflake(),
    channelId: snowflake(),
    botRoleId: snowflake(),
    botPermissions: options.botPermissions ?? BOT_PERMISSIONS,
    recommendedShards: options.recommendedShards ?? 1,
  };
}

export function botUser(w: World): Record<string, unknown> {
  return { id: w.botUserId, username: 'quadrants', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
}

export function readyPayload(w: World, gatewayUrl: string): Record<string, unknown> {
  return {
    v: 10,
    user: { ...botUser(w), verified: true, mfa_enabled: false },
    guilds: [{ id: w.guildId, unavailable: true }],
    session_id: `session-${snowflake()}`,
    resume_gateway_url: gatewayUrl,
    shard: [0, 1],
    application: { id: w.applicationId, flags: 0 },
    private_channels: [],
  };
}

export function guildCreatePayload(w: World): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: w.guildId,
    name: 'Creator Collective',
    icon: null,
    owner_id: snowflake(),
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: now,
    features: [],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    roles: [
      // @everyone shares the guild id; it has no permissions so the bot's role is what counts.
      { id: w.guildId, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: w.botRoleId, name: 'quadrants', permissions: w.botPermissions.toString(), position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0, tags: { bot_id: w.botUserId } },
    ],
    channels: [{ id: w.channelId, type: 0, guild_id: w.guildId, name: 'creator-stats', position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, parent_id: null }],
    members: [{ user: botUser(w), roles: [w.botRoleId], joined_at: now, deaf: false, mute: false, flags: 0, nick: null, avatar: null }],
  };
}

/** What a test gives to dispatch a `/quadrants <subcommand>` interaction. */
export interface InteractionInput {
  subcommand: string;
  /** Option name → value; numbers become INTEGER (4) options, strings STRING (3). */
  options?: Record<string, string | number>;
  userId?: string;
  username?: string;
  /** Defaults to the seeded guild; `null` dispatches a DM interaction. */
  guildId?: string | null;
  channelId?: string;
  /** Overrides the invoking member's permissions (`member.permissions`); the default lacks Manage Channels. */
  memberPermissions?: bigint;
  /** Options of type CHANNEL (7), with their `resolved.channels` entries: name → channel id. */
  channelOptions?: Record<string, { id: string; guildId: string | null }>;
  /** Overrides the bot's permissions in the channel (`app_permissions`). */
  appPermissions?: bigint;
  commandName?: string;
  /** Dispatches an autocomplete interaction (type 4) with this option focused instead of a command. */
  autocomplete?: string;
  /** Dispatches a button click (type 3) on a stored message instead of a command. */
  component?: { customId: string; messageId: string };
  /** Dispatches a modal submission (type 5) from a stored message's button: text input id → value. */
  modal?: { customId: string; messageId: string; values: Record<string, string> };
}

/** `interaction_metadata` of the messages that answer an interaction (message.interaction_metadata). */
export function interactionMetadata(payload: Record<string, unknown>): Record<string, unknown> {
  const user = ((payload['member'] as { user?: unknown } | undefined)?.user ?? payload['user']) as Record<string, unknown>;
  const guildId = payload['guild_id'] as string | undefined;
  return {
    id: payload['id'],
    type: payload['type'],
    user,
    authorizing_integration_owners: guildId ? { '0': guildId } : { '1': user['id'] },
    ...(payload['type'] === 2 ? { name: `quadrants ${String((payload['data'] as { options?: Array<{ name: string }> }).options?.[0]?.name ?? '')}`.trim(), command_type: 1 } : {}),
  };
}

export function interactionPayload(w: World, input: InteractionInput, ids: { id: string; token: string }): Record<string, unknown> {
  const guildId = input.guildId === undefined ? w.guildId : input.guildId;
  const channelId = input.channelId ?? w.channelId;
  const userId = input.userId ?? '4000000000000000001';
  const user = { id: userId, username: input.username ?? 'analyst', discriminator: '0', global_name: 'Analyst', avatar: null };
  const options: Array<{ name: string; type: number; value: string | number; focused?: boolean }> = Object.entries(input.options ?? {}).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : 3,
    value,
    ...(input.autocomplete === name ? { focused: true } : {}),
  }));
  const channels: Record<string, unknown> = {};
  for (const [name, ch] of Object.entries(input.channelOptions ?? {})) {
    options.push({ name, type: 7, value: ch.id });
    channels[ch.id] = { id: ch.id, type: 0, name: `channel-${ch.id.slice(-4)}`, permissions: '0', ...(ch.guildId ? { guild_id: ch.guildId } : {}) };
  }
  const perms = (input.appPermissions ?? w.botPermissions).toString();
  return {
    id: ids.id,
    application_id: w.applicationId,
    type: input.modal ? 5 : input.component ? 3 : input.autocomplete ? 4 : 2,
    token: ids.token,
    version: 1,
    locale: 'en-US',
    app_permissions: perms,
    entitlements: [],
    context: guildId ? 0 : 1,
    authorizing_integration_owners: { '0': guildId ?? undefined },
    data: input.modal
      ? { custom_id: input.modal.customId, components: Object.entries(input.modal.values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) }
      : input.component ? { component_type: 2, custom_id: input.component.customId } : {
      id: snowflake(),
      name: input.commandName ?? 'quadrants',
      type: 1,
      options: [{ name: input.subcommand, type: 1, options }],
      ...(Object.keys(channels).length > 0 ? { resolved: { channels } } : {}),
    },
    channel_id: channelId,
    channel: guildId
      ? { id: channelId, type: 0, guild_id: guildId, name: 'creator-stats', permissions: perms }
      : { id: channelId, type: 1, recipients: [user] },
    ...(guildId
      ? { guild_id: guildId, guild_locale: 'en-US', member: { user, roles: [], permissions: (input.memberPermissions ?? 2248473465835073n).toString(), joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null } }
      : { user }),
  };
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  flags: number;
  attachments: Array<Record<string, unknown>>;
  /** Interaction token the message belongs to (reply or follow-up), if any. */
  token: string | null;
  /** The nonce the message was sent with (Discord echoes it on recent messages). */
  nonce?: string | null;
  deleted: boolean;
  thread: string | null;
  /** Who wrote it; default the bot user. */
  author?: Record<string, unknown>;
  /** Action rows of buttons under it, as the bot sent them. */
  components?: unknown[];
  /** For a reply to an interaction (or its follow-up): `interaction_metadata`, as Discord includes it. */
  interaction?: Record<string, unknown>;
}

export function messageObject(w: World, m: StoredMessage, guildId: string | null): Record<string, unknown> {
  return {
    id: m.id,
    type: m.token ? 20 : 0,
    channel_id: m.channel_id,
    ...(guildId ? { guild_id: guildId } : {}),
    author: m.author ?? botUser(w),
    content: m.content,
    embeds: m.embeds,
    attachments: m.attachments,
    components: m.components ?? [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: m.flags,
    ...(m.nonce ? { nonce: m.nonce } : {}),
    // A thread started from this message, as Discord includes it.
    ...(m.thread ? { thread: threadObject(w, m.thread, m.channel_id, '') } : {}),
    ...(m.token ? { webhook_id: w.applicationId, application_id: w.applicationId } : {}),
    ...(m.interaction ? { interaction_metadata: m.interaction } : {}),
  };
}

/** A guild text channel as GET /channels/:id returns it. */
export function channelObject(id: string, guildId: string): Record<string, unknown> {
  return { id, type: 0, guild_id: guildId, name: `channel-${id.slice(-4)}`, position: 1, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, parent_id: null };
}

export function threadObject(w: World, threadId: string, parentId: string, name: string): Record<string, unknown> {
  return {
    id: threadId,
    type: 11,
    guild_id: w.guildId,
    parent_id: parentId,
    owner_id: w.botUserId,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
    member: { id: threadId, user_id: w.botUserId, join_timestamp: new Date().toISOString(), flags: 0 },
    total_message_sent: 0,
    flags: 0,
  };
}
