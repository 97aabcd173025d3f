import type { TargetStatus } from '../../generated/prisma/enums';

/**
 * Fluent UI 2 tokens in the Teams (light) theme: Teams purple for the brand, neutral greys, status
 * colours. The one source of the dashboard's colours: the stylesheet's custom properties and the
 * charts are built from it, and tests/dashboard/palette.test.ts checks every pairing meets
 * WCAG 2.2 AA contrast.
 */
export const palette = {
  neutralForeground1: '#242424',
  neutralForeground2: '#424242',
  neutralForeground3: '#616161',
  neutralForegroundOnBrand: '#ffffff',
  neutralBackground1: '#ffffff',
  neutralBackground2: '#fafafa',
  neutralBackground3: '#f5f5f5',
  neutralStroke1: '#d1d1d1',
  neutralStrokeAccessible: '#616161',
  brandBackground: '#5b5fc7',
  brandBackgroundHover: '#4f52b2',
  brandBackgroundPressed: '#444791',
  brandBackground2: '#e8ebfa',
  brandForeground1: '#5b5fc7',
  brandForegroundLink: '#4f52b2',
  dangerForeground: '#b10e1c',
  dangerBackground: '#fdf3f4',
  successForeground: '#0e700e',
  successBackground: '#f1faf1',
  warningForeground: '#8a3707',
  warningBackground: '#fff9f5',
  focusStroke: '#000000',
} as const;

export type Token = keyof typeof palette;

/** Chart marks, each at least 3:1 against the page (WCAG 1.4.11). */
export const chartColours = {
  held: palette.brandBackground,
  confidence: palette.brandBackgroundPressed,
  status: {
    NOT_STARTED: '#767676',
    WORKING_TOWARDS: palette.brandBackground,
    ACHIEVED: palette.successForeground,
    NEEDS_CHANGE: palette.dangerForeground,
    CLOSED: palette.neutralForeground2,
  } satisfies Record<TargetStatus, string>,
};

/** Text (4.5:1) and non-text (3:1) pairings the stylesheet uses: [foreground, background, minimum]. */
export const contrastPairs: [Token | string, Token, number][] = [
  ['neutralForeground1', 'neutralBackground1', 4.5],
  ['neutralForeground1', 'neutralBackground3', 4.5],
  ['neutralForeground2', 'neutralBackground2', 4.5],
  ['neutralForeground3', 'neutralBackground1', 4.5],
  ['neutralForeground3', 'neutralBackground3', 4.5],
  ['neutralForegroundOnBrand', 'brandBackground', 4.5],
  ['neutralForegroundOnBrand', 'brandBackgroundHover', 4.5],
  ['neutralForegroundOnBrand', 'brandBackgroundPressed', 4.5],
  ['brandForeground1', 'neutralBackground1', 4.5],
  ['brandForegroundLink', 'neutralBackground1', 4.5],
  ['brandBackgroundPressed', 'brandBackground2', 4.5],
  ['dangerForeground', 'dangerBackground', 4.5],
  ['successForeground', 'successBackground', 4.5],
  ['warningForeground', 'warningBackground', 4.5],
  ['neutralStrokeAccessible', 'neutralBackground1', 3],
  ['focusStroke', 'neutralBackground1', 3],
  ...Object.values(chartColours.status).map((c): [string, Token, number] => [c, 'neutralBackground1', 3]),
  [chartColours.confidence, 'neutralBackground1', 3],
];

const kebab = (s: string): string => s.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`);

/** `:root { --neutral-foreground1: #242424; ... }` */
export function paletteCss(): string {
  const vars = Object.entries(palette).map(([k, v]) => `  --${kebab(k)}: ${v};`);
  const status = Object.entries(chartColours.status).map(([k, v]) => `  --status-${k.toLowerCase().replace(/_/g, '-')}: ${v};`);
  return `:root {\n${[...vars, ...status].join('\n')}\n}`;
}
