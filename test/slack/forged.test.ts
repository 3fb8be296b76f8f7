/**
 * Forged button values and form answers on Slack, end to end (real Bolt against the fake Slack):
 * a value is read by the same schema as typed input, so `1e1` posts is stale and runs nothing,
 * and a form answer longer than its field allows is refused under that field, naming it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore, type Store } from '../../src/store';
import { rawVideos } from '../fakes/tikliveapi';
import { startWorld, type World } from './world';

let w: World;
afterEach(async () => w?.close());

describe('forged button values', () => {
  beforeEach(async () => {
    w = await startWorld({ videos: rawVideos(35) });
  });

  it.each(['1e1', '10.0', ' 10', '0x0a', '+10', '99', '4'])('a value whose posts are %j is stale: one private sentence, 0 requests', async (posts) => {
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: `v1|${w.slack.teamId}|r|@mossy.kitchen|${posts}`, messageTs: '1700000099.000100' });
    const answer = await w.slack.waitFor(() => w.slack.responses[0], 'private sentence');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toContain('older version');
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(w.api.requests).toHaveLength(0);
  });

  it.each(['@[x](https://evil.example)', '@x', '@<!here>', '12'])('a value naming the creator %j is stale', async (creator) => {
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: `v1|${w.slack.teamId}|r|${creator}|10`, messageTs: '1700000099.000100' });
    const answer = await w.slack.waitFor(() => w.slack.responses[0], 'private sentence');
    expect(String(answer.body.text)).toContain('older version');
    expect(w.api.requests).toHaveLength(0);
  });
});

describe('forged form answers', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-forged-'));
    store = openStore(join(dir, 'quadrants.db'));
    w = await startWorld({ videos: rawVideos(35), subscriptions: (service) => createSubscriptionService({ store, service, now: () => new Date('2026-12-10T12:00:00Z') }) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const meta = () => JSON.stringify({ v: `v1|${w.slack.teamId}|r|@mossy.kitchen|10`, c: w.slack.channelId, t: '' });

  it('an answer over 300 characters is refused under its field, saying which field is too long', async () => {
    const ack = await w.slack.sendViewSubmission({ callbackId: 'quadrants:subscribe', privateMetadata: meta(), values: { cadence: '', on: '', at: '', tz: 'E'.repeat(301), posts: '' } });
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { tz: 'The answer to “Time zone (IANA)” is too long; give at most 64 characters.' } });
    const compare = await w.slack.sendViewSubmission({ callbackId: 'quadrants:compare', privateMetadata: meta(), values: { creators: `@${'a'.repeat(400)}` } });
    expect(compare.payload).toEqual({ response_action: 'errors', errors: { creators: 'The answer to “Up to 4 more creators” is too long; give at most 200 characters.' } });
    expect(await store.listSubscriptions({ platform: 'slack' })).toEqual([]);
    expect(w.api.requests).toHaveLength(0);
  });

  it('an answer longer than its field allows but under 300 is refused the same way', async () => {
    const ack = await w.slack.sendViewSubmission({ callbackId: 'quadrants:subscribe', privateMetadata: meta(), values: { cadence: '', on: '', at: '09:00:00', tz: '', posts: '' } });
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { at: 'The answer to “Time, 24-hour HH:MM” is too long; give at most 5 characters.' } });
  });
});
