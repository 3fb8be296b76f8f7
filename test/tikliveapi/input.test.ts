import { echoInput, parseCreatorInput } from '../../src/commands/creator';
import { parseVideoUrl, videoIdFromUrl } from '../../src/commands/video-url';
import { expectQuadrantsError } from '../helpers/errors';

const refused = (fn: () => unknown) => expectQuadrantsError(fn, 'BAD_INPUT');

describe('parseCreatorInput', () => {
  it.each([
    ['@mossy.kitchen', 'mossy.kitchen'],
    ['mossy.kitchen', 'mossy.kitchen'],
    ['  @Mossy_Kitchen  ', 'mossy_kitchen'],
    ['https://www.tiktok.com/@mossy.kitchen', 'mossy.kitchen'],
    ['https://www.tiktok.com/@mossy.kitchen/', 'mossy.kitchen'],
    ['https://www.tiktok.com/@mossy.kitchen?lang=en&is_from_webapp=1', 'mossy.kitchen'],
    ['https://m.tiktok.com/@mossy.kitchen', 'mossy.kitchen'],
    ['http://tiktok.com/@mossy.kitchen#top', 'mossy.kitchen'],
    ['www.tiktok.com/@mossy.kitchen', 'mossy.kitchen'],
    ['<https://www.tiktok.com/@mossy.kitchen?lang=en>', 'mossy.kitchen'],
    ['<https://www.tiktok.com/@mossy.kitchen|tiktok.com/@mossy.kitchen>', 'mossy.kitchen'],
    ['@123456', '123456'],
    ['ab', 'ab'],
    ['a'.repeat(24), 'a'.repeat(24)],
  ])('reads %j as the handle %j', (input, username) => {
    expect(parseCreatorInput(input)).toEqual({ kind: 'username', username });
  });

  it('reads bare digits (5 or more) as a numeric id, kept as a string', () => {
    expect(parseCreatorInput('6912345678901234567')).toEqual({ kind: 'userid', userid: '6912345678901234567' });
    expect(parseCreatorInput('12345')).toEqual({ kind: 'userid', userid: '12345' });
  });

  it.each([
    ['', /Give a TikTok creator/],
    ['   ', /Give a TikTok creator/],
    ['foo bar', /“foo bar” is not a TikTok handle; use @name, a profile link or a numeric id/],
    ['@bad!name', /not a TikTok handle/],
    ['a', /not a TikTok handle/],
    ['@', /not a TikTok handle/],
    ['@@mossy', /not a TikTok handle/],
    ['a'.repeat(25), /too long for a TikTok handle/],
    ['https://example.com/@mossy.kitchen', /not a TikTok profile link/],
    ['https://www.tiktok.com.evil.example/@mossy.kitchen', /not a TikTok profile link/],
    ['https://www.tiktok.com/mossy.kitchen', /not a TikTok profile link/],
    ['https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344', /video/],
    ['ftp://www.tiktok.com/@mossy.kitchen', /not a TikTok profile link/],
    ['javascript:alert(1)', /not a TikTok handle/],
    ['<!channel>', /chat mention.*not a TikTok creator/],
  ])('refuses %j with a sentence and a hint', (input, message) => {
    const err = refused(() => parseCreatorInput(input));
    expect(err.userMessage).toMatch(message);
    expect(err.userMessage).toMatch(/[.]$/);
  });

  it('echoes at most about 40 characters of the input, without control characters or markup', () => {
    const err = refused(() => parseCreatorInput(`evil\u0000\u202e<@U123>\`code\` ${'x'.repeat(200)} !`));
    const echoed = /“(.*)”/.exec(err.userMessage)?.[1] ?? '';
    expect([...echoed].length).toBeLessThanOrEqual(40);
    expect(echoed).not.toMatch(/[\u0000-\u001f\u202e<>`]/);
    expect(err.userMessage.length).toBeLessThan(200);
  });

  it('never lets an echoed @everyone or @here become a mention', () => {
    expect(echoInput('@everyone hi')).not.toContain('@everyone');
    expect(echoInput('@here!')).not.toContain('@here');
    expect(echoInput('hello\nworld')).toBe('hello world');
  });
});

describe('parseVideoUrl', () => {
  it.each([
    ['https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344', 'https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344'],
    ['<https://www.tiktok.com/@Mossy.Kitchen/video/7398700011122233344?is_from_webapp=1&sender_device=pc>', 'https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344'],
    ['https://m.tiktok.com/@mossy.kitchen/video/7398700011122233344/', 'https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344'],
    ['www.tiktok.com/@mossy.kitchen/photo/7398700011122233344', 'https://www.tiktok.com/@mossy.kitchen/photo/7398700011122233344'],
    ['https://vm.tiktok.com/ZMabc123/', 'https://vm.tiktok.com/ZMabc123/'],
    ['https://vt.tiktok.com/ZSxyz789', 'https://vt.tiktok.com/ZSxyz789/'],
    ['<https://www.tiktok.com/t/ZT8abcdE/|link>', 'https://www.tiktok.com/t/ZT8abcdE/'],
  ])('normalises %j', (input, url) => {
    expect(parseVideoUrl(input)).toBe(url);
  });

  it.each([
    ['', /Give one video/],
    ['https://example.com/video/1', /not a TikTok video link/],
    ['https://www.tiktok.com/@mossy.kitchen', /profile link/],
    ['https://www.tiktok.com/@mossy.kitchen/video/abc', /not a TikTok video link/],
    ['https://vm.tiktok.com/', /not a TikTok video link/],
    ['https://vm.tiktok.com/a/b/c', /not a TikTok video link/],
    ['file:///etc/passwd', /not a TikTok video link/],
    ['not a url at all', /not a TikTok video link/],
  ])('refuses %j', (input, message) => {
    expect(refused(() => parseVideoUrl(input)).userMessage).toMatch(message);
  });

  it('extracts the id only from full links', () => {
    expect(videoIdFromUrl('https://www.tiktok.com/@a.b/video/7398700011122233344')).toBe('7398700011122233344');
    expect(videoIdFromUrl('https://vm.tiktok.com/ZMabc123/')).toBeNull();
  });
});
