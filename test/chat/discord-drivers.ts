/**
 * Discord and the command line under the conversation contract (./conversations.contract.ts).
 * Discord: the real adapter (real discord.js) against the fake Discord, the real service on the
 * fake TikLiveAPI, budgets and subscriptions in a real SQLite store; one driver per way a turn
 * arrives (typed, a click or form under a result, a click on the ephemeral list). The command
 * line: runCli in process, stdout as what everyone would see, stderr as what only the operator does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { WorkspaceBudget } from '../../src/budget/budget';
import { encodeTarget } from '../../src/chat/buttons';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { silentLogger } from '../../src/log';
import { createQuadrantsService } from '../../src/service';
import { openStore } from '../../src/store';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { cleanEnv, runInProcess } from '../cli/helpers';
import { startHarness } from '../discord/harness';
import type { InteractionInput, StoredMessage } from '../fakes/discord';
import { discordView } from '../fakes/discord-view';
import { startFakeQuickChart } from '../fakes/quickchart';
import { rawVideos, startFakeTikLiveApi } from '../fakes/tikliveapi';
import type { ConversationDriver, Seen, SeenMessage } from './conversations.contract';
import { NOT_FOUND } from './slack-drivers';

export type DiscordWay = 'typed' | 'click/form' | 'list';

const EPHEMERAL = 64;
const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel;

/** What a member reads of a message: its content and every embed's title, description and fields. */
function textOf(m: StoredMessage): string {
  const embeds = m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
  const parts = [m.content, ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
  return parts.filter(Boolean).map((p) => discordView(p).text).join('\n');
}

export async function discordDriver(way: DiscordWay): Promise<ConversationDriver> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-conversation-discord-'));
  const store = openStore(join(dir, 'q.db'));
  const api = await startFakeTikLiveApi();
  const qc = await startFakeQuickChart();
  api.addCreator({ username: 'mossy.kitchen', userid: '6912345678901234567', videos: rawVideos(12) });
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: 0, maxAttempts: 1, retryBaseMs: 1 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: qc.url, quickchartPlugins: true, logger: silentLogger });
  const budget = new WorkspaceBudget({ store, limit: 1 });
  const h = await startHarness(service, { budget, subscriptions: createSubscriptionService({ store, service }) });
  const { discord } = h;
  const guild = discord.guildId;

  /** Runs one interaction and reads what changed: messages new or edited since, by who may see them. */
  async function turn(input: InteractionInput): Promise<Seen> {
    const before = new Map([...discord.messages].map(([id, m]) => [id, JSON.stringify(m)]));
    const upstream = api.requests.length;
    const r = await h.run(input);
    // A click's message redrawn in place counts even when it reads as before (the list's same page).
    const clicked = input.component?.messageId ?? input.modal?.messageId;
    const redrawn = clicked !== undefined && r.calls.some((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    const changed = [...discord.messages.values()].filter((m) => !m.deleted && (before.get(m.id) !== JSON.stringify(m) || (redrawn && m.id === clicked)));
    const shown = (m: StoredMessage): SeenMessage => ({ text: textOf(m), id: m.id, thread: m.channel_id === discord.channelId ? null : m.channel_id });
    return {
      acknowledged: r.calls.some((c) => c.method === 'POST' && c.path.endsWith('/callback')),
      public: changed.filter((m) => (m.flags & EPHEMERAL) === 0).map(shown),
      private: changed.filter((m) => (m.flags & EPHEMERAL) !== 0).map(textOf),
      upstream: api.requests.length - upstream,
    };
  }

  const report = (creator: string) => encodeTarget(guild, { command: 'report', creator, posts: 10 });
  const spend = () => budget.record({ platform: 'discord', workspaceId: guild }, 1);
  const close = async () => {
    await h.close();
    await source.close();
    await Promise.all([api.close(), qc.close()]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };

  if (way === 'typed') {
    const typed = (creator: string) => turn({ subcommand: 'report', options: { creator } });
    return {
      publicResult: () => typed('@mossy.kitchen'),
      failure: () => typed('@nobody.here'),
      failureText: NOT_FOUND,
      privateAnswer: () => turn({ subcommand: 'usage' }),
      privateText: /API credits/,
      overBudget: async () => (await spend(), typed('@mossy.kitchen')),
      close,
    };
  }
  if (way === 'click/form') {
    const result = discord.addMessage(discord.channelId, { content: 'a report' });
    const refresh = (creator: string) => turn({ subcommand: 'report', component: { customId: `quadrants:refresh|${report(creator)}`, messageId: result.id } });
    return {
      publicResult: () => refresh('@mossy.kitchen'),
      failure: () => refresh('@nobody.here'),
      failureText: NOT_FOUND,
      // A form submitted by a member who may not change digests: refused only to them.
      privateAnswer: () => turn({ subcommand: 'report', modal: { customId: `quadrants:subscribe|${report('@mossy.kitchen')}`, messageId: result.id, values: { cadence: 'weekly' } } }),
      privateText: /Changing digest subscriptions needs/,
      overBudget: async () => (await spend(), refresh('@mossy.kitchen')),
      close,
    };
  }
  // The list of subscriptions: the ephemeral answer to `/quadrants subscriptions`.
  const opened = await h.run({ subcommand: 'subscriptions', memberPermissions: MANAGER });
  const list = [...discord.messages.values()].find((m) => m.token === opened.token) as StoredMessage;
  const click = (actionId: string, value: string) => turn({ subcommand: 'subscriptions', component: { customId: `${actionId}|${value}`, messageId: list.id }, memberPermissions: MANAGER });
  return {
    failure: () => click('quadrants:pause', encodeTarget(guild, { command: 'subscription', channel: discord.channelId, creator: '6912345678901234567', page: 0 })),
    failureText: /This channel has no digest for that creator/,
    privateAnswer: () => click('quadrants:page', encodeTarget(guild, { command: 'subscriptions', page: 0 })),
    privateText: /digest/i,
    close,
  };
}

/** The command line: one block of stdout is the result, the rest of it is what sits below. */
export async function cliDriver(): Promise<ConversationDriver> {
  const api = await startFakeTikLiveApi();
  const qc = await startFakeQuickChart();
  api.addCreator({ username: 'mossy.kitchen', userid: '6912345678901234567', videos: rawVideos(12) });
  const env = cleanEnv({ TIKLIVEAPI_KEY: api.apiKey, TIKLIVEAPI_BASE_URL: api.url, QUICKCHART_BASE_URL: qc.url, QUICKCHART_PLUGINS: 'true' });
  const run = async (argv: string[]): Promise<Seen> => {
    const upstream = api.requests.length;
    const { stdout, stderr } = await runInProcess(argv, env);
    const [card = '', ...below] = stdout.split(/\n(?=Per-post breakdown)/).filter((t) => t.trim() !== '');
    return {
      acknowledged: true,
      public: stdout ? [{ text: card, id: 'result', thread: null }, ...below.map((text, i) => ({ text, id: `below-${i}`, thread: 'result' }))] : [],
      private: stderr ? [stderr.trim()] : [],
      upstream: api.requests.length - upstream,
    };
  };
  return {
    publicResult: () => run(['report', '@mossy.kitchen']),
    failure: () => run(['report', '@nobody.here']),
    failureText: NOT_FOUND,
    close: async () => Promise.all([api.close(), qc.close()]).then(() => undefined),
  };
}
