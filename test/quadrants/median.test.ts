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
