/**
 * watch and unwatch: template alerts between digests, from chat. The change is announced in the
 * watching channel; the requester gets a private answer. A watch whose channel the bot may not
 * post in is not kept as if it worked.
 */
import { QuadrantsError } from '../../errors';
import type { Reply } from '../card';
import { privateReply } from '../card';
import { watchAnnouncementCard, watchAnswerCard, watchUnreachableCard } from '../cards/watches';
import { SURFACES } from '../surfaces';
import type { RunContext } from '../types';
import { scopeOf } from './subscriptions';

export async function changeWatch(kind: 'watch' | 'unwatch', input: { creator: string; channel: string | null }, ctx: RunContext): Promise<Reply> {
  const watches = ctx.subscriptions?.watches;
  if (!watches) {
    throw new QuadrantsError('CONFIG', 'watches are not wired in', { userMessage: 'Watches are not enabled on this bot; ask whoever runs it to turn digests on.' });
  }
  const channelId = await ctx.channels.resolve(input.channel);
  const request = { ...scopeOf(ctx), channelId, creatorInput: input.creator, by: ctx.actor.userId };
  const change = kind === 'watch' ? await watches.watch(request) : await watches.unwatch(request);
  const surface = SURFACES[ctx.actor.surface];
  if (change.action === 'already') return privateReply(watchAnswerCard(change, true, surface.inviteHint));
  const announced = await ctx.channels.post(channelId, watchAnnouncementCard(change));
  if (change.action === 'watched' && !announced.posted && announced.noAccess !== null) {
    await watches.unreachable(change);
    return privateReply(watchUnreachableCard(change, surface.grantAccess));
  }
  return privateReply(watchAnswerCard(change, announced.posted, surface.inviteHint));
}
