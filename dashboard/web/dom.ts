/**
 * A tiny element builder. Text is always set as text, never as HTML: message bodies come from
 * parents and must not become markup.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Attr = string | number | boolean | null | undefined | ((e: Event) => void);

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

function setAttrs(el: Element, attrs: Record<string, Attr>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A name or a parent's words, laid out in its own direction (Urdu is right to left) whatever surrounds it. */
export const isolated = (text: string): HTMLElement => h('bdi', { dir: 'auto' }, text);

/**
 * A wide table scrolls sideways inside its own box on a phone instead of widening the page; the box
 * takes keyboard focus so it can be scrolled without a mouse, and is named for screen readers.
 */
export const scrollRegion = (label: string, table: HTMLElement): HTMLElement => h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 }, table);

let ids = 0;
export const uid = (prefix: string): string => `${prefix}-${(ids += 1)}`;

/** Polite announcement for screen readers (filters applied, record loaded). */
export function announce(text: string): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = '';
  window.setTimeout(() => {
    status.textContent = text;
  }, 50);
}

/** What a view shows: main's content, the page title, and what to announce once shown. */
export interface View {
  title?: string;
  content: Child[];
  message: string;
}

export function replaceMain(...children: Child[]): HTMLElement {
  const main = document.getElementById('main')!;
  main.replaceChildren();
  append(main, children);
  return main;
}
