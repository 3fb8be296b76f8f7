/**
 * What adapters post in the target channel when a subscription changes: who, which creator,
 * the schedule and when the next digest comes.
 */
import { creatorLabel, describeSchedule, formatLocal } from './format';
import type { SubscriptionChange } from './subscriptions';

export interface AnnouncementFacts {
  action: SubscriptionChange['action'];
  /** Chat user id of whoever made the change (the adapter renders it, e.g. as a mention). */
  by: string;
  /** '@handle' (sanitised) or 'creator <id>'. */
  creator: string;
  channelId: string;
  posts: number;
  /** 'monthly on day 1 at 09:00 (Europe/Berlin)'. */
  schedule: string;
  timezone: string;
  nextRunAt: string | null;
  /** 'Fri 1 Jan 2027, 09:00' in the subscription's zone, or null after unsubscribing. */
  nextRunLocal: string | null;
}

export function announceFacts(change: SubscriptionChange): AnnouncementFacts {
  const sub = change.subscription;
  return {
    action: change.action,
    by: change.by,
    creator: creatorLabel(sub),
    channelId: sub.channelId,
    posts: sub.posts,
    schedule: describeSchedule(sub),
    timezone: sub.timezone,
    nextRunAt: change.nextRunAt,
    nextRunLocal: change.nextRunAt ? formatLocal(new Date(change.nextRunAt), sub.timezone) : null,
  };
}

/**
 * One plain sentence announcing the change. `who` is inserted as given: the adapter passes a label
 * it has already rendered safely (a mention of the command's author, or an escaped name).
 */
export function announceText(change: SubscriptionChange, who: string): string {
  const f = announceFacts(change);
  if (f.action === 'unsubscribed') {
    return `${who} stopped this channel's digest for ${f.creator}; no more digests for that creator will arrive here.`;
  }
  const verb = f.action === 'subscribed' ? 'subscribed this channel to' : 'updated this channel\'s subscription to';
  return `${who} ${verb} a digest for ${f.creator} (last ${f.posts} posts, ${f.schedule}); the next one arrives ${f.nextRunLocal} ${f.timezone}.`;
}
