/**
 * The one parser: Slack text, CLI words and Discord options reach the same verdict, and bad input
 * is refused with one sentence before anything is requested.
 */
import { parseText, parseWords, validate } from '../../src/chat/parse';
import type { RawInput } from '../../src/chat/commands';
import { expectQuadrantsError } from '../helpers/errors';

const badInput = (fn: () => unknown) => expectQuadrantsError(fn, 'BAD_INPUT');
const fromText = (text: string) => validate(parseText(text));

describe('parseText (Slack command text)', () => {
  it('answers help for empty text and for "help"', () => {
    expect(parseText('')).toEqual({ command: 'help' });
    expect(parseText('   ')).toEqual({ command: 'help' });
    expect(parseText('help')).toEqual({ command: 'help' });
  });

  it('reads a creator with the default window and an optional posts count, in every spelling', () => {
    expect(fromText('@mossy.kitchen')).toEqual({ creator: '@mossy.kitchen', posts: 10 });
    expect(fromText('@mossy.kitchen 30')).toEqual({ creator: '@mossy.kitchen', posts: 30 });
    expect(fromText('report mossy.kitchen posts 20')).toEqual({ creator: 'mossy.kitchen', posts: 20 });
    expect(fromText('@mossy.kitchen --posts=5')).toEqual({ creator: '@mossy.kitchen', posts: 5 });
    expect(fromText('@mossy.kitchen --posts 7')).toEqual({ creator: '@mossy.kitchen', posts: 7 });
  });

  it('accepts a profile link wrapped by Slack and a numeric id', () => {
    expect(fromText('<https://www.tiktok.com/@mossy.kitchen?lang=en>')).toMatchObject({ posts: 10 });
    expect(fromText('6912345678901234567')).toEqual({ creator: '6912345678901234567', posts: 10 });
  });

  it('takes the handle from a Slack member mention that carries it, and refuses one that does not', () => {
    expect(fromText('<@U0123ABCD|mossy.kitchen>')).toEqual({ creator: '@mossy.kitchen', posts: 10 });
    expect(badInput(() => parseText('<@U0123ABCD>')).userMessage).toMatch(/not a TikTok creator/);
    expect(badInput(() => parseText('<!here>')).userMessage).toMatch(/chat mention/);
    expect(badInput(() => parseText('<!subteam^S123|@team>')).userMessage).toMatch(/chat mention/);
  });

  it('accepts only plain decimal post counts in range, and names the real problem', () => {
    for (const bad of ['50', '4', '0x10', '1e1', '-5', '１０', '10.0']) {
      expect(badInput(() => fromText(`@a.b posts ${bad}`)).userMessage).toMatch(/whole number from 5 to 35/);
    }
    expect(badInput(() => fromText('@a.b --posts -5')).userMessage).toContain('“-5” is not');
    expect(badInput(() => parseText('@a.b posts')).userMessage).toMatch(/how many posts/);
  });

  it('refuses unknown flags by name instead of ignoring them', () => {
    expect(badInput(() => parseText('@a.b --chek')).userMessage).toContain('“--chek” is not an option of report');
    expect(badInput(() => parseText('post --x https://www.tiktok.com/@a.b/video/7398700011122233344')).userMessage).toContain('“--x”');
  });

  it('refuses handles TikTok cannot have before any request', () => {
    badInput(() => fromText('@bad!name'));
    badInput(() => fromText('report @a @b'));
    badInput(() => fromText('@ab<script>'));
  });

  it('parses compare with two to five distinct creators', () => {
    expect(fromText('compare @a.one @b.two 15')).toEqual({ creators: ['@a.one', '@b.two'], posts: 15 });
    badInput(() => fromText('compare @a.one'));
    badInput(() => fromText('compare @a1 @a2 @a3 @a4 @a5 @a6'));
    expect(badInput(() => fromText('compare @a.one @A.ONE')).userMessage).toBe('You gave @a.one more than once; give each creator once, for example compare @a @b.');
    expect(badInput(() => fromText('compare @mossy.kitchen https://www.tiktok.com/@mossy.kitchen')).userMessage).toMatch(/^You gave @mossy\.kitchen more than once/);
  });

  it('parses post with a Slack-wrapped video link', () => {
    expect(fromText('post <https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344>')).toEqual({ url: 'https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344' });
    badInput(() => fromText('post https://example.com/video/1'));
  });

  it('parses subscription commands with an optional channel', () => {
    expect(fromText('subscribe @mossy.kitchen <#C0123ABCD|social> posts 20')).toEqual({ creator: '@mossy.kitchen', channel: '<#C0123ABCD|social>', posts: 20, schedule: {} });
    expect(fromText('unsubscribe @mossy.kitchen')).toEqual({ creator: '@mossy.kitchen', channel: null });
    expect(fromText('pause @mossy.kitchen <#C0123|general>')).toEqual({ creator: '@mossy.kitchen', channel: '<#C0123|general>' });
    expect(fromText('resume 6812345678901234567')).toEqual({ creator: '6812345678901234567', channel: null });
    expect(parseText('pause @mossy.kitchen').command).toBe('pause');
    expect(fromText('subscriptions')).toEqual({});
    expect(fromText('digest @mossy.kitchen')).toEqual({ creator: '@mossy.kitchen' });
    badInput(() => fromText('subscribe #social'));
    badInput(() => fromText('subscriptions @x.y'));
  });
});

describe('subscribe schedule options', () => {
  const schedule = (text: string) => (fromText(`subscribe @mossy.kitchen ${text}`) as { schedule: unknown }).schedule;
  const refusal = (text: string) => badInput(() => fromText(`subscribe @mossy.kitchen ${text}`)).userMessage;

  it('reads cadence, day, time and zone in any order, with the channel and posts', () => {
    expect(fromText('subscribe @mossy.kitchen <#C0123ABCD|social> weekly on friday at 17:30 tz America/New_York posts 12')).toEqual({
      creator: '@mossy.kitchen',
      channel: '<#C0123ABCD|social>',
      posts: 12,
      schedule: { cadence: 'weekly', day: 5, hour: 17, minute: 30, timezone: 'America/New_York' },
    });
    expect(schedule('tz=Europe/Berlin at 9:05 monthly on 15')).toEqual({ cadence: 'monthly', day: 15, hour: 9, minute: 5, timezone: 'Europe/Berlin' });
    expect(schedule('--on 28')).toEqual({ cadence: 'monthly', day: 28 });
  });

  it('infers the cadence from the day: a weekday means weekly, a number monthly', () => {
    expect(schedule('on Sun')).toEqual({ cadence: 'weekly', day: 0 });
    expect(schedule('on 3')).toEqual({ cadence: 'monthly', day: 3 });
    expect(schedule('weekly')).toEqual({ cadence: 'weekly' });
  });

  it('does not read the day after `on` as a post count', () => {
    expect(fromText('subscribe @mossy.kitchen on 20 posts 15')).toMatchObject({ posts: 15, schedule: { day: 20 } });
  });

  it.each([
    ['on 29', /1 to 28.*“29”.*on 15/],
    ['on 0', /“0”/],
    ['weekly on 15', /weekly digest runs on a weekday; “15”.*weekly on friday/],
    ['monthly on friday', /monthly digest.*“friday”.*monthly on 15/],
    ['on someday', /“someday” is neither.*on 15 or on friday/],
    ['at 24:00', /time “24:00” is not a 24-hour time.*at 09:30/],
    ['at 9am', /“9am”/],
    ['tz Mars/Olympus', /time zone “Mars\/Olympus” is not an IANA zone name.*Europe\/Berlin/],
    ['tz +02:00', /“\+02:00”/],
    ['on', /after `on`.*on 15/],
    ['at 09:00 at 10:00', /^You gave `at` more than once; give it once, for example `at 09:30`\.$/],
    ['weekly monthly', /^You gave the cadence \(weekly or monthly\) more than once; give it once, for example `weekly`\.$/],
  ])('refuses %s with one sentence naming the bad part', (text, pattern) => {
    expect(refusal(text)).toMatch(pattern);
  });

  it('keeps unsubscribe free of schedule keywords', () => {
    badInput(() => fromText('unsubscribe @mossy.kitchen weekly'));
  });
});

describe('one verdict on every surface', () => {
  const discordRaw = (raw: RawInput) => validate(raw);
  const cases: Array<{ text: string; argv: string[]; discord: RawInput }> = [
    { text: 'report @mossy.kitchen posts 20', argv: ['report', '@mossy.kitchen', '--posts', '20'], discord: { command: 'report', creator: '@mossy.kitchen', posts: '20' } },
    { text: 'compare @a.one @b.two', argv: ['compare', '@a.one', '@b.two'], discord: { command: 'compare', creators: ['@a.one', '@b.two'] } },
    { text: 'compare @x.y https://www.tiktok.com/@x.y', argv: ['compare', '@x.y', 'https://www.tiktok.com/@x.y'], discord: { command: 'compare', creators: ['@x.y', 'https://www.tiktok.com/@x.y'] } },
    { text: 'report @a.b posts 99', argv: ['report', '@a.b', '--posts=99'], discord: { command: 'report', creator: '@a.b', posts: '99' } },
    { text: 'report bad!', argv: ['report', 'bad!'], discord: { command: 'report', creator: 'bad!' } },
    { text: 'subscribe @a.b weekly on monday at 08:15 tz Europe/Paris', argv: ['subscribe', '@a.b', 'weekly', 'on', 'monday', 'at', '08:15', 'tz', 'Europe/Paris'], discord: { command: 'subscribe', creator: '@a.b', channel: null, cadence: 'weekly', on: 'monday', at: '08:15', tz: 'Europe/Paris' } },
    { text: 'subscribe @a.b tz Nowhere/City', argv: ['subscribe', '@a.b', 'tz', 'Nowhere/City'], discord: { command: 'subscribe', creator: '@a.b', channel: null, tz: 'Nowhere/City' } },
  ];

  it.each(cases)('$text', ({ text, argv, discord }) => {
    const verdict = (fn: () => unknown) => {
      try {
        return { ok: fn() };
      } catch (err) {
        return { error: (err as { userMessage?: string }).userMessage };
      }
    };
    const slack = verdict(() => validate(parseText(text)));
    expect(verdict(() => validate(parseWords(argv)))).toEqual(slack);
    expect(verdict(() => discordRaw(discord))).toEqual(slack);
  });
});

describe('help <command>', () => {
  it('reads one command name, in any case, as the topic', () => {
    expect(fromText('help compare')).toEqual({ topic: 'compare' });
    expect(fromText('HELP Subscribe')).toEqual({ topic: 'subscribe' });
    expect(fromText('help')).toEqual({});
  });

  it('refuses an unknown command or two of them with one sentence, echoing the input safely', () => {
    expect(badInput(() => fromText('help repotr')).userMessage).toBe('“repotr” is not a quadrants command; run help for the list.');
    expect(badInput(() => fromText('help <!here>')).userMessage).toMatch(/chat mention/);
    expect(badInput(() => fromText('help report compare')).userMessage).toBe('Give one command to explain, for example `help compare`.');
  });
});
