import {
  PLACED_COLOUR,
  PLACED_POST_LABEL,
  QUADRANT_COLOURS,
  SAVE_AXIS_TITLE,
  SHARE_AXIS_TITLE,
  buildChartConfig,
  buildCompareChartConfig,
  buildCompareMixChartConfig,
  buildDigestChartConfig,
  buildPlacementChartConfig,
  type ChartConfig,
  type ChartPoint,
} from '../../src/chart/config';
import { MAX_LABELS } from '../../src/chart/labels';
import { chartUrl } from '../../src/chart/quickchart';
import { MIN_TEXT_SIZE, POINT_RADIUS } from '../../src/chart/theme';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport } from '../../src/chart/samples';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import { QUADRANT_NAMES } from '../../src/quadrants/names';
import { QUADRANT_IDS } from '../../src/quadrants/types';
import { creatorPosts, makePost, variedReport } from './helpers';

const HOSTILE = [
  '__BEGINFUNCTION__process.exit(1)__ENDFUNCTION__',
  '"quoted" \'single\' `back`',
  '</script><script>alert(1)</script>',
  '${constructor}',
  '@everyone <!channel>',
];

function points(config: ChartConfig): ChartPoint[] {
  return config.data.datasets.flatMap((d) => d.data as ChartPoint[]);
}

/** Every font object anywhere in the config. */
function fonts(value: unknown, out: Array<{ size: number }> = []): Array<{ size: number }> {
  if (Array.isArray(value)) value.forEach((v) => fonts(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'font') out.push(v as { size: number });
      else fonts(v, out);
    }
  }
  return out;
}

function all(): Array<[string, ChartConfig]> {
  const digest = sampleDigest();
  return [
    ['report', buildChartConfig(sampleReport(35))!],
    ['digest', buildDigestChartConfig(digest.report, digest.previous)!],
    ['compare', buildCompareChartConfig(sampleCompare(35, 3))!],
    ['mix', buildCompareMixChartConfig(sampleCompare(35, 3))!],
    ['post', buildPlacementChartConfig(samplePlacement())!],
  ];
}

describe('every chart config', () => {
  it.each(all())('%s: is JSON only, fonts >= 13 px, axes from zero', (_name, config) => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    const f = fonts(config);
    expect(f.length).toBeGreaterThan(3);
    for (const font of f) expect(font.size).toBeGreaterThanOrEqual(MIN_TEXT_SIZE);
    const { x, y } = config.options.scales;
    for (const axis of [x, y]) {
      if (axis.min !== undefined) expect(axis.min).toBeLessThanOrEqual(0);
    }
    if (config.type === 'scatter') {
      expect(x.ticks.includeBounds).toBe(false); // ticks start at 0, the frame just below it
      expect(x.ticks.format).toMatchObject({ style: 'unit', unit: 'percent' });
      for (const p of points(config)) {
        expect(p.x).toBeLessThan(x.max as number);
        expect(p.y).toBeLessThan(y.max as number);
      }
    }
  });
});

describe('buildChartConfig', () => {
  const report = variedReport(12);
  const config = buildChartConfig(report)!;

  it('colours every dot by its quadrant and plots percentages', () => {
    for (const d of config.data.datasets) {
      const q = QUADRANT_IDS.find((id) => QUADRANT_NAMES[id] === d.label)!;
      expect(d.backgroundColor).toBe(QUADRANT_COLOURS[q]);
      expect(d.pointRadius ?? config.options.elements?.point.radius).toBeGreaterThanOrEqual(5);
    }
    // Posts on the same spot are one dot labelled with their count: every post is still there.
    const posts = (p: ChartPoint) => (p.label?.endsWith(' posts') || p.label?.includes(' posts (') ? Number(p.label.split(' ')[0]) : 1);
    expect(points(config).reduce((n, p) => n + posts(p), 0)).toBe(12);
    const first = report.posts[0]!;
    const drawn = points(config).find((p) => Math.abs(p.x - (first.shareRate as number) * 100) < 0.01 && Math.abs(p.y - (first.saveRate as number) * 100) < 0.01);
    expect(drawn).toBeDefined();
  });

  it('titles the axes in percent and names each quadrant inside the plot on its tinted area', () => {
    expect(config.options.scales.x.title.text).toBe(SHARE_AXIS_TITLE);
    expect(config.options.scales.y.title.text).toBe(SAVE_AXIS_TITLE);
    expect(SHARE_AXIS_TITLE).toBe('Share rate (% of views) · dashed = median');
    expect(SAVE_AXIS_TITLE).toBe('Save rate (% of views)');
    const notes = config.options.plugins.annotation!.annotations;
    for (const [i, q] of QUADRANT_IDS.entries()) {
      expect(notes[`q${i}`]).toMatchObject({ type: 'box', label: { content: QUADRANT_NAMES[q] } });
    }
    // Every name is shown, drawn after the dots.
    expect(config.options.elements!.boxAnnotation).toMatchObject({ label: { display: true, drawTime: 'afterDatasetsDraw' } });
  });

  it('tags the median lines with their values, drawn after the dots', () => {
    const notes = config.options.plugins.annotation!.annotations;
    const share = (report.medians.shareRate as number) * 100;
    expect(notes.medianX).toMatchObject({ type: 'line', scaleID: 'x' });
    expect(notes.medianX!.value as number).toBeCloseTo(share, 2);
    expect((notes.medianX!.label as { content: string }).content).toMatch(/^\d+(\.\d+)?%$/);
    expect((notes.medianY!.label as { content: string }).content).toMatch(/^\d+(\.\d+)?%$/);
    expect(config.options.elements!.lineAnnotation).toMatchObject({ label: { display: true, drawTime: 'afterDatasetsDraw' } });
  });

  it('numbers posts in bold, at most MAX_LABELS of them at 35 posts, always the posts the read-out names', () => {
    const big = sampleReport(35);
    const c = buildChartConfig(big)!;
    const texts = points(c).flatMap((p) => (p.label === undefined ? [] : [p.label]));
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.length).toBeLessThanOrEqual(MAX_LABELS);
    expect(new Set(texts).size).toBe(texts.length);
    // A single post shows its number; a merged dot lists the named posts it holds.
    const numbers = texts.flatMap((t) => (/^\d+$/.test(t) ? [Number(t)] : (t.match(/\(([^)]*)\)/)?.[1] ?? '').split(/[,…]/).map((n) => Number(n.trim())).filter((n) => n > 0)));
    const named = big.posts.filter((p) => p.quadrant === big.headline?.quadrant).map((p) => p.index).slice(0, 4);
    for (const n of named) expect(numbers).toContain(n);
    expect(c.options.plugins.datalabels.font).toMatchObject({ weight: 'bold' });
    // Named posts are drawn whatever they overlap: `display: true`, never only the chart-wide 'auto'.
    for (const d of c.data.datasets) {
      (d.data as ChartPoint[]).forEach((p, i) => {
        if (p.label === undefined || !named.includes(Number(p.label))) return;
        const display = d.datalabels?.display;
        expect(Array.isArray(display) ? display[i] : display).toBe(true);
      });
    }
    // Only datasets of numbered dots keep the labels on.
    for (const d of c.data.datasets) expect(d.datalabels?.display === false).toBe((d.data as ChartPoint[]).every((p) => p.label === undefined));
  });

  it('leaves out posts that are not split and returns null when nothing is', () => {
    const posts = [makePost(0, { views: 0, shares: 0, saves: 0 }), makePost(1, { saves: null }), ...Array.from({ length: 6 }, (_, i) => makePost(i + 2, { shares: 10 + i * 20, saves: 200 - i * 25 }))];
    expect(points(buildChartConfig(buildReport(creatorPosts(posts), 8))!)).toHaveLength(6);
    expect(buildChartConfig(buildReport(creatorPosts([makePost(0), makePost(1)]), 10))).toBeNull();
  });
});

describe('untrusted text never enters a config', () => {
  it('keeps hostile titles and usernames out of every config and URL', () => {
    const posts = Array.from({ length: 10 }, (_, i) => makePost(i, { title: HOSTILE[i % HOSTILE.length] as string, views: 10_000, shares: 50 + i * 13, saves: 90 + ((i * 37) % 200) }));
    const report = buildReport(creatorPosts(posts, { creator: { username: 'evil"user__BEGINFUNCTION__', userid: '6900000000000000001' } }), 10);
    const other = variedReport(8);
    const compare = buildCompare([creatorPosts(report.posts, { creator: report.creator }), creatorPosts(other.posts, { creator: { username: 'fine.name', userid: '2' } })], 10);
    const placement = placePost(makePost(99, { title: HOSTILE[0] as string, shares: 400, saves: 10 }), report, { credits: 1, fetchedAt: report.fetchedAt, demo: false });
    const configs = [buildChartConfig(report), buildCompareChartConfig(compare), buildCompareMixChartConfig(compare), buildPlacementChartConfig(placement), buildDigestChartConfig(report, report.medians)];
    for (const config of configs) {
      const text = JSON.stringify(config);
      const url = decodeURIComponent(chartUrl(config!, 'https://quickchart.io'));
      // Strings are single-quoted in the URL: a quote from outside would show as an escaped one.
      for (const needle of ['__BEGINFUNCTION__', '</script>', '${', '`', "\\'", '@everyone', 'evil']) {
        expect(text).not.toContain(needle);
        expect(url).not.toContain(needle);
      }
    }
    // The bad handle became a letter; the good one is shown.
    expect(buildCompareChartConfig(compare)!.data.datasets.map((d) => d.label)).toEqual(['Creator A', '@fine.name']);
  });
});

describe('buildCompareChartConfig', () => {
  const compare = sampleCompare(35, 3);
  const config = buildCompareChartConfig(compare)!;

  it('names creators by handle, in colours and shapes apart from the quadrant palette, with a legend', () => {
    expect(config.data.datasets.map((d) => d.label)).toEqual(['@mossy.kitchen', '@rowan.lifts', '@sofa.standup']);
    const colours = config.data.datasets.map((d) => d.backgroundColor);
    expect(new Set(colours).size).toBe(3);
    for (const c of colours) expect(Object.values(QUADRANT_COLOURS)).not.toContain(c);
    expect(new Set(config.data.datasets.map((d) => d.pointStyle)).size).toBe(3);
    expect(config.options.plugins.legend.display).toBe(true);
  });

  it("draws the pooled median lines and each creator's own median cross, on top, outlined in its colour", () => {
    const notes = config.options.plugins.annotation!.annotations;
    expect(config.options.elements!.pointAnnotation).toEqual({ pointStyle: 'cross', drawTime: 'afterDatasetsDraw' });
    for (const d of config.data.datasets) expect(d.borderColor).toBe(d.backgroundColor);
    expect(notes.medianX!.value as number).toBeCloseTo((compare.pooledMedians.shareRate as number) * 100, 1);
    compare.creators.forEach((c, i) => {
      expect(notes[`median${i}`]).toMatchObject({ type: 'point', borderColor: config.data.datasets[i]!.backgroundColor });
      // A white halo under each cross, both drawn after the dots.
      expect(notes[`halo${i}`]).toMatchObject({ type: 'point', borderColor: '#fff' });
      expect(Object.keys(notes).indexOf(`halo${i}`)).toBeLessThan(Object.keys(notes).indexOf(`median${i}`));
      expect(notes[`median${i}`]!.xValue as number).toBeCloseTo((c.report.medians.shareRate as number) * 100, 1);
    });
  });

  it('handles five creators', () => {
    const five = buildCompareChartConfig(sampleCompare(10, 5))!;
    expect(five.data.datasets).toHaveLength(5);
    expect(new Set(five.data.datasets.map((d) => `${d.backgroundColor}${d.pointStyle}`)).size).toBe(5);
  });
});

describe('buildCompareMixChartConfig', () => {
  it('is a 100% stacked horizontal bar per creator in quadrant colours', () => {
    const compare = sampleCompare(35, 3);
    const config = buildCompareMixChartConfig(compare)!;
    expect(config.type).toBe('bar');
    expect(config.options.indexAxis).toBe('y');
    expect(config.options.scales.x).toMatchObject({ stacked: true, min: 0, max: 100 });
    expect(config.data.labels).toEqual(['@mossy.kitchen', '@rowan.lifts', '@sofa.standup']);
    expect(config.data.datasets.map((d) => d.backgroundColor)).toEqual(QUADRANT_IDS.map((q) => QUADRANT_COLOURS[q]));
    compare.creators.forEach((c, i) => {
      const row = config.data.datasets.map((d) => (d.data[i] as number | null) ?? 0);
      expect(row.reduce((a, b) => a + b, 0)).toBe(100);
      const total = QUADRANT_IDS.reduce((n, q) => n + c.pooledCounts[q], 0);
      expect(row[0]).toBeCloseTo((c.pooledCounts['viral-evergreen'] * 100) / total, -0.5);
    });
  });
});

describe('buildPlacementChartConfig', () => {
  it('draws the placed post once, on top and marked, and its peers in grey', () => {
    const p = samplePlacement(3, 10);
    const config = buildPlacementChartConfig(p)!;
    const [placed, ...rest] = config.data.datasets;
    expect(placed!.backgroundColor).toBe(PLACED_COLOUR);
    expect(placed!.order).toBe(0);
    expect(placed!.pointRadius).toBeGreaterThan(POINT_RADIUS);
    expect(placed!.data).toEqual([expect.objectContaining({ label: PLACED_POST_LABEL })]);
    for (const d of rest) expect(d.order).toBeGreaterThan(0);
    const peerPoints = rest.flatMap((d) => d.data as ChartPoint[]);
    // Post 3 is in the window: it is drawn once, as the placed post, and is none of the peers.
    expect(p.baseline.posts.some((b) => b.id === p.post.id)).toBe(false);
    expect(peerPoints).toHaveLength(p.baseline.posts.filter((b) => b.quadrant !== null).length);
    const at = placed!.data[0] as ChartPoint;
    expect(peerPoints.some((q) => q.x === at.x && q.y === at.y)).toBe(false);
  });

  it('returns null when the post cannot be placed', () => {
    const baseline = variedReport(10);
    const placement = placePost(makePost(51, { views: 0, shares: 0, saves: 0 }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    expect(buildPlacementChartConfig(placement)).toBeNull();
  });
});

describe('buildDigestChartConfig', () => {
  it("draws last period's typical post as a ring with an arrow to this period's, in the cadence's words", () => {
    const { report } = sampleDigest();
    // Last period's typical post well away from this one's, so the arrow has room.
    const previous = { shareRate: (report.medians.shareRate as number) * 2.5, saveRate: (report.medians.saveRate as number) * 0.4, downloadRate: null };
    const monthly = buildDigestChartConfig(report, previous)!.options.plugins.annotation!.annotations;
    expect(monthly.prevRing).toMatchObject({ type: 'point', drawTime: 'afterDatasetsDraw' });
    expect(monthly.prevRing!.xValue as number).toBeCloseTo((previous.shareRate as number) * 100, 1);
    expect(monthly.prevRing!.yValue as number).toBeCloseTo((previous.saveRate as number) * 100, 1);
    expect(monthly.prevLabel!.content).toBe('last month');
    expect(monthly.prevArrow).toMatchObject({ type: 'line', xMax: monthly.medianX!.value, yMax: monthly.medianY!.value, arrowHeads: { end: { display: true } } });
    const weekly = buildDigestChartConfig(report, previous, 'weekly')!.options.plugins.annotation!.annotations;
    expect(weekly.prevLabel!.content).toBe('last week');
    expect(JSON.stringify(weekly)).not.toContain('month');
    expect(buildDigestChartConfig(report, null)).toEqual(buildChartConfig(report));
  });
});
