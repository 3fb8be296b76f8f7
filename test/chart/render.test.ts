/**
 * Looks at the pictures the local renderer draws: tints at the right corners, every dot inside the
 * plot, legends present. Pixels are sampled from the PNG itself.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { buildChartConfig, buildCompareChartConfig, buildCompareMixChartConfig, buildPlacementChartConfig, type ChartConfig, type ChartPoint } from '../../src/chart/config';
import { drawLocal, type LocalDrawing } from '../../src/chart/local';
import { createLocalRenderer } from '../../src/chart/renderer';
import { sampleCompare, samplePlacement, sampleReport } from '../../src/chart/samples';
import { CHART_HEIGHT, CHART_PIXEL_RATIO, CHART_WIDTH, PLACED_COLOUR, POINT_RADIUS, QUADRANT_COLOURS } from '../../src/chart/theme';

type Rgb = [number, number, number];

async function pixels(png: Buffer): Promise<(x: number, y: number) => Rgb> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return (x, y) => {
    const i = (Math.round(y * CHART_PIXEL_RATIO) * img.width + Math.round(x * CHART_PIXEL_RATIO)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}

function hex(colour: string): Rgb {
  const h = colour.slice(1, 7);
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** The tint of `colour` over white: pale, and leaning towards the colour's strongest channel. */
function tintedLike(px: Rgb, colour: string): boolean {
  const c = hex(colour);
  const strongest = c.indexOf(Math.max(...c));
  const weakest = c.indexOf(Math.min(...c));
  return px.every((v) => v > 180 && v < 255) && px[strongest]! > px[weakest]!;
}

function expectDotsInside(drawing: LocalDrawing, config: ChartConfig): void {
  const { area } = drawing;
  for (const p of config.data.datasets.flatMap((d) => d.data as ChartPoint[])) {
    const at = drawing.toPixel(p.x, p.y);
    expect(at.x - POINT_RADIUS).toBeGreaterThanOrEqual(area.left);
    expect(at.x + POINT_RADIUS).toBeLessThanOrEqual(area.right);
    expect(at.y - POINT_RADIUS).toBeGreaterThanOrEqual(area.top);
    expect(at.y + POINT_RADIUS).toBeLessThanOrEqual(area.bottom);
  }
}

describe('local renderer', () => {
  it('draws the demo report: a PNG of the chart size, each quadrant tinted at its corner, every dot inside the plot', async () => {
    const config = buildChartConfig(sampleReport(10))!;
    const drawing = drawLocal(config);
    const px = await pixels(drawing.png);
    const img = await loadImage(drawing.png);
    expect([img.width, img.height]).toEqual([CHART_WIDTH * CHART_PIXEL_RATIO, CHART_HEIGHT * CHART_PIXEL_RATIO]);
    const { left, right, top, bottom } = drawing.area;
    // Just inside each corner of the plot, clear of the names (they sit at the very corner's edge).
    const inset = 3;
    const mid = (a: number, b: number) => (a + b) / 2;
    const m = drawing.toPixel(config.options.plugins.annotation!.annotations.medianX!.value as number, config.options.plugins.annotation!.annotations.medianY!.value as number);
    expect(tintedLike(px(mid(m.x, right), top + inset + 30), QUADRANT_COLOURS['viral-evergreen'])).toBe(true);
    expect(tintedLike(px(left + inset, mid(top, m.y) + 20), QUADRANT_COLOURS['niche-reference'])).toBe(true);
    expect(tintedLike(px(mid(m.x, right), bottom - inset - 30), QUADRANT_COLOURS['viral-disposable'])).toBe(true);
    const dead = px(left + inset, bottom - 40);
    expect(dead.every((v) => v > 200 && v < 250)).toBe(true);
    // Outside the plot the background is white.
    expect(px(2, 2)).toEqual([255, 255, 255]);
    expectDotsInside(drawing, config);
  });

  it('draws a 35-post report with every dot inside the plot', () => {
    const config = buildChartConfig(sampleReport(35))!;
    expectDotsInside(drawLocal(config), config);
  });

  it('draws a 3-creator compare with a legend of handles, and the mix bars', () => {
    const compare = sampleCompare(35, 3);
    const config = buildCompareChartConfig(compare)!;
    const drawing = drawLocal(config);
    expect(drawing.legend).toEqual(['@mossy.kitchen', '@rowan.lifts', '@sofa.standup']);
    expectDotsInside(drawing, config);
    const mix = drawLocal(buildCompareMixChartConfig(compare)!);
    expect(mix.legend).toEqual(['Viral evergreen', 'Niche reference', 'Viral disposable', 'Dead']);
  });

  it('draws the placed post on top, in its own colour', async () => {
    const config = buildPlacementChartConfig(samplePlacement())!;
    const drawing = drawLocal(config);
    const placed = config.data.datasets[0]!.data[0] as ChartPoint;
    const at = drawing.toPixel(placed.x, placed.y);
    const px = await pixels(drawing.png);
    const got = px(at.x, at.y);
    const want = hex(PLACED_COLOUR);
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(12));
    expectDotsInside(drawing, config);
  });

  it('has no link and renders a PNG through the renderer interface', async () => {
    const renderer = createLocalRenderer();
    const config = buildChartConfig(sampleReport(10))!;
    expect(renderer.url(config)).toBeNull();
    const png = await renderer.png(config);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
