/**
 * Every option is read once: a second value for the same option, in any spelling, is refused with
 * the same kind of sentence (what was repeated and what to type), never "the last one wins".
 */
import { parseText, parseWords, validate } from '../../src/chat/parse';
import { expectQuadrantsError } from '../helpers/errors';

const refusal = (fn: () => unknown) => expectQuadrantsError(fn, 'BAD_INPUT').userMessage;
const POSTS_TWICE = 'You gave the number of posts more than once; give it once, for example `posts 20`.';

describe('repeated options', () => {
  it.each([
    'posts 35 posts 5',
    '@alice 10 20',
    '@alice 10 posts 20',
    '@alice --posts=10 --posts 20',
    '@alice posts=10 7',
  ])('refuses a second post count: %s', (text) => {
    const t = text.startsWith('@') ? text : `@alice ${text}`;
    expect(refusal(() => validate(parseText(t)))).toBe(POSTS_TWICE);
    expect(refusal(() => validate(parseWords(['report', ...t.split(' ')], { implicitReport: false })))).toBe(POSTS_TWICE);
  });

  it('refuses a second count in compare the same way', () => {
    expect(refusal(() => parseText('compare @a.one @b.two 10 20'))).toBe(POSTS_TWICE);
  });

  it.each([
    ['at 09:00 at 10:00', 'You gave `at` more than once; give it once, for example `at 09:30`.'],
    ['on 3 on 4', 'You gave `on` more than once; give it once, for example `on 15` or `on friday`.'],
    ['tz UTC --tz=Europe/Paris', 'You gave `tz` more than once; give it once, for example `tz Europe/Berlin`.'],
    ['weekly weekly', 'You gave the cadence (weekly or monthly) more than once; give it once, for example `weekly`.'],
    ['<#C0123ABCD|one> <#C0456EFGH|two>', 'You gave the channel more than once; give it once, for example `#marketing`.'],
    ['posts 10 on 3 posts 12', POSTS_TWICE],
  ])('subscribe refuses %s with the one repeat sentence', (text, sentence) => {
    expect(refusal(() => parseText(`subscribe @mossy.kitchen ${text}`))).toBe(sentence);
  });

  it('still reads a single option in any spelling', () => {
    expect(validate(parseText('@alice posts 35'))).toEqual({ creator: '@alice', posts: 35 });
    expect(validate(parseText('subscribe @alice on 20 posts 15'))).toMatchObject({ posts: 15, schedule: { day: 20 } });
  });
});
