/**
 * How far V8 lets the bot's heap grow past what it holds. After each full collection V8 sets the
 * next limit at up to four times the live heap when the program allocates fast, as a digest pass
 * does (a thousand cards, uploads and posts): about 36 MB live grew to a 147 MB heap, almost all
 * of it garbage waiting for the next collection, and the process to 232 MB. Half again the live
 * heap keeps a pass near 150 MB for a few more collections of some 20 ms each, done mostly
 * alongside the program.
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow to (1 + this / 100) times what the last full collection kept. */
export const HEAP_GROWING_PERCENT = 50;

/** Applies the bound to this process; the flag is read at each collection, so it holds from the next one on. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
