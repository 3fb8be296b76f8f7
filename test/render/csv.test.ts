/**
 * CSV export: column order, RFC 4180 quoting, ids as strings, rates as fractions, empty cells for
 * missing counters, and formula neutralisation.
 */
import { CSV_COLUMNS, compareToCsv, csvCell, csvFileName, reportToCsv } from '../../src/render/csv';
import { reportToJson } from '../../src/render/json';
import { buildCompare } from '../../src/quadrants/compare';
import { buildReport } from '../../src/quadrants/report';
import { creatorPosts, post } from '../quadrants/helpers';

/** A minimal RFC 4180 reader, so the tests check what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cell = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), (i += 1);
    } else cell += ch;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as plain decimals and missing values as empty cells', () => {
    expect(csvCell(0.0123)).toBe('0.0123');
    expect(csvCell(1e-7)).toBe('0.0000001');
    expect(csvCell(271313)).toBe('271313');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe('reportToCsv', () => {
  const posts = [
    post({ views: 1000, shares: 10, saves: 50, downloads: 3, title: '=cmd|"/c calc"!A1, with a comma' }),
    post({ views: 1000, shares: 20, saves: 10, title: '@everyone look' }),
    post({ views: 1000, shares: 5, saves: 5 }),
    post({ views: 2000, shares: null, saves: 30, downloads: null }),
  ];
  const report = buildReport(creatorPosts(posts), 10);
  const csv = reportToCsv(report);
  const rows = parseCsv(csv);

  it('has the header in the contract order and one row per post, newest first, CRLF line ends', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(CSV_COLUMNS.join(',')).toBe('id,title,created_at,views,likes,comments,shares,saves,downloads,share_rate,save_rate,download_rate,quadrant,template,url');
    expect(rows).toHaveLength(5);
    expect(rows.slice(1).map((r) => r[0])).toEqual(posts.map((p) => p.id));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(6);
  });

  it('keeps ids as the exact digit strings and rates as fractions', () => {
    const first = rows[1] as string[];
    expect(first[0]).toBe(posts[0]!.id);
    expect(first[0]).toMatch(/^\d{19}$/);
    expect(first[2]).toBe(new Date(posts[0]!.createdAt * 1000).toISOString());
    expect(first[9]).toBe('0.01');
    expect(first[10]).toBe('0.05');
    expect(first[11]).toBe('0.003');
    expect(first[13]).toBe(report.posts[0]!.template ? 'true' : 'false');
  });

  it('neutralises formula titles and quotes commas and quotes', () => {
    expect(rows[1]![1]).toBe(`'=cmd|"/c calc"!A1, with a comma`);
    expect(rows[2]![1]).toBe("'@everyone look");
  });

  it('leaves missing counters and their rates empty, and an unplaced post without a quadrant', () => {
    const missing = rows[4] as string[];
    expect(missing[6]).toBe('');
    expect(missing[8]).toBe('');
    expect(missing[9]).toBe('');
    expect(missing[11]).toBe('');
    expect(missing[12]).toBe('');
    expect(missing[7]).toBe('30');
  });
});

describe('the url column', () => {
  const posts = [post({ views: 1000, shares: 10, saves: 50 }), post({ views: 1000, shares: 20, saves: 10 }), post({ views: 1000, shares: 5, saves: 5 })];

  it('links each post to its video, built from the handle and the id', () => {
    const rows = parseCsv(reportToCsv(buildReport(creatorPosts(posts), 10)));
    expect(rows.slice(1).map((r) => r[14])).toEqual(posts.map((p) => `https://www.tiktok.com/@tester/video/${p.id}`));
    expect(reportToJson(buildReport(creatorPosts(posts), 10)).posts.map((p) => p.url)).toEqual(posts.map((p) => `https://www.tiktok.com/@tester/video/${p.id}`));
  });

  it.each(['[x](https://evil.example)', '=HYPERLINK("https://evil.example")', 'a/../b', ''])('is empty for a handle that fails the whitelist (%s), never a link built from it', (username) => {
    const r = buildReport({ ...creatorPosts(posts), creator: { username, userid: '6912345678901234567' } }, 10);
    expect(parseCsv(reportToCsv(r)).slice(1).map((row) => row[14])).toEqual(['', '', '']);
    expect(reportToJson(r).posts.map((p) => p.url)).toEqual([null, null, null]);
  });

  it('is empty for a video id that is not digits', () => {
    const odd = [post({ views: 1000, shares: 10, saves: 50, id: 'abc/../x' }), ...posts.slice(1)];
    const row = parseCsv(reportToCsv(buildReport(creatorPosts(odd), 10))).find((r) => r[0] === 'abc/../x');
    expect(row?.[14]).toBe('');
  });
});

describe('compareToCsv', () => {
  it('adds a leading creator column and one row per post of every creator', () => {
    const a = creatorPosts([post({ views: 100, shares: 1, saves: 2 }), post({ views: 100, shares: 2, saves: 1 }), post({ views: 100, shares: 3, saves: 3 })]);
    const b = { ...creatorPosts([post({ views: 100, shares: 4, saves: 2 }), post({ views: 100, shares: 1, saves: 5 })]), creator: { username: 'other.one', userid: '42' } };
    const rows = parseCsv(compareToCsv(buildCompare([a, b], 10)));
    expect(rows[0]).toEqual(['creator', ...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['tester', 'tester', 'tester', 'other.one', 'other.one']);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length + 1)).toBe(true);
    expect(rows[4]?.[15]).toMatch(/^https:\/\/www\.tiktok\.com\/@other\.one\/video\/\d+$/);
  });
});

describe('csvFileName', () => {
  it('keeps only safe characters', () => {
    expect(csvFileName('@mossy.kitchen')).toBe('quadrants-mossy.kitchen.csv');
    expect(csvFileName('../../etc/passwd')).toBe('quadrants-..-..-etc-passwd.csv');
    expect(csvFileName('')).toBe('quadrants-report.csv');
  });
});
