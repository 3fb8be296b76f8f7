/**
 * Everything said about subscriptions: the announcement in the target channel, the answer to
 * the person who changed it, and the list of a workspace's digests.
 */
import { creatorLabel, formatLocal } from '../../digest/format';
import { PAUSED_PREFIX } from '../../digest/retry';
import type { SubscriptionChange, SubscriptionListing } from '../../digest/subscriptions';
import type { Card } from '../card';
import { sentenceCard } from '../card';
import { channel, say, user, words, type Inline } from '../inline';

/** Listed subscriptions per answer; more are summarised in one line. */
export const LIST_MAX = 40;

function nextRun(change: SubscriptionChange): string {
  const s = change.subscription;
  return change.nextRunAt ? `${formatLocal(new Date(change.nextRunAt), s.timezone)} ${s.timezone}` : 'not scheduled';
}

/** Posted in the channel that gets (or stops getting) the digest. */
export function announcementCard(change: SubscriptionChange): Card {
  const s = change.subscription;
  const who = creatorLabel(s);
  if (change.action === 'unsubscribed') {
    return sentenceCard(say`${user(change.by)} stopped this channel's digest for ${who}; no more digests for that creator will arrive here.`);
  }
  const verb = change.action === 'subscribed' ? 'subscribed this channel to' : "updated this channel's subscription to";
  const schedule = `last ${s.posts} posts, ${scheduleWords(change)}`;
  return sentenceCard(say`${user(change.by)} ${words(verb)} a digest for ${who} (${schedule}); the next one arrives ${words(nextRun(change))}.`);
}

function scheduleWords(change: SubscriptionChange): string {
  const s = change.subscription;
  const time = `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
  const days = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  const when = s.cadence === 'monthly' ? `monthly on day ${s.day}` : `weekly on ${days[s.day] ?? '?'}`;
  return `${when} at ${time}`;
}

/**
 * The private answer to whoever made the change. `announced` is false when the bot could not
 * post in the target channel: then the answer says how to let it in.
 */
export function changeAnswerCard(change: SubscriptionChange, announced: boolean, inviteHint: Inline): Card {
  const s = change.subscription;
  const where = channel(s.channelId);
  const who = creatorLabel(s);
  const done =
    change.action === 'unsubscribed'
      ? say`Done: ${where} gets no more digests for ${who}.`
      : say`Done: ${where} gets a digest for ${who} (${`last ${s.posts} posts, ${scheduleWords(change)}`}); the next one arrives ${words(nextRun(change))}.`;
  if (announced || change.action === 'unsubscribed') return sentenceCard(done);
  return sentenceCard(say`${done} I could not post in ${where}, so the digest will not arrive there until ${inviteHint}`);
}

function listingItem(l: SubscriptionListing): Inline {
  const s = l.subscription;
  const head = say`${channel(s.channelId)}: ${creatorLabel(s)}, last ${s.posts} posts, ${l.schedule}`;
  if (s.status !== 'active') return say`${head}, ${words('disabled')}: ${s.disabledReason ?? 'no reason recorded'}`;
  const latest = l.lastRuns[0];
  if (latest?.state === 'failed' && (latest.lastError ?? '').startsWith(PAUSED_PREFIX)) {
    const why = (latest.lastError ?? '').slice(PAUSED_PREFIX.length).trim();
    return say`${head}, ${words('paused')}: ${why}; ${words('deliveries resume by themselves once the bot’s token works again')}`;
  }
  return l.nextRunAt ? say`${head}, next ${words(formatLocal(new Date(l.nextRunAt), s.timezone))}` : head;
}

/** The workspace's digests, for `subscriptions`. */
export function subscriptionListCard(listings: readonly SubscriptionListing[], place: 'workspace' | 'server'): Card {
  if (listings.length === 0) {
    return sentenceCard(words(`No channel in this ${place} gets digests yet; run /quadrants subscribe @creator in a channel to start one.`));
  }
  const items = listings.slice(0, LIST_MAX).map((l) => ({ text: listingItem(l) }));
  if (listings.length > LIST_MAX) items.push({ text: words(`…and ${listings.length - LIST_MAX} more.`) });
  const title = words(`Digests in this ${place}`);
  return {
    title,
    summary: words(`${listings.length} digest subscription${listings.length === 1 ? '' : 's'} in this ${place}.`),
    blocks: [{ kind: 'list', title: null, items }],
    footer: [],
    tone: 'normal',
  };
}
