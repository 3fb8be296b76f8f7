import { median } from '../../src/quadrants/median';

describe('median', () => {
  it('is null for no values', () => expect(median([])).toBeNull());
  it('is the middle value for an odd count, whatever the order', () => expect(median([5, 1, 3])).toBe(3));
  it('is the mean of the two middle values for an even count', () => expect(median([4, 1, 3, 2])).toBe(2.5));
  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('median against a sort, on many random inputs', () => {
  it('matches the sorted middle for odd and even lengths, with ties', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rnd() * 40);
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 10) / 7);
      const s = [...values].sort((x, y) => x - y);
      const expected = n % 2 ? s[n >> 1] : ((s[(n >> 1) - 1] as number) + (s[n >> 1] as number)) / 2;
      expect(median(values)).toBeCloseTo(expected as number, 12);
    }
  });
});
