/**
 * Everything said about watches from chat: the line in the watching channel and the private
 * answer to whoever changed it.
 */
import { creatorLabel } from '../../digest/format';
import type { WatchChange } from '../../watch/service';
import type { Card } from '../card';
import { sentenceCard } from '../card';
import { channel, say, user, type Inline } from '../inline';

/** Posted in the channel that starts or stops watching. */
export function watchAnnouncementCard(change: WatchChange): Card {
  const who = creatorLabel(change.watch);
  return change.action === 'unwatched'
    ? sentenceCard(say`${user(change.by)} stopped this channel's watch on ${who}; no more template alerts for that creator will arrive here.`)
    : sentenceCard(say`${user(change.by)} set this channel to watch ${who}: once a day, a post under 7 days old that other creators download to reuse gets one short alert here.`);
}

/** The private answer; `announced` false: the bot could not post there (`inviteHint` says how to let it in). */
export function watchAnswerCard(change: WatchChange, announced: boolean, inviteHint: Inline): Card {
  const where = channel(change.watch.channelId);
  const who = creatorLabel(change.watch);
  if (change.action === 'unwatched') return sentenceCard(say`Done: ${where} no longer watches ${who}.`);
  if (change.action === 'already') return sentenceCard(say`${where} already watches ${who}, so nothing was changed.`);
  const done = say`Done: ${where} watches ${who}; its newest posts are checked once a day and each new template post is alerted there once.`;
  return announced ? sentenceCard(done) : sentenceCard(say`${done} I could not post in ${where}, so alerts will not arrive there until ${inviteHint}`);
}

/** A watch on a channel the bot may not post in is not kept. */
export function watchUnreachableCard(change: WatchChange, grantAccess: Inline): Card {
  return sentenceCard(say`I cannot post in ${channel(change.watch.channelId)}, so it does not watch ${creatorLabel(change.watch)}: ${grantAccess}, then watch again.`, 'warning');
}
