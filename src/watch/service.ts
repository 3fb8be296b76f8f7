/**
 * Watches from chat: watch and unwatch a creator in a channel, and the workspace's watches for the
 * list of subscriptions, always scoped to one (platform, workspace) so a command never touches
 * another workspace's channels. Watching a creator the workspace already has a digest for takes
 * the digest's creator; any other is resolved once (a credit, like subscribe). Unwatching finds
 * the watch without asking upstream.
 */
import { z } from 'zod';
import { creatorRef, matchesCreator } from '../digest/creator-input';
import { QuadrantsError } from '../errors';
import { PLATFORM_NAMES } from '../platforms';
import type { QuadrantsService } from '../service';
import type { Store, Watch } from '../store/types';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const scopeSchema = z.object({ platform: z.enum(PLATFORM_NAMES), workspaceId: id });
const changeSchema = scopeSchema.extend({
  channelId: id,
  creatorInput: z.string().min(1).max(300),
  by: z.string().min(1).max(64),
});
export type WatchRequest = z.input<typeof changeSchema>;

/** A change to announce in the watching channel. */
export interface WatchChange {
  action: 'watched' | 'already' | 'unwatched';
  watch: Watch;
  by: string;
}

export interface WatchService {
  watch(input: WatchRequest): Promise<WatchChange>;
  unwatch(input: WatchRequest): Promise<WatchChange>;
  /** A watch nobody can receive (the bot may not post in its channel): removed again if it was new. */
  unreachable(change: WatchChange): Promise<void>;
  /** Every watch of the workspace, in every channel (for the list of subscriptions). */
  list(scope: z.input<typeof scopeSchema>): Promise<Watch[]>;
}

export function createWatchService(options: { store: Store; service: Pick<QuadrantsService, 'resolveCreator'>; now?: () => Date }): WatchService {
  const { store, service } = options;
  const now = options.now ?? (() => new Date());

  async function inChannel(input: z.output<typeof changeSchema>): Promise<Watch | null> {
    const ref = creatorRef(input.creatorInput);
    if (ref === null) return null;
    const watches = await store.listWatches({ platform: input.platform, workspaceId: input.workspaceId, channelId: input.channelId });
    return watches.find((w) => matchesCreator(w, ref)) ?? null;
  }

  /** The creator as a digest of this workspace knows it (no credit spent), or null. */
  async function fromDigest(input: z.output<typeof changeSchema>): Promise<{ username: string; userid: string } | null> {
    const ref = creatorRef(input.creatorInput);
    if (ref === null) return null;
    const subs = await store.listSubscriptions({ platform: input.platform, workspaceId: input.workspaceId });
    const known = subs.find((s) => matchesCreator(s, ref));
    return known ? { username: known.creatorUsername, userid: known.creatorUserid } : null;
  }

  return {
    async watch(raw) {
      const input = parse(changeSchema, raw);
      const existing = await inChannel(input);
      if (existing) return { action: 'already', watch: existing, by: input.by };
      const creator = (await fromDigest(input)) ?? (await service.resolveCreator(input.creatorInput));
      if (!/^\d{1,25}$/.test(creator.userid)) throw new QuadrantsError('CREATOR_NOT_FOUND', 'resolved creator has no numeric id');
      const { watch, created } = await store.saveWatch(
        {
          platform: input.platform,
          workspaceId: input.workspaceId,
          channelId: input.channelId,
          creatorUserid: creator.userid,
          creatorUsername: creator.username.replace(/^@+/, '').slice(0, 64),
          createdBy: input.by,
        },
        now(),
      );
      return { action: created ? 'watched' : 'already', watch, by: input.by };
    },

    async unwatch(raw) {
      const input = parse(changeSchema, raw);
      const existing = await inChannel(input);
      if (!existing) {
        throw new QuadrantsError('BAD_INPUT', 'no such watch', { userMessage: 'This channel does not watch that creator, so nothing was changed.' });
      }
      await store.deleteWatch(existing);
      return { action: 'unwatched', watch: existing, by: input.by };
    },

    async unreachable(change) {
      if (change.action === 'watched') await store.deleteWatch(change.watch);
    },

    async list(raw) {
      const scope = parse(scopeSchema, raw);
      return store.listWatches({ platform: scope.platform, workspaceId: scope.workspaceId });
    },
  };
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new QuadrantsError('BAD_INPUT', `invalid watch request field: ${String(result.error.issues[0]?.path[0] ?? '')}`, {
      userMessage: 'That watch command did not look right; try `/quadrants help watch` for the usage.',
    });
  }
  return result.data;
}
