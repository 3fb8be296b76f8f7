/**
 * The small print under every result: where the numbers came from and what they cost.
 */
import { plural } from '../format';
import { say, time, words, type Inline } from '../inline';

/** Shown on every result built from the bundled demo dataset. */
export const DEMO_NOTICE = 'Demo data: these creators and numbers are invented; the bot reads real creators once TIKLIVEAPI_KEY is set.';

export function dataLine(result: { fetchedAt: string; credits: number; demo: boolean }): Inline {
  const cost = plural(result.credits, 'API credit');
  return result.demo ? words(`${DEMO_NOTICE} ${cost} spent.`) : say`Data from TikLiveAPI, fetched ${time(result.fetchedAt)} · ${words(cost)} spent.`;
}
