import {
  BASELINE_COLOUR,
  PLACED_COLOUR,
  PLACED_POST_LABEL,
  QUADRANT_COLOURS,
  SAVE_AXIS_TITLE,
  SHARE_AXIS_TITLE,
  buildChartConfig,
  buildCompareChartConfig,
  buildPlacementChartConfig,
} from '../../src/chart/config';
import { chartUrl } from '../../src/chart/quickchart';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import { QUADRANT_IDS } from '../../src/quadrants/types';
import { creatorPosts, makePost, variedReport } from './helpers';

const HOSTILE = [
  '__BEGINFUNCTION__process.exit(1)__ENDFUNCTION__',
  '"quoted" \'single\' `back`',
  '</script><script>alert(1)</script>',
  '${constructor}',
  '@everyone <!channel>',
];

function hostileReport() {
  const posts = Array.from({ length: 10 }, (_, i) =>
    makePost(i, { title: HOSTILE[i % HOSTILE.length] as string, views: 10_000, shares: 50 + i * 13, saves: 90 + ((i * 37) % 200) }),
  );
  return buildReport(creatorPosts(posts, { creator: { username: 'evil"user__BEGINFUNCTION__', userid: '6900000000000000001' } }), 10);
}

describe('buildChartConfig', () => {
  const report = variedReport(12);
  const config = buildChartConfig(report);

  it('is a Chart.js 2 scatter with one dataset per quadrant, each in its own colour', () => {
    expect(config.type).toBe('scatter');
    expect(config.data.datasets).toHaveLength(4);
    const colours = config.data.datasets.map((d) => d.backgroundColor);
    expect(colours).toEqual(QUADRANT_IDS.map((q) => QUADRANT_COLOURS[q]));
    expect(new Set(colours).size).toBe(4);
    config.data.datasets.forEach((d, i) => {
      const q = QUADRANT_IDS[i];
      expect(d.data.map((p) => p.r)).toEqual(report.posts.filter((p) => p.quadrant === q).map((p) => p.index));
    });
  });

  it('plots share rate (x) and save rate (y) as percentages with 3 significant digits of the axis', () => {
    const first = report.posts[0]!;
    const drawn = config.data.datasets.flatMap((d) => d.data).find((p) => p.r === 1)!;
    expect(drawn.x).toBeCloseTo((first.shareRate as number) * 100, 2);
    expect(drawn.y).toBeCloseTo((first.saveRate as number) * 100, 2);
  });

  it('draws dashed median lines at the medians, on the explicit x-axis-0 / y-axis-0 scales', () => {
    const [v, h] = config.options.annotation.annotations;
    expect(v).toMatchObject({ type: 'line', mode: 'vertical', scaleID: 'x-axis-0', borderDash: [4, 4] });
    expect(h).toMatchObject({ type: 'line', mode: 'horizontal', scaleID: 'y-axis-0', borderDash: [4, 4] });
    expect(v!.value).toBeCloseTo((report.medians.shareRate as number) * 100, 2);
    expect(h!.value).toBeCloseTo((report.medians.saveRate as number) * 100, 2);
    expect(config.options.scales.xAxes[0].id).toBe('x-axis-0');
    expect(config.options.scales.yAxes[0].id).toBe('y-axis-0');
  });

  it('titles the axes exactly, states the unit, labels points and keeps QuickChart from recolouring them', () => {
    expect(config.options.scales.xAxes[0].scaleLabel).toEqual({ display: true, labelString: SHARE_AXIS_TITLE });
    expect(config.options.scales.yAxes[0].scaleLabel).toEqual({ display: true, labelString: SAVE_AXIS_TITLE });
    expect(SHARE_AXIS_TITLE).toBe('Share rate (shares / views)');
    expect(SAVE_AXIS_TITLE).toBe('Save rate (saves / views)');
    expect(config.options.title.text).toContain('% of views');
    expect(config.options.plugins.datalabels).toEqual({ align: 'right' });
    expect(config.options.plugins.colorschemes.scheme).toBe('off');
  });

  it('contains no functions at all: it survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('leaves out posts that are not split (zero views, missing saves)', () => {
    const posts = [
      makePost(0, { views: 0, shares: 0, saves: 0 }),
      makePost(1, { saves: null }),
      ...Array.from({ length: 6 }, (_, i) => makePost(i + 2, { shares: 10 + i * 20, saves: 200 - i * 25 })),
    ];
    const r = buildReport(creatorPosts(posts), 8);
    const labels = buildChartConfig(r).data.datasets.flatMap((d) => d.data.map((p) => p.r));
    expect(labels).not.toContain(1);
    expect(labels).not.toContain(2);
    expect(labels.sort((a, b) => Number(a) - Number(b))).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('draws no median lines and no points when nothing could be split', () => {
    const r = buildReport(creatorPosts([makePost(0), makePost(1)]), 10);
    const c = buildChartConfig(r);
    expect(c.data.datasets.every((d) => d.data.length === 0)).toBe(true);
  });
});

describe('untrusted text never enters a config', () => {
  it('keeps hostile titles and usernames out of report, compare and placement configs and URLs', () => {
    const report = hostileReport();
    const other = variedReport(8);
    const compare = buildCompare(
      [creatorPosts(report.posts, { creator: report.creator }), creatorPosts(other.posts, { creator: { username: 'second', userid: '6900000000000000002' } })],
      10,
    );
    const hostilePost = makePost(99, { title: HOSTILE[0] as string, shares: 400, saves: 10 });
    const placement = placePost(hostilePost, report, { credits: 1, fetchedAt: report.fetchedAt, demo: false });
    for (const config of [buildChartConfig(report), buildCompareChartConfig(compare), buildPlacementChartConfig(placement)]) {
      const text = JSON.stringify(config);
      const url = decodeURIComponent(chartUrl(config, 'https://quickchart.io'));
      for (const needle of ['__BEGINFUNCTION__', '__ENDFUNCTION__', '</script>', '${', '`', "'", '@everyone', 'evil', 'second']) {
        expect(text).not.toContain(needle);
        expect(url).not.toContain(needle);
      }
      expect(text).not.toMatch(/post \d/);
    }
  });
});

describe('buildCompareChartConfig', () => {
  it('has one dataset per creator named by letter, points labelled A3, and pooled median lines', () => {
    const a = variedReport(6);
    const b = variedReport(5, (p, i) => ({ ...p, id: `${p.id}9`, shares: (p.shares ?? 0) * 2 + i }));
    const compare = buildCompare([creatorPosts(a.posts), creatorPosts(b.posts, { creator: { username: 'b', userid: '6900000000000000003' } })], 6);
    const config = buildCompareChartConfig(compare);
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Creator A', 'Creator B']);
    expect(config.data.datasets[0]!.data.map((p) => p.r)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(config.data.datasets[1]!.data.map((p) => p.r)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(config.data.datasets[0]!.backgroundColor).not.toBe(config.data.datasets[1]!.backgroundColor);
    const [v, h] = config.options.annotation.annotations;
    expect(v!.value).toBeCloseTo((compare.pooledMedians.shareRate as number) * 100, 2);
    expect(h!.value).toBeCloseTo((compare.pooledMedians.saveRate as number) * 100, 2);
  });
});

describe('buildPlacementChartConfig', () => {
  it('draws the baseline in grey and the placed post highlighted as P', () => {
    const baseline = variedReport(10);
    const placement = placePost(makePost(50, { views: 20_000, shares: 900, saves: 900 }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    const config = buildPlacementChartConfig(placement);
    const [base, placed] = config.data.datasets;
    expect(base!.backgroundColor).toBe(BASELINE_COLOUR);
    expect(base!.data).toHaveLength(10);
    expect(placed!.backgroundColor).toBe(PLACED_COLOUR);
    expect(placed!.pointRadius).toBeGreaterThan(3);
    expect(placed!.data).toEqual([{ x: 4.5, y: 4.5, r: PLACED_POST_LABEL }]);
    expect(config.options.annotation.annotations[0]!.value).toBeCloseTo((baseline.medians.shareRate as number) * 100, 2);
  });

  it('draws no placed point when the post has no views', () => {
    const baseline = variedReport(10);
    const placement = placePost(makePost(51, { views: 0, shares: 0, saves: 0 }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    expect(buildPlacementChartConfig(placement).data.datasets[1]!.data).toEqual([]);
  });
});
