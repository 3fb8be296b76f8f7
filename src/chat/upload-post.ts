/**
 * Posting a card whose charts travel as uploaded files, in the order a platform that shows an
 * uploaded file inside a message needs: each PNG drawn and uploaded privately first (one that
 * fails costs only its picture, and the card says so), then the message naming the files, tried
 * again while the platform is still processing them (a refused post put nothing in the channel,
 * so retrying can never double it). If it still refuses, the PNGs are shared where the message
 * goes and the card follows right under them, so the picture is never lost.
 */
import type { Card, CardChart } from './card';
import { uploads, withChartFailed } from './chart-delivery';

/** Waits between posts that meet a file still being processed: about 3.5 s in all. */
export const FILE_READY_DELAYS_MS: readonly number[] = [250, 500, 1000, 1750];

/** The platform's calls, and (for tests) how long and how to wait between tries. */
export interface FilePoster<F, R> {
  /** Uploads one drawn chart: privately, or (`shared`, the last resort) where the message goes. */
  upload(png: Buffer, chart: CardChart, shared: boolean): Promise<F>;
  /** Posts the card, showing the uploaded `files` when given. */
  post(card: Card, files?: ReadonlyMap<CardChart, F>): Promise<R>;
  /** True when a post was refused only because a file is not ready yet. */
  notReady(err: unknown): boolean;
  uploadFailed(err: unknown, shared: boolean): void;
  /** Every try refused while the files were processed: the last resort follows. */
  gaveUp(tries: number): void;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  delaysMs?: readonly number[] | undefined;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Posts `card` with its uploaded charts in the message; throws what `post` throws. */
export async function postWithUploads<F, R>(card: Card, p: FilePoster<F, R>): Promise<R> {
  const files = new Map<CardChart, F>();
  const pngs = new Map<CardChart, Buffer>();
  let failed = false;
  for (const chart of uploads(card)) {
    try {
      const png = await (chart.png as () => Promise<Buffer>)();
      pngs.set(chart, png);
      files.set(chart, await p.upload(png, chart, false));
    } catch (err) {
      failed = true;
      p.uploadFailed(err, false);
    }
  }
  const ready = failed ? withChartFailed(card) : card;
  if (files.size === 0) return p.post(ready);
  const delays = p.delaysMs ?? FILE_READY_DELAYS_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await p.post(ready, files);
    } catch (err) {
      if (!p.notReady(err)) throw err;
      const wait = delays[attempt];
      if (wait === undefined) break;
      await (p.sleep ?? realSleep)(wait);
    }
  }
  p.gaveUp(delays.length + 1);
  // Shared where the message goes, then the read-out right under it (its thread stays its own).
  let shared = false;
  for (const [chart, png] of pngs) {
    try {
      await p.upload(png, chart, true);
      shared = true;
    } catch (err) {
      p.uploadFailed(err, true);
    }
  }
  return p.post(shared ? ready : withChartFailed(ready));
}
