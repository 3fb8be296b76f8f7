/**
 * The command line reads input exactly as Slack and Discord do: chat mentions and bracketed text
 * are refused before any request, every repeated option is refused with one sentence, and
 * `--demo` gives a report without a creator the same default creator whatever else is given.
 */
import { parseText, parseWords, validate } from '../../src/chat/parse';
import { rawVideos } from '../fakes/tikliveapi';
import { cleanEnv, runInProcess, useLiveFakes } from './helpers';

const fakes = useLiveFakes();

const liveEnv = () => cleanEnv({ TIKLIVEAPI_KEY: fakes.api.apiKey, TIKLIVEAPI_BASE_URL: fakes.api.url, QUICKCHART_BASE_URL: fakes.qc.url });
const verdict = (fn: () => unknown) => {
  try {
    return { ok: fn() };
  } catch (err) {
    return { error: (err as { userMessage?: string }).userMessage };
  }
};

describe('mentions are not creators', () => {
  it.each(['<@U0ALICE>', '<@U123>', '<script>', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<!here>', '<#C0123ABCD|general>'])(
    '%s exits 2 with one line and 0 requests to TikLiveAPI',
    async (creator) => {
      const r = await runInProcess(['report', creator], liveEnv());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/not a TikTok (creator|handle)/);
      expect(fakes.api.requests).toHaveLength(0);
    },
  );

  it('reads a Slack member mention that carries the typed name as that name, as Slack does', async () => {
    fakes.api.addCreator({ username: 'alice', userid: '6900000000000000777', videos: rawVideos(10) });
    const r = await runInProcess(['report', '<@U0ALICE|alice>', '--json'], liveEnv());
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { creator: { username: string } }).creator.username).toBe('alice');
    expect(fakes.api.requests.some((q) => JSON.stringify(q.query).toLowerCase().includes('u0alice'))).toBe(false);
  });

  it.each(['<@U0ALICE|alice>', '<@U0ALICE>', '<@U123>', '<!channel>', '<@123456789012345678>'])('Slack text and CLI words reach the same verdict for %s', (token) => {
    const slack = verdict(() => validate(parseText(`report ${token}`)));
    expect(verdict(() => validate(parseWords(['report', token], { implicitReport: false })))).toEqual(slack);
    expect(verdict(() => validate({ command: 'report', creator: token }))).toEqual(slack);
  });
});

describe('repeated options', () => {
  it.each([
    [['report', '@mossy.kitchen', 'posts', '35', 'posts', '5'], 'You gave the number of posts more than once; give it once, for example `posts 20`.'],
    [['report', '@alice', '10', '20'], 'You gave the number of posts more than once; give it once, for example `posts 20`.'],
    [['report', '@alice', '--posts', '10', '--posts=20'], 'You gave the number of posts more than once; give it once, for example `posts 20`.'],
    [['report', '@alice', '--json', '--json'], 'You gave `--json` more than once; give it once, for example `quadrants report @mossy.kitchen --json`.'],
    [['report', '--demo', '--demo'], 'You gave `--demo` more than once; give it once, for example `quadrants report @mossy.kitchen --demo`.'],
  ])('%j exits 2 with the one repeat sentence and makes no request', async (argv, sentence) => {
    const r = await runInProcess(argv, liveEnv());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${sentence}\n`);
    expect(fakes.api.requests).toHaveLength(0);
  });
});

describe('--demo without a creator', () => {
  it.each([[['report', '--demo']], [['report', '--demo', '--posts', '35']], [['report', '--posts', '35', '--demo']], [['report', '--demo', 'posts', '12', '--json']]])(
    '%j maps the first demo creator',
    async (argv) => {
      const r = await runInProcess(argv);
      expect(r.code).toBe(0);
      if (argv.includes('--json')) {
        const json = JSON.parse(r.stdout) as { creator: { username: string }; posts: unknown[] };
        expect(json.creator.username).toBe('mossy.kitchen');
        expect(json.posts).toHaveLength(12);
      } else {
        expect(r.stdout).toContain('Quadrants for @mossy.kitchen');
        if (argv.includes('35')) expect(r.stdout).toContain('last 35 posts');
      }
    },
  );

  it('still needs a creator without --demo', async () => {
    const r = await runInProcess(['report', '--posts', '35']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Give one creator/);
  });
});
