import { monthWords } from '../../domain/dateWords';
import { h, s, scrollRegion, uid, type Child } from './dom';
import { chartColours, palette } from './palette';

/**
 * Inline SVG charts. Each is an image with a title and a description for screen readers, and its
 * numbers are one click away as a table (WCAG 1.1.1); bars carry their values as text, not only
 * as length or colour. A chart is drawn at the width it is shown at (one SVG unit is one CSS
 * pixel) and drawn again when that width changes, so its labels keep the stylesheet's 13px on a
 * phone and on a wide screen alike instead of shrinking with the picture.
 */
const H = 220;
/** Until the chart is laid out, it is drawn for a typical card. */
const FIRST_WIDTH = 360;
const PAD = { top: 20, right: 12, bottom: 36, left: 36 };
/** Room one month label needs; closer than this, every other month is labelled. */
const MONTH_LABEL_PX = 40;
/** Room a value such as "3.75" needs above its point. */
const VALUE_LABEL_PX = 44;

interface Frame {
  title: string;
  description: string;
  headers: string[];
  rows: (string | number)[][];
}

/** An SVG whose content `draw` makes for a given width, redrawn whenever the shown width changes. */
function drawnToWidth(height: (width: number) => number, draw: (width: number) => Child[]): SVGSVGElement {
  let plot = s('g', {});
  const svg = s('svg', { class: 'chart' }, plot);
  let drawnAt = 0;
  const render = (width: number): void => {
    if (width === drawnAt) return;
    drawnAt = width;
    svg.setAttribute('viewBox', `0 0 ${width} ${height(width)}`);
    svg.setAttribute('height', String(height(width)));
    const next = s('g', {}, draw(width));
    plot.replaceWith(next);
    plot = next;
  };
  render(FIRST_WIDTH);
  new ResizeObserver((entries) => {
    const width = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (width > 0) render(width);
  }).observe(svg);
  return svg;
}

function figure(frame: Frame, svg: SVGSVGElement, legend?: HTMLElement): HTMLElement {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${titleId} ${descId}`);
  svg.prepend(s('title', { id: titleId }, frame.title), s('desc', { id: descId }, frame.description));
  return h(
    'figure',
    {},
    h('figcaption', {}, frame.title),
    svg,
    legend,
    h(
      'details',
      {},
      h('summary', {}, `${frame.title}: the numbers`),
      scrollRegion(
        `${frame.title}: the numbers`,
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, frame.headers.map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, frame.rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: 'number' }, c)))))),
        ),
      ),
    ),
  );
}

const monthLabel = (m: string): string => monthWords(m, { year: false });

/** Month labels along the bottom, thinned out when the months are too close to read. */
function monthAxis(months: string[], xOf: (i: number) => number, step: number): SVGElement[] {
  const every = step >= MONTH_LABEL_PX ? 1 : Math.ceil(MONTH_LABEL_PX / step);
  return months.flatMap((m, i) => (i % every === 0 ? [s('text', { x: xOf(i), y: H - PAD.bottom + 18, 'text-anchor': 'middle' }, monthLabel(m))] : []));
}

export function barChart(o: { title: string; description: string; points: { month: string; value: number }[]; valueName: string }): HTMLElement {
  const max = Math.max(1, ...o.points.map((p) => p.value));
  const plotH = H - PAD.top - PAD.bottom;
  const svg = drawnToWidth(
    () => H,
    (width) => {
      const step = (width - PAD.left - PAD.right) / Math.max(1, o.points.length);
      const barW = Math.min(48, step * 0.6);
      const xOf = (i: number): number => PAD.left + i * step + step / 2;
      return [
        s('line', { class: 'axis', x1: PAD.left, x2: width - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }),
        o.points.map((p, i) => {
          const bh = (p.value / max) * plotH;
          const y = H - PAD.bottom - bh;
          return s(
            'g',
            {},
            s('rect', { x: xOf(i) - barW / 2, y, width: barW, height: bh, rx: 2, fill: chartColours.held }),
            s('text', { x: xOf(i), y: y - 5, 'text-anchor': 'middle' }, p.value),
          );
        }),
        monthAxis(
          o.points.map((p) => p.month),
          xOf,
          step,
        ),
      ];
    },
  );
  return figure({ title: o.title, description: o.description, headers: ['Month', o.valueName], rows: o.points.map((p) => [monthLabel(p.month), p.value]) }, svg);
}

export function lineChart(o: { title: string; description: string; points: { month: string; value: number | null }[]; min: number; max: number; valueName: string }): HTMLElement {
  const plotH = H - PAD.top - PAD.bottom;
  const yOf = (v: number): number => H - PAD.bottom - ((v - o.min) / (o.max - o.min)) * plotH;
  const known = o.points.map((p, i) => ({ ...p, i })).filter((p): p is { month: string; value: number; i: number } => p.value !== null);
  const ticks: number[] = [];
  for (let t = o.min; t <= o.max; t += 1) ticks.push(t);
  const svg = drawnToWidth(
    () => H,
    (width) => {
      const step = (width - PAD.left - PAD.right) / Math.max(1, o.points.length);
      const xOf = (i: number): number => PAD.left + i * step + step / 2;
      // Where the points are too close for every value, the latest one is labelled (all are in the table).
      const labelled = step >= VALUE_LABEL_PX ? known : known.slice(-1);
      return [
        ticks.map((t) => [
          s('line', { x1: PAD.left, x2: width - PAD.right, y1: yOf(t), y2: yOf(t), stroke: palette.neutralStroke1 }),
          s('text', { x: PAD.left - 8, y: yOf(t) + 4, 'text-anchor': 'end' }, t),
        ]),
        known.length > 1 ? s('polyline', { points: known.map((p) => `${xOf(p.i)},${yOf(p.value)}`).join(' '), fill: 'none', stroke: chartColours.confidence, 'stroke-width': 2 }) : null,
        known.map((p) => s('circle', { cx: xOf(p.i), cy: yOf(p.value), r: 4, fill: chartColours.confidence })),
        labelled.map((p) => s('text', { x: xOf(p.i), y: yOf(p.value) - 9, 'text-anchor': 'middle' }, p.value.toFixed(2))),
        monthAxis(
          o.points.map((p) => p.month),
          xOf,
          step,
        ),
      ];
    },
  );
  return figure(
    { title: o.title, description: o.description, headers: ['Month', o.valueName], rows: o.points.map((p) => [monthLabel(p.month), p.value === null ? 'no ratings' : p.value.toFixed(2)]) },
    svg,
  );
}

/** Horizontal bars, one per group, split by category (targets by status per area). */
export function stackedBars<C extends string>(o: {
  title: string;
  description: string;
  groups: { label: string; counts: Record<C, number> }[];
  categories: { key: C; label: string; colour: string }[];
}): HTMLElement {
  const rowH = 36;
  const labelW = 116;
  const max = Math.max(1, ...o.groups.map((g) => o.categories.reduce((n, c) => n + g.counts[c.key], 0)));
  const svg = drawnToWidth(
    () => o.groups.length * rowH + 8,
    (width) => {
      const plotW = width - labelW - 40;
      return o.groups.map((g, gi) => {
        let x = labelW;
        const y = gi * rowH + 6;
        const total = o.categories.reduce((n, c) => n + g.counts[c.key], 0);
        return s(
          'g',
          {},
          s('text', { x: 0, y: y + 17 }, g.label),
          o.categories.map((c) => {
            const w = (g.counts[c.key] / max) * plotW;
            const rect = w > 0 ? s('rect', { x, y, width: w, height: 24, fill: c.colour, stroke: palette.neutralBackground1, 'stroke-width': 1 }, s('title', {}, `${c.label}: ${g.counts[c.key]}`)) : null;
            x += w;
            return rect;
          }),
          s('text', { x: x + 6, y: y + 17 }, total),
        );
      });
    },
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    o.categories.map((c) => h('li', {}, h('span', { class: 'swatch', 'data-colour': c.colour }), c.label)),
  );
  for (const sw of legend.querySelectorAll<HTMLElement>('.swatch')) sw.style.background = sw.dataset.colour ?? '';
  return figure(
    {
      title: o.title,
      description: o.description,
      headers: ['Area', ...o.categories.map((c) => c.label)],
      rows: o.groups.map((g) => [g.label, ...o.categories.map((c) => g.counts[c.key])]),
    },
    svg,
    legend,
  );
}
