import { getBlob, getText } from './api';
import { announce, h } from './dom';
import type { Session } from './session';

/** A file from the API (a CSV), saved by the browser under `fileName`: the API needs the sign-in token, so a plain link would not do. */
export async function downloadFile(session: Session, apiPath: string, fileName: string, message: string): Promise<void> {
  const blob = await getBlob(session, apiPath);
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  announce(message);
}

/** A printable page from the API in a hidden frame, then the browser's print dialog (which saves a PDF). */
export async function printPage(session: Session, apiPath: string, title: string): Promise<void> {
  const html = await getText(session, apiPath);
  const frame = h('iframe', { title, class: 'visually-hidden', 'data-export': 'html' });
  frame.srcdoc = html;
  frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
  document.querySelector('iframe[data-export]')?.remove();
  document.body.append(frame);
  announce(`${title} is open in the print dialog.`);
}
