/**
 * The per-post breakdown thread under a Discord digest, like the one under a `/quadrants` report:
 * started from the digest message, named after the creator, holding the breakdown messages. A
 * recovered digest (posted before a crash) gets whatever part of it is missing, and no second copy.
 */
import { Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../src/log';
import { NO_MENTIONS } from './channels';
import { call, HISTORY_PAGE } from './digest-history';

const threadSchema = z.object({ id: z.string() }).passthrough();
const messageSchema = z.object({ id: z.string(), thread: z.object({ id: z.string() }).passthrough().nullish() }).passthrough();
const pageSchema = z.array(z.object({ id: z.string(), author: z.object({ id: z.string() }).passthrough().nullish() }).passthrough());

export interface ThreadTarget {
  rest: REST;
  channelId: string;
  messageId: string;
  /** Plain-text thread name. */
  name: string;
  /** The breakdown, as messages of at most 2000 characters. */
  contents: string[];
  timeoutMs: number;
}

/** Starts the thread from the digest message and posts the breakdown into it. Throws DeliveryError. */
export async function postBreakdownThread(t: ThreadTarget): Promise<void> {
  const raw = await call(
    t.rest,
    'post',
    Routes.threads(t.channelId, t.messageId),
    { body: { name: t.name, auto_archive_duration: ThreadAutoArchiveDuration.OneDay } },
    t.timeoutMs,
  );
  const thread = threadSchema.parse(raw);
  await postBreakdown(t, thread.id);
}

async function postBreakdown(t: ThreadTarget, threadId: string): Promise<void> {
  for (const content of t.contents) {
    await call(t.rest, 'post', Routes.channelMessages(threadId), { body: { content, allowed_mentions: NO_MENTIONS } }, t.timeoutMs);
  }
}

/**
 * Completes the thread of a digest found already posted: starts it if the message has none, or
 * posts the breakdown into it when the bot has said nothing there yet. Failures are logged.
 */
export async function completeBreakdownThread(t: ThreadTarget, botUserId: () => Promise<string>, log: Logger): Promise<void> {
  try {
    const message = messageSchema.parse(await call(t.rest, 'get', Routes.channelMessage(t.channelId, t.messageId), {}, t.timeoutMs));
    if (!message.thread) {
      await postBreakdownThread(t);
      return;
    }
    const me = await botUserId();
    const page = pageSchema.parse(
      await call(t.rest, 'get', Routes.channelMessages(message.thread.id), { query: new URLSearchParams({ limit: String(HISTORY_PAGE) }) }, t.timeoutMs),
    );
    if (page.some((m) => m.author?.id === me)) return;
    await postBreakdown(t, message.thread.id);
  } catch (err) {
    log.warn('discord.digest.complete_failed', { channel: t.channelId, error: err });
  }
}
