/**
 * An in-memory chat platform for digest tests and the bench: records every post per channel with
 * its idempotency key (as Slack metadata / a Discord nonce would), answers `findPosted` from that
 * record, and lets a test inject faults or freeze a post mid-flight to simulate a crash.
 * No jest globals: the benchmark imports it too.
 */
import type { ChannelPlace, Digest, DigestDelivery, Platform } from '../../src/digest/types';
import { DeliveryError } from '../../src/digest/types';
import { plain } from '../../src/chat/inline';

export interface RecordedPost {
  ref: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  key: string;
  subscriptionId: number;
  period: string;
  noNewPosts: boolean;
  digest: Digest;
}

export interface RecordingDeliveryOptions {
  /** When false, `findPosted` always answers null (a platform that cannot look back). */
  canFind?: boolean;
  /** Return an error to throw instead of posting (called once per post attempt). */
  failPost?: (digest: Digest, attempt: number) => Error | undefined;
  /** Return an error to throw from findPosted. */
  failFind?: (sub: ChannelPlace) => Error | undefined;
  /** Runs after the message is stored "on the platform" but before post() returns; a never-settling promise simulates a crash. */
  afterPost?: (digest: Digest) => Promise<void>;
  /** Runs before the lookup; a never-settling promise simulates a crash after fetching, before posting. */
  beforeFind?: (sub: ChannelPlace) => Promise<void>;
  /** Runs after an alert is stored "on the platform" but before alert() returns; a never-settling promise simulates a crash. */
  afterAlert?: (key: string) => Promise<void>;
  /** Shared message log, so several delivery instances (several "processes") see one platform. */
  shared?: RecordedPost[];
  /** Shared alert log, the same for alerts. */
  sharedAlerts?: RecordingDelivery['alerts'];
}

export interface RecordingDelivery extends DigestDelivery {
  readonly posts: RecordedPost[];
  /** One-line notices posted in channels (a digest held back), as plain text. */
  readonly notices: Array<{ channelId: string; subscriptionId: number; text: string }>;
  /** Template alerts posted, with their key and summary as plain text. */
  readonly alerts: Array<{ ref: string; channelId: string; key: string; text: string }>;
  readonly attempts: number;
  readonly findCalls: number;
  /** The same channel removed: posts there throw a permanent DeliveryError. */
  removeFromChannel(channelId: string): void;
}

export function createRecordingDelivery(platform: Platform, options: RecordingDeliveryOptions = {}): RecordingDelivery {
  const posts = options.shared ?? [];
  const removed = new Set<string>();
  let attempts = 0;
  let findCalls = 0;
  let counter = 0;
  const notices: RecordingDelivery['notices'] = [];
  const alerts: RecordingDelivery['alerts'] = options.sharedAlerts ?? [];
  return {
    platform,
    posts,
    notices,
    alerts,
    async alert(place, card, key) {
      if (removed.has(place.channelId)) throw new DeliveryError('the bot is no longer in this channel', { permanent: true });
      counter += 1;
      const ref = `${platform}-${place.channelId}-alert-${counter}`;
      alerts.push({ ref, channelId: place.channelId, key, text: plain(card.summary) });
      if (options.afterAlert) await options.afterAlert(key);
      return ref;
    },
    async notice(sub, card) {
      if (removed.has(sub.channelId)) throw new DeliveryError('the bot is no longer in this channel', { permanent: true });
      notices.push({ channelId: sub.channelId, subscriptionId: sub.id, text: plain(card.summary) });
    },
    get attempts() {
      return attempts;
    },
    get findCalls() {
      return findCalls;
    },
    removeFromChannel(channelId) {
      removed.add(channelId);
    },
    async findPosted(sub, key) {
      findCalls += 1;
      if (options.beforeFind) await options.beforeFind(sub);
      const err = options.failFind?.(sub);
      if (err) throw err;
      if (options.canFind === false) return null;
      const hit = posts.find((p) => p.platform === platform && p.channelId === sub.channelId && p.key === key);
      return hit ? hit.ref : (alerts.find((a) => a.channelId === sub.channelId && a.key === key)?.ref ?? null);
    },
    async post(digest) {
      attempts += 1;
      const sub = digest.subscription;
      if (removed.has(sub.channelId)) throw new DeliveryError('the bot is no longer in this channel', { permanent: true });
      const err = options.failPost?.(digest, attempts);
      if (err) throw err;
      counter += 1;
      const ref = `${platform}-${sub.channelId}-${counter}-${posts.length + 1}`;
      posts.push({
        ref,
        platform,
        workspaceId: sub.workspaceId,
        channelId: sub.channelId,
        key: digest.idempotencyKey,
        subscriptionId: sub.id,
        period: digest.period,
        noNewPosts: digest.noNewPosts,
        digest,
      });
      if (options.afterPost) await options.afterPost(digest);
      return ref;
    },
  };
}

/** A promise that never settles: the "process" stops right there. */
export function never<T = void>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
