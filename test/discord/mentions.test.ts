/**
 * A creator option on Discord is read by the same parser as Slack text and CLI words: a member
 * mention picked from Discord's suggestions (`<@1234…>`), a role or any bracketed text is refused
 * with one ephemeral sentence before deferring, and TikLiveAPI is never asked.
 */
import { MessageFlags } from 'discord.js';
import { parseText, validate } from '../../src/chat/parse';
import type { RecordedCall } from '../fakes/discord';
import { startWorld, type DiscordWorld } from './world';

const EPHEMERAL = MessageFlags.Ephemeral as number;
let world: DiscordWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

const callback = (calls: RecordedCall[]) => calls.find((c) => c.path.endsWith('/callback'));

it.each(['<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<@U0ALICE>', '<script>', '<#123456789012345678>'])(
  'refuses %s as the creator with one ephemeral sentence and 0 requests to TikLiveAPI',
  async (creator) => {
    const before = world.upstreamRequests();
    const { outcome, calls } = await world.harness.run({ subcommand: 'report', options: { creator, posts: 10 } });
    expect(outcome).toBe('invalid');
    expect(calls).toHaveLength(1);
    expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const sentence = String(callback(calls)?.body.data.content);
    expect(sentence).toMatch(/not a TikTok (creator|handle)/);
    expect(world.upstreamRequests()).toBe(before);
  },
);

it('gives the sentence Slack gives for the same mention', async () => {
  const slack = (() => {
    try {
      validate(parseText('report <@U0ALICE>'));
      return null;
    } catch (err) {
      return (err as { userMessage: string }).userMessage;
    }
  })();
  const { calls } = await world.harness.run({ subcommand: 'report', options: { creator: '<@123456789012345678>', posts: 10 } });
  expect(String(callback(calls)?.body.data.content)).toBe(slack);
});

describe('the creators option of compare is read as Slack reads its text', () => {
  it('a bare number among the creators is the post count, not a creator named "12"', async () => {
    world.addCreator('rowan.lifts', []);
    const { outcome, calls } = await world.harness.run({ subcommand: 'compare', options: { creators: '@mossy.kitchen @rowan.lifts 12' } });
    expect(outcome).toBe('delivered');
    const edit = calls.find((c) => c.method === 'PATCH' && c.body?.embeds);
    expect(JSON.stringify(edit?.body.embeds)).toContain('Compare @mossy.kitchen vs @rowan.lifts');
    expect(JSON.stringify(edit?.body.embeds)).toContain('12 posts');
  });

  it.each([
    [{ creators: '@mossy.kitchen @rowan.lifts 12', posts: 20 }, 'You gave the number of posts more than once; give it once, for example `posts 20`.'],
    [{ creators: '@mossy.kitchen <@123456789012345678>' }, /not a TikTok creator/],
  ])('%j is refused with one ephemeral sentence and 0 requests', async (options, sentence) => {
    const before = world.upstreamRequests();
    const { outcome, calls } = await world.harness.run({ subcommand: 'compare', options });
    expect(outcome).toBe('invalid');
    expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    // What a member reads: Discord markdown escapes shown as the characters they stand for.
    const read = String(callback(calls)?.body.data.content).replace(/\\(.)/g, '$1');
    if (typeof sentence === 'string') expect(read).toBe(sentence);
    else expect(read).toMatch(sentence);
    expect(world.upstreamRequests()).toBe(before);
  });
});
