/**
 * The pictures of an alert and a trend as Slack and Discord show them (docs/alert-slack.png,
 * docs/alert-discord.png, docs/trend-slack.png, docs/trend-discord.png). The bot posts to the fake
 * platforms through its real renderers and clients (the alert through the watch check itself);
 * the picture is drawn from what each fake holds, read as its client reads it. Every run draws
 * them and checks what was drawn; `WRITE_DOCS_PICTURES=1 npx jest test/docs/message-pictures`
 * writes them to docs/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST, Routes } from 'discord.js';
import { webApi } from '@slack/bolt';
import { createDiscordDigestDelivery } from '../../adapters/discord/digest';
import { embedsWithPictures } from '../../adapters/discord/pictures';
import { createSlackDigestDelivery } from '../../adapters/slack/digest';
import { renderCard } from '../../adapters/slack/render';
import { trendReply } from '../../src/chat/actions/trend';
import type { ChartTools } from '../../src/chat/chart-delivery';
import type { RunContext } from '../../src/chat/types';
import { renderLocalPng } from '../../src/chart/local';
import { sampleTrendSnapshots } from '../../src/chart/samples';
import type { ChartConfig } from '../../src/chart/types';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store';
import { runDueWatches } from '../../src/watch/runner';
import { createDigestService, post } from '../fakes/digest-service';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { discordPieces, drawMessage, slackPieces, type Piece } from './message-pictures';

const AT = '2026-12-07T06:00:00Z';
const now = Date.parse(AT) / 1000;
const DAY = 86_400;
const write = process.env.WRITE_DOCS_PICTURES === '1';

let slack: FakeSlack;
let discord: FakeDiscord;
let channel: string;
beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  channel = discord.addChannel();
});
afterAll(async () => {
  await slack.close();
  await discord.close();
});

/** Charts by link (as with hosted QuickChart); each link's picture drawn in process for the picture. */
function linkCharts(): { tools: ChartTools; pngFor: (url: string) => Buffer | undefined } {
  const configs = new Map<string, ChartConfig>();
  const tools: ChartTools = {
    charts: {
      url: (config) => {
        const url = `https://quickchart.io/chart/render/sample-${configs.size + 1}`;
        configs.set(url, config);
        return url;
      },
      png: async (config) => renderLocalPng(config),
    },
    chartDelivery: () => 'url',
  };
  return { tools, pngFor: (url) => (configs.has(url) ? renderLocalPng(configs.get(url) as ChartConfig) : undefined) };
}

/** Every word drawn, in order (what the assertions read). */
const words = (pieces: Piece[]): string =>
  pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'embed' ? words(p.pieces) : p.kind === 'fields' ? p.fields.map((f) => `${f.label} ${f.value}`).join('\n') : '[image]')).join('\n');

async function picture(name: string, platform: 'slack' | 'discord', pieces: Piece[], time: string): Promise<Buffer> {
  const png = await drawMessage(platform, pieces, time);
  if (write) writeFileSync(join(__dirname, '..', '..', 'docs', name), png);
  return png;
}

test('a template alert, as Slack and Discord draw it after the daily check posted it', async () => {
  const store = openStore(':memory:');
  const posts = Array.from({ length: 9 }, (_, i) => post(String(7_431_702_316_448_781_700 + i), now - (i + 2) * DAY, { views: 40_000 + i * 3_000, downloads: 3 + (i % 4) }));
  const template = { ...post('7431702316448781625', now - 2 * 3_600 - DAY, { views: 271_313, downloads: 2_008 }), title: 'Sourdough discard crackers, three ways' };
  const service = createDigestService({ creators: [{ username: 'mossy.kitchen', userid: '1001', posts: [template, ...posts] }] });
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const at = new Date('2026-12-01T09:00:00Z');
  await store.saveWatch({ platform: 'slack', workspaceId: slack.teamId, channelId: 'C0MARKETING', creatorUserid: '1001', creatorUsername: 'mossy.kitchen', createdBy: 'U1' }, at);
  await store.saveWatch({ platform: 'discord', workspaceId: discord.guildId, channelId: channel, creatorUserid: '1001', creatorUsername: 'mossy.kitchen', createdBy: '1' }, at);
  const deliveries = [createSlackDigestDelivery({ client, logger: silentLogger }), createDiscordDigestDelivery({ rest, logger: silentLogger, token: discord.token })];
  expect(await runDueWatches({ store, service, deliveries, now: () => new Date(AT) })).toMatchObject({ alerts: 2 });
  await store.close();

  const slackAlert = slackPieces(slack.messages.find((m) => m.channel === 'C0MARKETING') as Record<string, unknown>, () => undefined);
  const discordAlert = discordPieces(discord.visibleMessages(channel)[0] as unknown as Record<string, unknown>, () => undefined);
  for (const pieces of [slackAlert, discordAlert]) {
    const seen = words(pieces).replace(/\u200b/g, '');
    expect(seen).toContain('Template alert: @mossy.kitchen');
    expect(seen).toContain('Post #1 “Sourdough discard crackers, three ways”');
    expect(seen).toContain('271,313');
    expect(seen).toContain('0.74% (2,008 downloads)');
    expect(seen).toContain('What it means: other creators are likely reusing it; expect derivative content within the week.');
    expect(pieces.some((p) => p.kind === 'text' && p.links.some((l) => l.text === 'Post #1'))).toBe(true);
  }
  expect((await picture('alert-slack.png', 'slack', slackAlert, '6:00 AM')).length).toBeGreaterThan(5_000);
  expect((await picture('alert-discord.png', 'discord', discordAlert, 'Today at 6:00 AM')).length).toBeGreaterThan(5_000);
});

test('a trend, as Slack and Discord draw it with its two charts', async () => {
  const snapshotsFor = (platform: 'slack' | 'discord', workspaceId: string) => sampleTrendSnapshots({ platform, workspaceId });
  const answer = async (platform: 'slack' | 'discord', workspaceId: string, tools: ChartTools) => {
    const ctx = {
      actor: { surface: platform, workspaceId, channelId: 'C1', userId: 'U1', canManage: false },
      service: tools,
      snapshots: { saveCreatorSnapshot: async () => undefined, creatorSnapshots: async () => snapshotsFor(platform, workspaceId) },
      now: () => new Date('2026-12-20T09:00:00Z'),
    } as unknown as RunContext;
    return trendReply('@mossy.kitchen', ctx);
  };
  const onSlack = linkCharts();
  const slackReply = await answer('slack', slack.teamId, onSlack.tools);
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
  await client.chat.postMessage({ channel: 'C0TREND', ...renderCard(slackReply.card), unfurl_links: false, unfurl_media: false });
  const slackTrend = slackPieces(slack.messages.find((m) => m.channel === 'C0TREND') as Record<string, unknown>, onSlack.pngFor);

  const onDiscord = linkCharts();
  const discordReply = await answer('discord', discord.guildId, onDiscord.tools);
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const trendChannel = discord.addChannel();
  const { embeds } = await embedsWithPictures(discordReply.card, silentLogger);
  await rest.post(Routes.channelMessages(trendChannel), { body: { embeds, allowed_mentions: { parse: [] } } });
  const discordTrend = discordPieces(discord.visibleMessages(trendChannel)[0] as unknown as Record<string, unknown>, onDiscord.pngFor);

  for (const pieces of [slackTrend, discordTrend]) {
    const seen = words(pieces);
    expect(seen).toContain('@mossy.kitchen: medians by month');
    expect(seen).toContain('2026-10: no report that month (a gap)');
    expect(seen.match(/\[image\]/g)).toHaveLength(2);
  }
  expect((await picture('trend-slack.png', 'slack', slackTrend, '9:00 AM')).length).toBeGreaterThan(20_000);
  expect((await picture('trend-discord.png', 'discord', discordTrend, 'Today at 9:00 AM')).length).toBeGreaterThan(20_000);
});
