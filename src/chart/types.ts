/**
 * The shape of a chart config: a Chart.js 4 config that is plain JSON (no functions anywhere),
 * so the very same object goes to QuickChart (`version: '4'`) and to the local renderer.
 */

/** A JSON value: what every part of a config is made of. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A font as Chart.js reads it. */
export type ChartFont = {
  /** Left out of configs (every character counts in a link); the local renderer's default is FONT_FAMILY. */
  family?: string;
  size: number;
  weight?: 'bold';
};

/** A point: percentages of views; `label` is the post number shown next to it, when it has one. */
export interface ChartPoint {
  x: number;
  y: number;
  label?: string;
}

export interface ChartDataset {
  label: string;
  data: Array<ChartPoint | number | null>;
  backgroundColor: string;
  borderColor?: string;
  borderWidth?: number;
  pointRadius?: number;
  pointStyle?: string;
  /** Degrees: a triangle turned 90 points right (a post drawn at the axis edge). */
  rotation?: number;
  /** Lower is drawn on top. */
  order?: number;
  datalabels?: { [key: string]: Json };
  /** Line charts: false leaves a gap where a value is null, instead of joining across it. */
  spanGaps?: boolean;
  fill?: boolean;
  stack?: string;
}

export interface ChartAxis {
  type?: 'linear' | 'category';
  min?: number;
  max?: number;
  stacked?: boolean;
  title: { display: boolean; text: string; font: ChartFont };
  ticks: { font: ChartFont; [key: string]: Json };
  grid?: { [key: string]: Json };
}

/** An annotation (chartjs-plugin-annotation 3): boxes, lines, points, labels. */
export interface ChartAnnotation {
  type: 'box' | 'line' | 'point' | 'label';
  [key: string]: Json;
}

export interface ChartConfig {
  type: 'scatter' | 'bar' | 'line';
  data: { labels?: string[]; datasets: ChartDataset[] };
  options: {
    indexAxis?: 'x' | 'y';
    layout?: { padding: number | { [key: string]: number } };
    /** Defaults every dataset shares (point size and outline), said once instead of per dataset. */
    elements?: { point: { [key: string]: Json }; [element: string]: { [key: string]: Json } };
    scales: { x: ChartAxis; y: ChartAxis };
    plugins: {
      title?: { display: boolean; text: string; font: ChartFont };
      legend: { display: boolean; [key: string]: Json };
      datalabels: { [key: string]: Json };
      annotation?: { clip?: boolean; common?: { [key: string]: Json }; annotations: Record<string, ChartAnnotation> };
    };
  };
}
