/**
 * What every platform's DigestDelivery needs to find its own digests again: the deadline of one
 * call, the bot's identity asked once, and a channel's history read page by page.
 */

/** Deadline of one digest call to a platform (digest clients never retry by themselves). */
export const DIGEST_CALL_TIMEOUT_MS = 15_000;

/** `send` with a signal that aborts it after `timeoutMs` (for clients that take a signal, not a timeout). */
export async function withDeadline<T>(timeoutMs: number, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await send(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `ask` answered once and kept (the bot's own id, for telling its messages apart). A failure is
 * not kept, so a token fixed in the meantime is picked up on the next call.
 */
export function keptOnceAnswered<T>(ask: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | null = null;
  return () => {
    kept ??= ask().catch((err: unknown) => {
      kept = null;
      throw err;
    });
    return kept;
  };
}

/** One page of a history: its messages, and where the next page starts (undefined: the last). */
export interface HistoryPage<M, C> {
  items: readonly M[];
  next: C | undefined;
}

/**
 * The first message `match` accepts, reading page after page from `read(undefined)` until a page
 * has no next: null when none matched, undefined when `maxPages` pages were read without an end
 * (a guard against a server that never stops paging).
 */
export async function findInPages<M, C>(read: (cursor: C | undefined) => Promise<HistoryPage<M, C>>, match: (m: M) => boolean, maxPages: number): Promise<M | null | undefined> {
  let cursor: C | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const { items, next } = await read(cursor);
    const hit = items.find(match);
    if (hit !== undefined) return hit;
    if (next === undefined) return null;
    cursor = next;
  }
  return undefined;
}
