/**
 * formatCount writes counters as en-US does ("1,234,567") without calling into ICU, whose first
 * use costs a cold CLI 25 ms after the upstream answered.
 */
import { formatCount } from '../../src/chat/format';

describe('formatCount', () => {
  it('groups thousands exactly as toLocaleString("en-US"), rounding to whole numbers', () => {
    const values = [0, 1, 12, 999, 999.5, 1000, 1234, 12_345, 123_456, 1_234_567, 98_765_432_109, -1, -1234, -1_234_567, 2 ** 53 - 1];
    for (const n of values) expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en-US'));
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('reads n/a without a number and leaves numbers past 2^53 to ICU', () => {
    expect([formatCount(null), formatCount(Number.NaN), formatCount(Number.POSITIVE_INFINITY)]).toEqual(['n/a', 'n/a', 'n/a']);
    expect(formatCount(1e21)).toBe((1e21).toLocaleString('en-US'));
  });

  it('does not load ICU number formats for a count', () => {
    const spy = jest.spyOn(Number.prototype, 'toLocaleString');
    try {
      expect(formatCount(12_919)).toBe('12,919');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
