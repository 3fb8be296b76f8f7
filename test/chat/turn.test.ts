/**
 * The turn engine names the field a refused form answer is about, for every field of every form,
 * so a surface that can show errors under a field (Slack's modal) never guesses it.
 */
import { encodeTarget } from '../../src/chat/buttons';
import type { Card } from '../../src/chat/card';
import { plain } from '../../src/chat/inline';
import type { PipelineDeps } from '../../src/chat/pipeline';
import { runTurn, type ChatSurface } from '../../src/chat/turn';
import { silentLogger } from '../../src/log';

const TEAM = 'T0FAKE';
const fromReport = encodeTarget(TEAM, { command: 'report', creator: '@mossy.kitchen', posts: 10 });
const fromList = encodeTarget(TEAM, { command: 'subscriptions', page: 0 });

/** A Slack surface that only records where a refusal was shown; anything else it is asked fails the test. */
function surface(refused: Array<{ field: string; sentence: string }>): ChatSurface {
  const unexpected = async (): Promise<never> => {
    throw new Error('the turn went past the form');
  };
  return {
    actor: { surface: 'slack', workspaceId: TEAM, channelId: 'C0FAKE', userId: 'U0HUMAN', canManage: true },
    answer: unexpected,
    acknowledge: unexpected,
    deliver: unexpected,
    fail: unexpected,
    resolve: unexpected,
    post: unexpected,
    openForm: unexpected,
    showList: unexpected,
    attach: unexpected,
    async refuseField(field: string, card: Card) {
      refused.push({ field, sentence: plain(card.summary) });
    },
  };
}

const blank = { cadence: '', on: '', at: '', tz: '', posts: '' };

const CASES = [
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, cadence: 'daily' }, field: 'cadence', sentence: /cadence must be monthly or weekly/ },
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, on: '31' }, field: 'on', sentence: /runs on a day from 1 to 28/ },
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, cadence: 'weekly', on: '12' }, field: 'on', sentence: /weekly digest runs on a weekday/ },
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, at: '25:00' }, field: 'at', sentence: /not a 24-hour time/ },
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, tz: 'Mars/Olympus' }, field: 'tz', sentence: /not an IANA zone name/ },
  { kind: 'subscribe', value: fromReport, origin: 'result', fields: { ...blank, posts: '99' }, field: 'posts', sentence: /./ },
  { kind: 'compare', value: fromReport, origin: 'result', fields: { creators: '@a1 @a2 @a3 @a4 @a5' }, field: 'creators', sentence: /at most 4 more creators/ },
  { kind: 'compare', value: fromReport, origin: 'result', fields: { creators: '<!here>' }, field: 'creators', sentence: /./ },
  { kind: 'new', value: fromList, origin: 'home', fields: { ...blank, creator: 'not a creator!', channel: 'C0FAKE' }, field: 'creator', sentence: /./ },
  { kind: 'new', value: fromList, origin: 'home', fields: { ...blank, creator: '@mossy.kitchen', channel: 'C0FAKE', on: 'someday' }, field: 'on', sentence: /neither a day of the month/ },
] as const;

test.each(CASES)('a $kind form answered $fields is refused under $field', async ({ kind, value, origin, fields, field, sentence }) => {
  const refused: Array<{ field: string; sentence: string }> = [];
  const outcome = await runTurn({ type: 'form', kind, value, fields, origin }, surface(refused), { logger: silentLogger } as PipelineDeps);
  expect(outcome).toBe('invalid');
  expect(refused).toHaveLength(1);
  expect(refused[0]?.field).toBe(field);
  expect(refused[0]?.sentence).toMatch(sentence);
});

test('a stale form is refused under its first field with the one stale-form sentence', async () => {
  const refused: Array<{ field: string; sentence: string }> = [];
  await runTurn({ type: 'form', kind: 'subscribe', value: 'v0|old', fields: blank, origin: 'result' }, surface(refused), { logger: silentLogger } as PipelineDeps);
  expect(refused).toEqual([{ field: 'cadence', sentence: 'This form is from an older version; close it and click the button again.' }]);
});
