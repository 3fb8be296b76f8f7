/**
 * What the local renderer drew, read back from Chart.js after the draw: every point element and
 * every label box (post numbers from chartjs-plugin-datalabels, names and tags from
 * chartjs-plugin-annotation) where it landed. Tests assert on this — the picture — not on the
 * config that was meant to produce it. Reads plugin internals (datalabels 2.2 keeps its laid-out
 * labels on `chart.$datalabels`), so it lives apart from the drawing code.
 */

/** A rectangle in CSS pixels. */
export interface DrawnBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A label as drawn: its text, its frame, and what drew it. */
export interface DrawnLabel {
  /** 'point': a post's number (datalabels); 'annotation': a quadrant name, a median tag, a note; 'legend': a legend entry. */
  kind: 'point' | 'annotation' | 'legend';
  text: string;
  box: DrawnBox;
  /** The annotation's id (e.g. 'medianXTag', 'q0'), or the dataset and point index of a number. */
  id: string;
  datasetIndex?: number;
  index?: number;
}

/** A point element as drawn. */
export interface DrawnPoint {
  datasetIndex: number;
  index: number;
  x: number;
  y: number;
  radius: number;
  pointStyle: string;
  fill: string;
  stroke: string;
  borderWidth: number;
}

interface PointElement {
  x: number;
  y: number;
  skip?: boolean;
  options: { radius: number; pointStyle: unknown; backgroundColor: unknown; borderColor: unknown; borderWidth: number };
}
interface DataLabel {
  $context: { datasetIndex: number; dataIndex: number };
  $layout?: { _visible: boolean; _box: { _rect: { x: number; y: number; w: number; h: number } } };
  _model: { lines: string[]; opacity: number } | null;
}
interface AnnotationElement {
  x: number;
  y: number;
  x2: number;
  y2: number;
  options: { id?: string; type?: string; display?: boolean; content?: unknown; drawTime?: string };
  elements?: AnnotationElement[];
  $context?: { id?: string };
}
/** The parts of a drawn chart read here. */
export interface InspectableChart {
  data: { datasets: unknown[] };
  getDatasetMeta(i: number): { hidden?: boolean | null; data: PointElement[] };
  $datalabels?: { _labels?: DataLabel[] };
  legend?: { legendItems?: Array<{ text: string }>; legendHitBoxes?: Array<{ left: number; top: number; width: number; height: number }> };
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : '');

/** Every point element of every dataset. */
export function drawnPoints(chart: InspectableChart): DrawnPoint[] {
  const out: DrawnPoint[] = [];
  chart.data.datasets.forEach((_d, datasetIndex) => {
    const meta = chart.getDatasetMeta(datasetIndex);
    if (meta.hidden) return;
    meta.data.forEach((el, index) => {
      if (el.skip) return;
      const o = el.options;
      out.push({ datasetIndex, index, x: el.x, y: el.y, radius: o.radius, pointStyle: String(o.pointStyle), fill: String(o.backgroundColor), stroke: String(o.borderColor), borderWidth: o.borderWidth });
    });
  });
  return out;
}

/** Every label drawn: post numbers that datalabels kept, annotation labels that show text, legend entries. */
export function drawnLabels(chart: InspectableChart, annotations: AnnotationElement[]): DrawnLabel[] {
  const out: DrawnLabel[] = [];
  for (const l of chart.$datalabels?._labels ?? []) {
    if (!l.$layout?._visible || !l._model || !l._model.opacity) continue;
    const r = l.$layout._box._rect;
    const { datasetIndex, dataIndex } = l.$context;
    out.push({ kind: 'point', text: l._model.lines.join(' '), box: { left: r.x, right: r.x + r.w, top: r.y, bottom: r.y + r.h }, id: `${datasetIndex}:${dataIndex}`, datasetIndex, index: dataIndex });
  }
  for (const el of annotations) {
    const id = el.options.id ?? el.$context?.id ?? '';
    const labels = el.options.type === 'label' ? [el] : (el.elements ?? []);
    for (const l of labels) {
      const t = text(l.options.content);
      if (l.options.display === false || t === '') continue;
      out.push({ kind: 'annotation', text: t, box: { left: l.x, right: l.x2, top: l.y, bottom: l.y2 }, id });
    }
  }
  // Legend entries are text a reader reads too: nothing may cover them either.
  const boxes = chart.legend?.legendHitBoxes ?? [];
  (chart.legend?.legendItems ?? []).forEach((item, i) => {
    const b = boxes[i];
    if (b) out.push({ kind: 'legend', text: item.text, box: { left: b.left, right: b.left + b.width, top: b.top, bottom: b.top + b.height }, id: `legend${i}` });
  });
  return out;
}
