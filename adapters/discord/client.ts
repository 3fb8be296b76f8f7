/**
 * The Discord adapter: a discord.js Client with only the Guilds intent, mentions off by default,
 * and `/quadrants` routed to its handler. DISCORD_API_URL (apiUrl) becomes discord.js `rest.api`;
 * discord.js also asks that base for the gateway address, so the whole client can point at a fake.
 */
import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from 'discord.js';
import { discordLoginError } from '../../src/config/start-checks';
import { registerSecret, type Logger } from '../../src/log';
import type { DigestDelivery } from '../../src/digest/types';
import { adapterDeps, TurnsInFlight, type ChatAdapterOptions } from '../../src/chat/adapter-options';
import { AckGate } from '../../src/chat/ack-gate';
import { answerAutocomplete } from './autocomplete';
import { clickEvent, formEvent } from './buttons';
import { discordClickSurface } from './click-surface';
import type { Outcome } from '../../src/chat/pipeline';
import { runTurn } from '../../src/chat/turn';
import { COMMAND_NAME, rawInputOf } from './commands';
import { discordConversation } from './conversation';
import { createDiscordDigestDelivery } from './digest';
import { createDiscordHttp } from './http';
import { resolveShards, shardOptions } from './shards';
import { DISCORD } from '../../src/platforms';

export interface DiscordAdapterOptions extends ChatAdapterOptions {
  token: string;
  applicationId: string;
  /** REST base for discord.js (`rest.api`), e.g. http://127.0.0.1:PORT/api. Default Discord's. */
  apiUrl?: string;
  /** DISCORD_SHARD_COUNT; absent: the count Discord recommends. */
  shardCount?: number;
  /** DISCORD_SHARD_IDS: the shards this process runs; absent: all of them. */
  shardIds?: readonly number[];
}

export interface DiscordAdapter {
  client: Client;
  /** Logs in and resolves once the client is ready (guilds received). */
  start(): Promise<void>;
  /** Waits for interactions in flight, then disconnects. */
  stop(): Promise<void>;
  connected(): boolean;
  /** Resolves when every interaction received so far has been handled. */
  whenIdle(): Promise<void>;
  /** Observes each handled interaction (tests, the benchmark). */
  onHandled(listener: (outcome: Outcome, interactionId: string) => void): void;
  /** Posts digests through this client's REST (and so the adapter's own undici Agent). */
  digestDelivery: DigestDelivery;
}

/** Builds the adapter; nothing connects until start(). */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  registerSecret(options.token);
  const log = options.logger.child({ adapter: DISCORD });
  const http = createDiscordHttp();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Client-wide default; every send also passes it explicitly.
    allowedMentions: { parse: [] },
    rest: { makeRequest: http.makeRequest, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
    ...(shardOptions(options) satisfies Partial<ClientOptions>),
  });
  const turns = new TurnsInFlight((err) => log.error('discord.handler.crashed', { error: err }));
  // Set now, not only at login, so digests can be posted by a process that never opens the gateway.
  client.rest.setToken(options.token);
  const digestDelivery = createDiscordDigestDelivery({ client, logger: log, charts: options.service, token: options.token });
  const gate = new AckGate();
  const deps = adapterDeps(options, log);

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) return void answerAutocomplete(interaction, deps.subscriptions, log);
    const logged = log.child({ interaction: interaction.id });
    if (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage())) {
      const event = interaction.isButton() ? clickEvent(interaction) : formEvent(interaction);
      turns.add(interaction.id, runTurn(event, discordClickSurface(interaction, event.origin, gate, logged), { ...deps, logger: logged }));
    } else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      turns.add(interaction.id, runTurn({ type: 'command', parse: () => rawInputOf(interaction) }, discordConversation(interaction, gate, logged), deps));
    }
  });
  client.on(Events.Error, (err) => log.error('discord.client.error', { error: err }));
  client.on(Events.Warn, (message) => log.warn('discord.client.warn', { message }));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn('discord.shard.disconnected', { code: event.code, shard }));
  client.rest.on(RESTEvents.RateLimited, (info) => log.warn('discord.rest.rate_limited', { route: info.route, retryAfterMs: info.retryAfter, global: info.global }));

  let stopping: Promise<void> | undefined;
  const whenIdle = () => turns.whenIdle();

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      // Ids without a count run against the count Discord recommends, asked for here.
      await resolveShards(client, options);
      try {
        await client.login(options.token);
      } catch (err) {
        throw discordLoginError(err);
      }
      await ready;
      log.info('discord.ready', {
        user: client.user?.id,
        guilds: client.guilds.cache.size,
        applicationId: options.applicationId,
        shards: client.options.shards,
        shardCount: client.options.shardCount,
      });
    },
    stop() {
      // Idempotent: shutdown paths may call it more than once.
      stopping ??= (async () => {
        await whenIdle();
        await client.destroy();
        await http.close();
        log.info('discord.stopped');
      })();
      return stopping;
    },
    connected: () => client.isReady(),
    digestDelivery,
    whenIdle,
    onHandled: (listener) => turns.onHandled(listener),
  };
}
