/**
 * Everything said about subscriptions: the announcement in the target channel, the answer to
 * the person who changed it, and the list of a workspace's digests.
 */
import { creatorLabel, formatLocal } from '../../digest/format';
import type { SubscriptionChange } from '../../digest/subscriptions';
import type { Card } from '../card';
import { sentenceCard } from '../card';
import { channel, say, user, words, type Inline } from '../inline';

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
  if (change.action === 'paused') {
    return sentenceCard(say`${user(change.by)} paused this channel's digest for ${who}; none will arrive until someone resumes it.`);
  }
  if (change.action === 'resumed') {
    return sentenceCard(say`${user(change.by)} resumed this channel's digest for ${who}; the next one arrives ${words(nextRun(change))}.`);
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

/** Discord's answer when the bot may not even see the channel a command names: nothing is changed. */
export const CANNOT_SEE_CHANNEL =
  "I cannot see that channel, so nothing was changed: in the channel's settings, under Permissions, allow quadrants to View Channel and Send Messages, then try again.";

/**
 * The answer to a subscribe whose channel the bot may not post in: what became of the
 * subscription (`kept`) and how to let the bot in, in one sentence.
 */
export function unreachableCard(change: SubscriptionChange, kept: 'removed' | 'disabled', grantAccess: Inline): Card {
  const where = channel(change.subscription.channelId);
  const who = creatorLabel(change.subscription);
  return kept === 'removed'
    ? sentenceCard(say`I cannot post in ${where}, so it was not subscribed to ${who} and no digest will arrive there: ${grantAccess}, then subscribe again.`, 'warning')
    : sentenceCard(say`I cannot post in ${where}, so its digest for ${who} is now switched off: ${grantAccess}, then subscribe again to turn it back on.`, 'warning');
}

/**
 * The private answer to whoever made the change. `announced` is false when the bot could not
 * post in the target channel: then the answer says how to let it in.
 */
export function changeAnswerCard(change: SubscriptionChange, announced: boolean, inviteHint: Inline): Card {
  const s = change.subscription;
  const where = channel(s.channelId);
  const who = creatorLabel(s);
  const schedule = `last ${s.posts} posts, ${scheduleWords(change)}`;
  const done =
    change.action === 'unsubscribed'
      ? say`Done: ${where} gets no more digests for ${who}.`
      : change.action === 'paused'
        ? say`Paused: ${where} gets no digests for ${who} until someone resumes it; its schedule (${schedule}) is kept.`
        : s.pausedAt !== null
          ? say`Saved: ${where} has a digest for ${who} (${schedule}), but it is paused; resume it to get digests again.`
          : say`Done: ${where} gets a digest for ${who} (${schedule}); the next one arrives ${words(nextRun(change))}.`;
  if (s.status !== 'active' && change.action === 'resumed') {
    return sentenceCard(say`${done} It is still disabled (${s.disabledReason ?? 'no reason recorded'}); subscribe again once that is fixed.`);
  }
  if (announced || change.action === 'unsubscribed' || change.action === 'paused') return sentenceCard(done);
  return sentenceCard(say`${done} I could not post in ${where}, so the digest will not arrive there until ${inviteHint}`);
}
