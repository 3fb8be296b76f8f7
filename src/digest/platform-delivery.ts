/**
 * A platform's DigestDelivery from a few calls. The order that makes a digest exactly-once is
 * here, once: find the bot's own digest by its key before posting; post the digest message, then
 * its thread; complete the thread of a digest found already posted. The platform makes the calls,
 * renders, and decides whether a failed thread fails the delivery (it throws) or not (it logs).
 */
import type { Card, Reply } from '../chat/card';
import type { ChannelPlace, Digest, DigestDelivery, Platform, Subscription } from './types';

export interface DigestPlatform<Bot> {
  platform: Platform;
  /** The bot that posts in `place` (Slack: its workspace's), ready for calls. Throws DeliveryError. */
  bot(place: ChannelPlace): Promise<Bot>;
  /** The reply the digest renders to. */
  reply(digest: Digest): Reply;
  /** The ref of the bot's own message with `key` posted at or after `since` (every page read), or null. */
  findOwn(bot: Bot, channelId: string, key: string, since: Date | undefined): Promise<string | null>;
  /** Posts the digest message (its chart in it) and returns its ref. Throws DeliveryError. */
  postMessage(bot: Bot, digest: Digest, reply: Reply): Promise<string>;
  /** Posts the breakdown thread under `ref`: all of it when `fresh` (just posted), else only what is missing. */
  postThread(bot: Bot, digest: Digest, reply: Reply, ref: string, fresh: boolean): Promise<void>;
  /** Posts one card as a plain message (no mentions, no unfurls). Throws DeliveryError. */
  postNotice(bot: Bot, sub: Subscription, card: Card): Promise<void>;
  /** Posts a template alert with `key` attached where `findOwn` finds it; returns its ref. Throws DeliveryError. */
  postAlert(bot: Bot, place: ChannelPlace, card: Card, key: string): Promise<string>;
}

/** The DigestDelivery the runner posts through, on `p`'s calls. */
export function platformDelivery<Bot>(p: DigestPlatform<Bot>): DigestDelivery {
  return {
    platform: p.platform,

    async findPosted(place, key, find) {
      return p.findOwn(await p.bot(place), place.channelId, key, find?.since);
    },

    async alert(place, card, key) {
      return p.postAlert(await p.bot(place), place, card, key);
    },

    async post(digest) {
      const bot = await p.bot(digest.subscription);
      const reply = p.reply(digest);
      const ref = await p.postMessage(bot, digest, reply);
      if (reply.thread.length > 0) await p.postThread(bot, digest, reply, ref, true);
      return ref;
    },

    async notice(sub, card) {
      await p.postNotice(await p.bot(sub), sub, card);
    },

    async complete(digest, ref) {
      const reply = p.reply(digest);
      if (reply.thread.length > 0) await p.postThread(await p.bot(digest.subscription), digest, reply, ref, false);
    },
  };
}
