import { commandFromOptions, helpText, parseCommandText, usageReply } from '../../src/commands/parse';
import { expectQuadrantsError } from '../helpers/errors';

const badInput = (fn: () => unknown) => expectQuadrantsError(fn, 'BAD_INPUT');

describe('parseCommandText (Slack text)', () => {
  it('answers help for empty text and for "help"', () => {
    expect(parseCommandText('')).toEqual({ kind: 'help' });
    expect(parseCommandText('   ')).toEqual({ kind: 'help' });
    expect(parseCommandText('help')).toEqual({ kind: 'help' });
  });

  it('reads a creator with the default window and an optional posts count', () => {
    expect(parseCommandText('@mossy.kitchen')).toEqual({ kind: 'report', creator: '@mossy.kitchen', posts: 10 });
    expect(parseCommandText('@mossy.kitchen 30')).toEqual({ kind: 'report', creator: '@mossy.kitchen', posts: 30 });
    expect(parseCommandText('report mossy.kitchen posts 20')).toEqual({ kind: 'report', creator: 'mossy.kitchen', posts: 20 });
    expect(parseCommandText('@mossy.kitchen --posts=5')).toEqual({ kind: 'report', creator: '@mossy.kitchen', posts: 5 });
  });

  it('accepts a profile link wrapped by Slack and a numeric id', () => {
    expect(parseCommandText('<https://www.tiktok.com/@mossy.kitchen?lang=en>')).toMatchObject({ kind: 'report' });
    expect(parseCommandText('6912345678901234567')).toEqual({ kind: 'report', creator: '6912345678901234567', posts: 10 });
  });

  it('refuses a posts count outside 5-35 with a sentence naming the range', () => {
    expect(badInput(() => parseCommandText('@a.b 50')).userMessage).toMatch(/5 to 35/);
    expect(badInput(() => parseCommandText('@a.b 4')).userMessage).toMatch(/5 to 35/);
  });

  it('refuses handles TikTok cannot have before any request', () => {
    badInput(() => parseCommandText('@bad!name'));
    badInput(() => parseCommandText('report @a @b'));
    badInput(() => parseCommandText('<!channel>'));
  });

  it('parses compare with two to five distinct creators', () => {
    expect(parseCommandText('compare @a.one @b.two 15')).toEqual({ kind: 'compare', creators: ['@a.one', '@b.two'], posts: 15 });
    badInput(() => parseCommandText('compare @a.one'));
    badInput(() => parseCommandText('compare @a1 @a2 @a3 @a4 @a5 @a6'));
    badInput(() => parseCommandText('compare @a.one @A.ONE'));
  });

  it('parses post with a Slack-wrapped video link', () => {
    const cmd = parseCommandText('post <https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344>');
    expect(cmd.kind).toBe('post');
    expect(cmd.kind === 'post' && cmd.url).toContain('7398700011122233344');
    badInput(() => parseCommandText('post https://example.com/video/1'));
  });

  it('parses subscription commands with an optional channel', () => {
    expect(parseCommandText('subscribe @mossy.kitchen <#C0123ABCD|social> posts 20')).toEqual({
      kind: 'subscribe',
      creator: '@mossy.kitchen',
      channel: '<#C0123ABCD|social>',
      posts: 20,
    });
    expect(parseCommandText('unsubscribe @mossy.kitchen')).toEqual({ kind: 'unsubscribe', creator: '@mossy.kitchen', channel: null });
    expect(parseCommandText('subscriptions')).toEqual({ kind: 'subscriptions' });
    expect(parseCommandText('digest @mossy.kitchen')).toEqual({ kind: 'digest', creator: '@mossy.kitchen' });
    badInput(() => parseCommandText('subscribe #social'));
  });

  it('refuses overlong text', () => {
    badInput(() => parseCommandText('@a '.repeat(300)));
  });
});

describe('commandFromOptions (Discord)', () => {
  it('validates the same rules as the text parser', () => {
    expect(commandFromOptions({ subcommand: 'report', creator: '@mossy.kitchen', posts: 12 })).toEqual({
      kind: 'report',
      creator: '@mossy.kitchen',
      posts: 12,
    });
    expect(commandFromOptions({ subcommand: 'compare', creators: '@a.one, @b.two' })).toEqual({
      kind: 'compare',
      creators: ['@a.one', '@b.two'],
      posts: 10,
    });
    badInput(() => commandFromOptions({ subcommand: 'report', creator: '@x y z' }));
    badInput(() => commandFromOptions({ subcommand: 'report' }));
    badInput(() => commandFromOptions({ subcommand: 'report', creator: '@ok.name', posts: 99 }));
    badInput(() => commandFromOptions({ subcommand: 'nope' as 'help' }));
  });
});

describe('help', () => {
  it('has a spelling for each front end and is appended to parser errors', () => {
    expect(helpText('slack')).toContain('/quadrants @creator');
    expect(helpText('discord')).toContain('creator:');
    expect(helpText('cli')).toContain('quadrants report');
    const err = badInput(() => parseCommandText('@a.b 99'));
    expect(usageReply(err, 'slack')).toContain(err.userMessage);
    expect(usageReply(err, 'slack')).toContain('/quadrants compare');
  });
});
