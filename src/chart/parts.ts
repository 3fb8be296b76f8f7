/**
 * Creator letters, used by the text and JSON read-outs of a comparison ("A = @name").
 */

/** The creator letter used on compare read-outs: 0 -> "A". */
export function creatorLetter(i: number): string {
  return String.fromCharCode(65 + (i % 26));
}
