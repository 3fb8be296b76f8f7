/**
 * Charts to look at, and how to read a drawn picture: the demo creators at 10 and 35 posts and
 * fake datasets that are not tidy (a far-out post, 31 identical posts, five creators, five posts).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { buildChartConfig, buildCompareChartConfig, buildDigestChartConfig, buildPlacementChartConfig, type ChartConfig } from '../../src/chart/config';
import { namedPosts } from '../../src/chart/labels';
import type { DrawnBox, DrawnLabel, LocalDrawing } from '../../src/chart/local';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport } from '../../src/chart/samples';
import { CHART_PIXEL_RATIO } from '../../src/chart/theme';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import type { CompareReport, PostPlacement, QuadrantReport } from '../../src/quadrants/types';
import { creatorPosts, makePost } from './helpers';

/** A chart to draw, with the post numbers its read-out names. */
export interface Case {
  name: string;
  config: ChartConfig;
  named: number[];
}

function reportCase(name: string, report: QuadrantReport): Case {
  return { name, config: buildChartConfig(report)!, named: namedPosts(report) };
}

/** 35 posts, one of them with 100 times the shares. */
export function outlierReport(): QuadrantReport {
  const posts = Array.from({ length: 35 }, (_, i) => makePost(i, { views: 20_000, shares: 60 + ((i * 37) % 180) * (i === 6 ? 100 : 1), saves: 120 + ((i * 61) % 400) }));
  return buildReport(creatorPosts(posts), 35);
}

/** 35 posts, 31 of them with the very same counters (an 89 %-dead creator). */
export function identicalReport(): QuadrantReport {
  const posts = Array.from({ length: 35 }, (_, i) =>
    i < 4 ? makePost(i, { views: 10_000, shares: 240 + i * 3, saves: 590 + i * 5 }) : makePost(i, { views: 10_000, shares: 80, saves: 180 }),
  );
  return buildReport(creatorPosts(posts), 35);
}

/** A creator with five posts. */
export function fivePostReport(): QuadrantReport {
  const posts = Array.from({ length: 5 }, (_, i) => makePost(i, { views: 12_000, shares: 40 + i * 35, saves: 300 - i * 45 }));
  return buildReport(creatorPosts(posts), 5);
}

/** A post with 100 times the usual shares, placed against 20 ordinary recent posts. */
export function farOutPlacement(): PostPlacement {
  const posts = Array.from({ length: 20 }, (_, i) => makePost(i + 1, { views: 20_000, shares: 60 + ((i * 37) % 180), saves: 120 + ((i * 61) % 400) }));
  const baseline = buildReport(creatorPosts(posts), 20);
  return placePost(makePost(0, { views: 20_000, shares: 9_000, saves: 300 }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
}

/** The recent posts a placement's advice names: the first four of the placed post's quadrant. */
export function advisedPeers(placement: PostPlacement): number[] {
  const inAdvice = placement.baseline.posts.filter((b) => b.quadrant === placement.post.quadrant).map((b) => b.index).slice(0, 4);
  return placement.baseline.posts.filter((b) => b.id !== placement.post.id && inAdvice.includes(b.index)).map((b) => b.index);
}

const HANDLES = ['ava.bakes', 'ben.builds', 'cleo.codes', 'dan.dances', 'eve.eats'];

/** Five creators, 35 posts each, each with its own spread and its own typical post. */
export function fiveCreatorCompare(): CompareReport {
  const data = HANDLES.map((username, c) =>
    creatorPosts(
      Array.from({ length: 35 }, (_, i) => makePost(i, { views: 10_000, shares: 10 + c * 30 + ((i * 37 + c * 53) % 200), saves: 20 + (4 - c) * 25 + ((i * 71 + c * 29) % 290) })),
      { creator: { username, userid: String(1000 + c) } },
    ),
  );
  return buildCompare(data, 35);
}

/** Every scatter chart a person may see, over the demo creators and the fake datasets. */
export function scatterCases(): Case[] {
  const out: Case[] = [];
  for (const n of [10, 35]) {
    for (const creator of [0, 1, 2]) {
      out.push(reportCase(`report, demo creator ${creator}, ${n} posts`, sampleReport(n, creator)));
      const digest = sampleDigest(n, creator);
      out.push({ name: `digest, demo creator ${creator}, ${n} posts`, config: buildDigestChartConfig(digest.report, digest.previous, 'weekly')!, named: namedPosts(digest.report) });
      const placement = samplePlacement(3, n, creator);
      out.push({ name: `post, demo creator ${creator}, ${n} posts`, config: buildPlacementChartConfig(placement)!, named: advisedPeers(placement) });
    }
    out.push({ name: `compare, 3 demo creators, ${n} posts`, config: buildCompareChartConfig(sampleCompare(n, 3))!, named: [] });
  }
  out.push(reportCase('report, one far-out post', outlierReport()));
  out.push(reportCase('report, 31 identical posts', identicalReport()));
  out.push(reportCase('report, 5 posts', fivePostReport()));
  out.push({ name: 'post, the placed post far out', config: buildPlacementChartConfig(farOutPlacement())!, named: advisedPeers(farOutPlacement()) });
  out.push({ name: 'compare, 5 creators', config: buildCompareChartConfig(fiveCreatorCompare())!, named: [] });
  return out;
}

/** The post numbers a drawn label shows: "7", "7: 5184% →", "31 posts (1, 2, 3, 4…)". */
export function numbersIn(text: string): number[] {
  if (/^\d+$/.test(text)) return [Number(text)];
  const edge = /^(\d+): /.exec(text);
  if (edge) return [Number(edge[1])];
  const list = /posts \(([^)]*)\)/.exec(text);
  return list ? list[1]!.split(/[,…]/).map((s) => Number(s.trim())).filter((n) => n > 0) : [];
}

/** Overlap of two boxes in pixels along the thinner direction; 0 when they do not overlap. */
export function overlap(a: DrawnBox, b: DrawnBox): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? Math.min(w, h) : 0;
}

/** Pairs of drawn labels that cover each other by more than a pixel. */
export function clashes(labels: DrawnLabel[]): string[] {
  const out: string[] = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => overlap(a.box, b.box) > 1 && out.push(`"${a.text}" / "${b.text}"`)));
  return out;
}

/** The box of a drawn point. */
export function dotBox(p: { x: number; y: number; radius: number }): DrawnBox {
  return { left: p.x - p.radius, right: p.x + p.radius, top: p.y - p.radius, bottom: p.y + p.radius };
}

type Rgb = [number, number, number];

/** Reads pixels of the drawn PNG at CSS coordinates. */
export async function pixelsOf(drawing: LocalDrawing): Promise<(x: number, y: number) => Rgb> {
  const img = await loadImage(drawing.png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return (x, y) => {
    const i = (Math.round(y * CHART_PIXEL_RATIO) * img.width + Math.round(x * CHART_PIXEL_RATIO)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}

/** Whether `px` is within `tolerance` of the hex colour on every channel. */
export function near(px: Rgb, colour: string, tolerance = 40): boolean {
  const c = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  return px.every((v, i) => Math.abs(v - c[i]!) <= tolerance);
}
