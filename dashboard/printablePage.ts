/**
 * A self-contained page for printing or saving (the browser's print gives the PDF): a pupil's
 * record, a subject access answer. No script, no outside file: served under PRINTABLE_PAGE_POLICY.
 */
export const PRINTABLE_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Names and parents' words may be Urdu: each is laid out in its own direction, whatever surrounds it. */
export const isolated = (s: string): string => `<bdi dir="auto">${escapeHtml(s)}</bdi>`;

const STYLE = `
  body { font-family: "Segoe UI", system-ui, -apple-system, sans-serif; color: #242424; margin: 2rem; line-height: 1.4; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.125rem; margin: 1.5rem 0 .5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
  h4 { font-size: .9375rem; margin: .75rem 0 .25rem; }
  .conversation { border-top: 1px solid #d1d1d1; padding-top: .25rem; }
  .stage { margin-left: 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { border: 1px solid #d1d1d1; padding: .375rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f5f5f5; }
  .note { color: #616161; font-size: .875rem; }
  @media print {
    body { margin: 0; font-size: 10pt; }
    tr, .stage { break-inside: avoid; }
    thead { display: table-header-group; }
  }`;

/** `title` is plain text; `body` is HTML the caller built with escapeHtml/isolated; `style` is a page's own extra CSS. */
export function printablePage(title: string, body: string, style = ''): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${style}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
