/**
 * One parser for every surface, through the real surfaces: the same words typed in Slack (Bolt
 * against the fake Slack), on the command line (runCli) and in Discord's options (discord.js
 * against the fake Discord) get the same sentence, and none of them reaches TikLiveAPI.
 */
import { cleanEnv, runInProcess } from '../cli/helpers';
import { startWorld as startDiscord, type DiscordWorld } from '../discord/world';
import { startWorld as startSlack, type World as SlackWorld } from '../slack/world';

let slack: SlackWorld;
let discord: DiscordWorld;

beforeAll(async () => {
  slack = await startSlack();
  discord = await startDiscord();
});
afterAll(async () => {
  await slack.close();
  await discord.close();
});

interface Case {
  name: string;
  slack: string;
  cli: string[];
  discord: { subcommand: string; options: Record<string, string | number> };
}

const CASES: Case[] = [
  { name: 'a member mention without a label', slack: 'report <@U0ALICE>', cli: ['report', '<@U0ALICE>'], discord: { subcommand: 'report', options: { creator: '<@123456789012345678>' } } },
  { name: 'a broadcast', slack: 'report <!here>', cli: ['report', '<!here>'], discord: { subcommand: 'report', options: { creator: '<@&123456789012345678>' } } },
  // With escaping on, Slack sends a typed @here as <!here>; the CLI and Discord get the plain words.
  { name: 'a typed @here or @everyone', slack: 'report <!here>', cli: ['report', '@here'], discord: { subcommand: 'report', options: { creator: '@everyone' } } },
];

async function slackSentence(text: string): Promise<string> {
  const ack = await slack.slack.sendSlashCommand({ text });
  const payload = ack.payload as { response_type?: string; text?: string };
  expect(payload.response_type).toBe('ephemeral');
  return String(payload.text).split('\n')[0] as string;
}

async function cliSentence(argv: string[]): Promise<string> {
  const r = await runInProcess(argv, cleanEnv({ TIKLIVEAPI_KEY: slack.api.apiKey, TIKLIVEAPI_BASE_URL: slack.api.url }));
  expect(r.code).toBe(2);
  return r.stderr.trim();
}

async function discordSentence(input: Case['discord']): Promise<string> {
  const { outcome, calls } = await discord.harness.run(input);
  expect(outcome).toBe('invalid');
  return String(calls.find((c) => c.path.endsWith('/callback'))?.body.data.content);
}

it.each(CASES)('$name: Slack, the CLI and Discord refuse it the same way, with 0 requests', async (c) => {
  const before = discord.upstreamRequests();
  const fromSlack = await slackSentence(c.slack);
  expect(fromSlack).toMatch(/not a TikTok creator/);
  expect(await cliSentence(c.cli)).toBe(fromSlack);
  // Discord's own mention forms (a member, a role) get the sentence Slack gives for its own.
  expect(await discordSentence(c.discord)).toBe(fromSlack);
  expect(slack.api.requests).toHaveLength(0);
  expect(discord.upstreamRequests()).toBe(before);
});

// Discord cannot repeat an option (each is named once in the interaction), so Slack and the CLI only.
it('a repeated post count: Slack and the CLI give the one repeat sentence, with 0 requests', async () => {
  const fromSlack = await slackSentence('report @mossy.kitchen 10 20');
  expect(fromSlack).toBe('You gave the number of posts more than once; give it once, for example `posts 20`.');
  expect(await cliSentence(['report', '@mossy.kitchen', '10', '20'])).toBe(fromSlack);
  expect(slack.api.requests).toHaveLength(0);
});
