/**
 * Looks at what a person sees: every chart is drawn with the local renderer and the assertions are
 * about where things landed in the picture (drawLocal reports the drawn points and label boxes),
 * not about the config that was meant to produce it.
 */
import { buildChartConfig, buildCompareChartConfig, buildDigestChartConfig, buildPlacementChartConfig } from '../../src/chart/config';
import { drawLocal, type DrawnLabel } from '../../src/chart/local';
import { sampleDigest } from '../../src/chart/samples';
import { CREATOR_COLOURS, POINT_RADIUS } from '../../src/chart/theme';
import { clashes, dotBox, farOutPlacement, fiveCreatorCompare, identicalReport, near, numbersIn, outlierReport, overlap, pixelsOf, scatterCases } from './geometry-fixtures';

const cases = scatterCases().map((c) => ({ ...c, drawing: drawLocal(c.config) }));
const table = cases.map((c) => [c.name, c] as const);
const isTag = (l: DrawnLabel) => l.kind === 'annotation' && (l.id === 'medianX' || l.id === 'medianY');
/** Dots drawn at the axis edge for a far-out post (a turned triangle) are not the tidy posts. */
const edgeDot = (config: (typeof cases)[number]['config'], datasetIndex: number) => config.data.datasets[datasetIndex]!.pointStyle === 'triangle';

describe('drawn charts', () => {
  it.each(table)('%s: every post the read-out names has its number drawn', (_name, c) => {
    const drawn = c.drawing.labels.filter((l) => l.kind === 'point').flatMap((l) => numbersIn(l.text));
    for (const n of c.named) expect(drawn).toContain(n);
  });

  it.each(table)('%s: both median tags are drawn, in the margin, covered by no dot and no number', (_name, c) => {
    const tags = c.drawing.labels.filter(isTag);
    expect(tags.map((t) => t.id).sort()).toEqual(['medianX', 'medianY']);
    for (const tag of tags) {
      expect(tag.text).toMatch(/^\d+(\.\d+)?%$/);
      for (const p of c.drawing.points) expect(overlap(tag.box, dotBox(p))).toBe(0);
      for (const l of c.drawing.labels.filter((o) => o.kind === 'point')) expect(overlap(tag.box, l.box)).toBe(0);
    }
    const { area } = c.drawing;
    const x = tags.find((t) => t.id === 'medianX')!.box;
    const y = tags.find((t) => t.id === 'medianY')!.box;
    expect(x.bottom).toBeLessThanOrEqual(area.top);
    expect(x.top).toBeGreaterThanOrEqual(0);
    expect(y.left).toBeGreaterThanOrEqual(area.right);
    expect(y.right).toBeLessThanOrEqual(480);
  });

  it.each(table)('%s: no label is drawn over another', (_name, c) => {
    expect(clashes(c.drawing.labels)).toEqual([]);
  });

  it.each(table)('%s: the tidy posts span at least a quarter of the plot width', (_name, c) => {
    // Distance from the zero line, as drawn; a post more than 2.5 times as far out as the next one
    // (one or two of them) is an outlier wherever it was drawn, and so is a dot drawn at the edge.
    const zero = c.drawing.toPixel(0, 0).x;
    const xs = c.drawing.points.filter((p) => !edgeDot(c.config, p.datasetIndex)).map((p) => p.x - zero).sort((a, b) => b - a);
    for (let k = 0; k < 2 && xs.length > 4 && xs[0]! > 2.5 * xs[1]!; k++) xs.shift();
    const width = c.drawing.area.right - c.drawing.area.left;
    expect((Math.max(...xs) - Math.min(...xs)) / width).toBeGreaterThanOrEqual(0.25);
  });

  it.each(table)('%s: every dot is drawn in a colour, never white on white', (_name, c) => {
    const white = (s: string) => /^(#fff(f{3})?|white|rgba\(0, 0, 0, 0\.1\))$/i.test(s);
    for (const p of c.drawing.points) {
      // A star or a cross has no inside: only its outline shows.
      const shown = ['star', 'cross', 'crossRot', 'line', 'dash'].includes(p.pointStyle) ? [p.stroke] : [p.fill, p.stroke];
      expect(shown.some((s) => !white(s))).toBe(true);
    }
  });
});

describe('untidy data, drawn', () => {
  it('one far-out post: drawn at the right edge with its value and an arrow; the rest are not squeezed', () => {
    const report = outlierReport();
    const drawing = drawLocal(buildChartConfig(report)!);
    const far = report.posts.find((p) => p.index === 7)!;
    const label = drawing.labels.find((l) => l.kind === 'point' && l.text.startsWith(`${far.index}: `))!;
    expect(label.text).toMatch(new RegExp(`^7: ${Math.round((far.shareRate as number) * 100)}%? →$|^7: \\d+% →$`));
    const edge = drawing.points.find((p) => p.pointStyle === 'triangle')!;
    expect(drawing.area.right - edge.x).toBeLessThan(20);
    expect(edge.x + edge.radius).toBeLessThanOrEqual(drawing.area.right + 1);
  });

  it('a far-out placed post: drawn at the right edge as "P: <value> →", the recent posts spread out', () => {
    const placement = farOutPlacement();
    const drawing = drawLocal(buildPlacementChartConfig(placement)!);
    const share = Math.round((placement.post.shareRate as number) * 100);
    expect(drawing.labels.map((l) => l.text)).toContain(`P: ${share}% →`);
    const p = drawing.points.find((d) => d.datasetIndex === 0)!;
    expect(p.pointStyle).toBe('triangle');
    expect(drawing.area.right - p.x).toBeLessThan(20);
  });

  it('31 identical posts: one large dot labelled "31 posts", so the chart does not look evergreen', () => {
    const drawing = drawLocal(buildChartConfig(identicalReport())!);
    const label = drawing.labels.find((l) => l.kind === 'point' && l.text.startsWith('31 posts'))!;
    expect(label).toBeDefined();
    const merged = drawing.points.find((p) => Math.abs(p.x - label.box.left) < 40 && Math.abs(p.y - (label.box.top + label.box.bottom) / 2) < 4)!;
    expect(merged.radius).toBeGreaterThan(POINT_RADIUS * 1.5);
    // Five dots for 35 posts: the 31 and the 4 others.
    expect(drawing.points).toHaveLength(5);
  });

  it('five creators: every creator shows in its own colour, and its median cross is on top of the dots', async () => {
    const compare = fiveCreatorCompare();
    const config = buildCompareChartConfig(compare)!;
    const drawing = drawLocal(config);
    const px = await pixelsOf(drawing);
    expect(drawing.legend).toEqual(['@ava.bakes', '@ben.builds', '@cleo.codes', '@dan.dances', '@eve.eats']);
    compare.creators.forEach((c, i) => {
      const colour = CREATOR_COLOURS[i]!;
      const mine = drawing.points.filter((p) => p.datasetIndex === i);
      expect(mine.length).toBe(35);
      // A point is seen when some pixel of it is in the creator's colour.
      const seen = mine.filter((p) => {
        for (let dx = -p.radius; dx <= p.radius; dx += 1) for (let dy = -p.radius; dy <= p.radius; dy += 1) if (near(px(p.x + dx, p.y + dy), colour)) return true;
        return false;
      });
      expect(seen.length / mine.length).toBeGreaterThan(0.8);
      const cross = config.options.plugins.annotation!.annotations[`median${i}`]!;
      const at = drawing.toPixel(cross.xValue as number, cross.yValue as number);
      // The cross's arm, just off its centre, is in the creator's colour (nothing drawn over it but
      // the crosses drawn after it).
      const arm = [px(at.x + 6, at.y), px(at.x - 6, at.y), px(at.x, at.y + 6), px(at.x, at.y - 6)];
      expect(arm.some((p) => near(p, colour, 30))).toBe(true);
    });
  });

  it("a weekly digest labels last period's typical post \"last week\", as drawn", () => {
    const { report, previous } = sampleDigest();
    const weekly = drawLocal(buildDigestChartConfig(report, previous, 'weekly')!);
    expect(weekly.labels.filter((l) => l.kind === 'annotation').map((l) => l.text)).toContain('last week');
    expect(weekly.labels.some((l) => l.text.includes('month'))).toBe(false);
    const monthly = drawLocal(buildDigestChartConfig(report, previous, 'monthly')!);
    expect(monthly.labels.map((l) => l.text)).toContain('last month');
  });
});
