import { chartColours, contrastPairs, palette, paletteCss, type Token } from '../../dashboard/web/palette';

/** WCAG 2.2 relative luminance and contrast ratio (1.4.3 text, 1.4.11 non-text). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const colour = (t: Token | string): string => (t in palette ? palette[t as Token] : t);

describe("the dashboard's palette (Fluent UI 2, Teams light theme)", () => {
  it('computes contrast as WCAG does: black on white is 21:1, Teams purple on white about 5:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast(palette.brandBackground, '#ffffff')).toBeGreaterThan(4.5);
  });

  it.each(contrastPairs.map(([fg, bg, min]) => [fg, bg, min, Math.floor(contrast(colour(fg), colour(bg)) * 100) / 100] as const))(
    '%s on %s needs %p:1 and has %p:1',
    (_fg, _bg, min, ratio) => {
      expect(ratio).toBeGreaterThanOrEqual(min);
    },
  );

  it('tells target statuses apart by more than a shade: every pair of status colours differs', () => {
    const colours = Object.values(chartColours.status);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('becomes the stylesheet custom properties', () => {
    const css = paletteCss();
    expect(css).toContain('--brand-background: #5b5fc7;');
    expect(css).toContain('--neutral-foreground-1: #242424;');
    expect(css).toContain('--status-needs-change: #b10e1c;');
  });
});
