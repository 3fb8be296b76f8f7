/**
 * Latency and concurrency of message posts in the chat fakes: each post waits `latencyMs` before
 * it lands (as a real platform's round trip), and the fake counts how many posts are in flight at
 * once, so a test can read that deliveries overlapped (`peak`) without timing anything.
 * No jest globals: the benchmark imports it too.
 */

/** Posts in flight now and at most so far; `latencyMs` applies to the next posts. */
export interface PostLoad {
  latencyMs: number;
  inFlight: number;
  peak: number;
}

export function postLoad(latencyMs = 0): PostLoad {
  return { latencyMs, inFlight: 0, peak: 0 };
}

/**
 * Runs `handle` as one post: counted in flight from arrival until answered. `handle` calls the
 * `land` it is given once it has read the request (a client streaming a multipart body expects it
 * read promptly), and `land` waits the latency before the post takes effect.
 */
export async function asPost<T>(load: PostLoad, handle: (land: () => Promise<void>) => Promise<T>): Promise<T> {
  load.inFlight += 1;
  load.peak = Math.max(load.peak, load.inFlight);
  const latency = load.latencyMs;
  try {
    return await handle(() => (latency > 0 ? new Promise((resolve) => setTimeout(resolve, latency)) : Promise.resolve()));
  } finally {
    load.inFlight -= 1;
  }
}

/** For requests that are not posts: landing takes no time. */
export const landNow = (): Promise<void> => Promise.resolve();
