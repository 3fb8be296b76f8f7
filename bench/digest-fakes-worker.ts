/**
 * The platforms of the HTTP digest bench, in a process of their own: the fake TikLiveAPI (750 ms
 * per answer, billing each posts page), the fake Slack and the fake Discord, each message post
 * taking `postLatencyMs` as a real platform's round trip does. Kept out of the bot's process so its
 * peak RSS is the bot's alone, as in production.
 * Started with IPC: sends `{ ready, ... }` once listening, answers `'billed'` with the credits the
 * fake TikLiveAPI billed, and closes everything on `'close'`.
 */
import { startFakeDiscord } from '../test/fakes/discord';
import { startFakeSlack } from '../test/fakes/slack';
import { rawVideos, startFakeTikLiveApi } from '../test/fakes/tikliveapi';

/** What the bot's side needs to reach the fakes. */
export interface DigestFakes {
  ready: true;
  apiKey: string;
  tikliveapiUrl: string;
  slackApiUrl: string;
  slackBotToken: string;
  discordApiUrl: string;
  discordToken: string;
  guildId: string;
  discordChannels: string[];
}

interface Setup {
  creators: number;
  creatorBase: string;
  discordChannels: number;
  latencyMs: number;
  postLatencyMs: number;
  apiKey: string;
}

async function serve(): Promise<void> {
  const setup = JSON.parse(process.env.DIGEST_FAKES ?? '{}') as Setup;
  const api = await startFakeTikLiveApi({ apiKey: setup.apiKey, latencyMs: setup.latencyMs });
  for (let c = 0; c < setup.creators; c += 1) api.addCreator({ username: `creator${c}`, userid: (BigInt(setup.creatorBase) + BigInt(c)).toString(), videos: rawVideos(30) });
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  slack.posts.latencyMs = setup.postLatencyMs;
  discord.posts.latencyMs = setup.postLatencyMs;
  const discordChannels = Array.from({ length: setup.discordChannels }, () => discord.addChannel());
  process.on('message', (m: string) => {
    if (m === 'billed') process.send?.({ billed: api.billed(), slackPostPeak: slack.posts.peak, discordPostPeak: discord.posts.peak });
    if (m === 'close') void Promise.all([slack.close(), discord.close(), api.close()]).finally(() => process.exit(0));
  });
  const ready: DigestFakes = {
    ready: true,
    apiKey: setup.apiKey,
    tikliveapiUrl: api.url,
    slackApiUrl: slack.apiUrl,
    slackBotToken: slack.botToken,
    discordApiUrl: discord.apiUrl,
    discordToken: discord.token,
    guildId: discord.guildId,
    discordChannels,
  };
  process.send?.(ready);
}

if (process.env.DIGEST_FAKES) void serve();
