/**
 * The fake Discord's side of the Discord benches, run in a child process (./worker-rpc.ts) so Discord's side of
 * the work (accepting connections, parsing requests, timing acknowledgements) does not share the
 * bot's event loop, as with the real service. All times are taken here with this process's clock;
 * only durations and ids leave it, so the bench's own bookkeeping never runs in the bot's process.
 * Messages in `{id, op, args}`, out `{id, result}` / `{id, error}`; first out `{ready, token, applicationId, apiUrl, guildId}`.
 */
import { startFakeDiscord, type FakeDiscord, type InteractionInput, type RecordedCall } from '../test/fakes/discord';
import { fakeChannel, serveOps, type FakeChannel } from './worker-rpc';

/** Which call of an interaction to wait for: `{ pathEndsWith: '/callback' }` is its acknowledgement. */
export interface CallMatch {
  method?: string;
  pathEndsWith?: string;
}

export interface DiscordBenchOps {
  token: string;
  applicationId: string;
  apiUrl: string;
  /** The seeded guild (button values name it). */
  guildId: string;
  /** Dispatches the interactions back to back; resolves with their tokens. */
  burst(inputs: InteractionInput[]): Promise<string[]>;
  /** Ms from each interaction's dispatch to its first call (past or future) that matches. */
  latencies(tokens: string[], match: CallMatch): Promise<number[]>;
  /** The id of the message an interaction's reply became, or null. */
  messageOf(token: string): Promise<string | null>;
  close(): Promise<void>;
}

/** The interaction token a call was made with (callback, original reply, follow-ups), or null. */
function tokenOf(path: string): string | null {
  return /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/.exec(path)?.[1] ?? null;
}

function matches(c: RecordedCall, match: CallMatch): boolean {
  return (match.method === undefined || c.method === match.method) && (match.pathEndsWith === undefined || c.path.endsWith(match.pathEndsWith));
}

/** The bench operations over a fake Discord in this thread; calls are indexed by token, so a burst costs O(1) per call. */
export function discordBenchOps(fake: FakeDiscord): DiscordBenchOps {
  const dispatchedAt = new Map<string, number>();
  const calls = new Map<string, RecordedCall[]>();
  const waiting = new Map<string, Array<{ match: CallMatch; resolve: (c: RecordedCall) => void }>>();
  fake.events.on('call', (c: RecordedCall) => {
    const token = tokenOf(c.path);
    if (token === null) return;
    calls.set(token, [...(calls.get(token) ?? []), c]);
    const waiters = waiting.get(token);
    if (!waiters) return;
    waiting.set(token, waiters.filter((w) => !matches(c, w.match)));
    for (const w of waiters) if (matches(c, w.match)) w.resolve(c);
  });
  const first = (token: string, match: CallMatch): Promise<RecordedCall> => {
    const found = calls.get(token)?.find((c) => matches(c, match));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiting.set(token, [...(waiting.get(token) ?? []), { match, resolve }]));
  };
  return {
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    guildId: fake.guildId,
    async burst(inputs) {
      return inputs.map((input) => {
        const sent = fake.dispatchInteraction(input);
        dispatchedAt.set(sent.token, sent.dispatchedAt);
        return sent.token;
      });
    },
    latencies: (tokens, match) => Promise.all(tokens.map(async (t) => (await first(t, match)).at - (dispatchedAt.get(t) ?? Number.NaN))),
    // The message an interaction's reply became (buttons are clicked on it).
    messageOf: async (token) => [...fake.messages.values()].find((x) => x.token === token && !x.deleted)?.id ?? null,
    close: () => fake.close(),
  };
}

async function serve(port: FakeChannel): Promise<void> {
  const ops = discordBenchOps(await startFakeDiscord());
  serveOps(port, ops, { token: ops.token, applicationId: ops.applicationId, apiUrl: ops.apiUrl, guildId: ops.guildId });
}

const port = fakeChannel();
if (port) void serve(port);
