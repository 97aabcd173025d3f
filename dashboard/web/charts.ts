import { h, s, uid } from './dom';
import { chartColours, palette } from './palette';

/**
 * Inline SVG charts. Each is an image with a title and a description for screen readers, and its
 * numbers are one click away as a table (WCAG 1.1.1); bars carry their values as text, not only
 * as length or colour.
 */
const W = 560;
const H = 220;
const PAD = { top: 16, right: 12, bottom: 36, left: 36 };

interface Frame {
  title: string;
  description: string;
  headers: string[];
  rows: (string | number)[][];
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
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, frame.headers.map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, frame.rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: 'number' }, c)))))),
      ),
    ),
  );
}

const monthLabel = (m: string): string => new Date(`${m}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });

export function barChart(o: { title: string; description: string; points: { month: string; value: number }[]; valueName: string }): HTMLElement {
  const max = Math.max(1, ...o.points.map((p) => p.value));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, o.points.length);
  const barW = Math.min(48, step * 0.6);
  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}` },
    s('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }),
    o.points.map((p, i) => {
      const bh = (p.value / max) * plotH;
      const x = PAD.left + i * step + (step - barW) / 2;
      const y = H - PAD.bottom - bh;
      return s(
        'g',
        {},
        s('rect', { x, y, width: barW, height: bh, rx: 2, fill: chartColours.held }),
        s('text', { x: x + barW / 2, y: y - 4, 'text-anchor': 'middle' }, p.value),
        s('text', { x: x + barW / 2, y: H - PAD.bottom + 16, 'text-anchor': 'middle' }, monthLabel(p.month)),
      );
    }),
  );
  return figure({ title: o.title, description: o.description, headers: ['Month', o.valueName], rows: o.points.map((p) => [monthLabel(p.month), p.value]) }, svg);
}

export function lineChart(o: { title: string; description: string; points: { month: string; value: number | null }[]; min: number; max: number; valueName: string }): HTMLElement {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, o.points.length);
  const xOf = (i: number): number => PAD.left + i * step + step / 2;
  const yOf = (v: number): number => H - PAD.bottom - ((v - o.min) / (o.max - o.min)) * plotH;
  const known = o.points.map((p, i) => ({ ...p, i })).filter((p): p is { month: string; value: number; i: number } => p.value !== null);
  const ticks: number[] = [];
  for (let t = o.min; t <= o.max; t += 1) ticks.push(t);
  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}` },
    ticks.map((t) => [
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: yOf(t), y2: yOf(t), stroke: palette.neutralStroke1 }),
      s('text', { x: PAD.left - 8, y: yOf(t) + 4, 'text-anchor': 'end' }, t),
    ]),
    known.length > 1 ? s('polyline', { points: known.map((p) => `${xOf(p.i)},${yOf(p.value)}`).join(' '), fill: 'none', stroke: chartColours.confidence, 'stroke-width': 2 }) : null,
    known.map((p) => [
      s('circle', { cx: xOf(p.i), cy: yOf(p.value), r: 4, fill: chartColours.confidence }),
      s('text', { x: xOf(p.i), y: yOf(p.value) - 8, 'text-anchor': 'middle' }, p.value.toFixed(2)),
    ]),
    o.points.map((p, i) => s('text', { x: xOf(i), y: H - PAD.bottom + 16, 'text-anchor': 'middle' }, monthLabel(p.month))),
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
  const labelW = 120;
  const height = o.groups.length * rowH + 8;
  const max = Math.max(1, ...o.groups.map((g) => o.categories.reduce((n, c) => n + g.counts[c.key], 0)));
  const plotW = W - labelW - 40;
  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${height}` },
    o.groups.map((g, gi) => {
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
    }),
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
