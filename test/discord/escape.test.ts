import { neutraliseMentions, safeInline, safePlain, truncate } from '../../adapters/discord/escape';

/** True when Discord would parse a mention (user, role, everyone/here, channel) in the text. */
function pings(text: string): boolean {
  return /@(everyone|here)\b/.test(text) || /<@[!&]?\d+>/.test(text) || /<#\d+>/.test(text);
}

describe('discord escape', () => {
  it.each(['@everyone look', 'hi @here', '<@123456789012345678>', '<@!123456789012345678>', '<@&987654321098765432>', '<#111111111111111111>'])(
    'breaks the mention in %s',
    (input) => {
      expect(pings(input)).toBe(true);
      expect(pings(neutraliseMentions(input))).toBe(false);
      expect(pings(safeInline(input))).toBe(false);
      expect(pings(safePlain(input, 100))).toBe(false);
    },
  );

  it('escapes markdown that could break an embed', () => {
    const out = safeInline('**bold** _it_ ~~s~~ ||spoiler|| `code` [link](https://evil.example) # big');
    expect(out).not.toMatch(/(?<!\\)\*\*/);
    expect(out).not.toMatch(/(?<!\\)\|\|/);
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(out).toContain('\\[link\\]');
    expect(safeInline('# heading')).toBe('\\# heading');
    expect(safeInline('> quote')).toBe('\\> quote');
    expect(safeInline('- item')).toBe('\\- item');
    expect(safeInline('-# small')).toBe('\\-# small');
    expect(safeInline('12. twelve')).toBe('12\\. twelve');
    expect(safeInline('back\\slash')).toBe('back\\\\slash');
  });

  it('flattens newlines and control characters into one line', () => {
    expect(safeInline('line one\n# line two\r\n\u0007bell')).toBe('line one # line two bell');
  });

  it('truncates before escaping, without splitting a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
    const long = safeInline('*'.repeat(500), 10);
    expect(long).toBe('\\*'.repeat(9) + '…');
  });
});

describe('handles', () => {
  it('leaves ordinary handles alone but breaks one that spells a mass mention', () => {
    expect(neutraliseMentions('@mossy.kitchen')).toBe('@mossy.kitchen');
    expect(neutraliseMentions('@Everyone')).toBe('@\u200bEveryone');
  });
});
