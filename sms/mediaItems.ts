/**
 * Pictures and documents a parent sends with a text (MMS), read from Twilio's webhook and from
 * their own bytes. Pure.
 *
 * Twilio's webhook names each item: `NumMedia`, then `MediaUrl0..9` and `MediaContentType0..9`
 * (at most 10, 5 MB in all: Twilio's MMS limit). The URL is read only for the three SIDs it
 * carries, and only when it is Twilio's own Media resource for this very message and account
 * (`https://api.twilio.com/2010-04-01/Accounts/AC.../Messages/MM.../Media/ME...`): the service
 * builds the address it fetches from itself, so a form naming any other host, path or message
 * makes us fetch nothing. What we keep is typed by its bytes, never by what anyone declared.
 */
export const MEDIA_MAX_ITEMS = 10;
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;

export interface WebhookMedia {
  position: number;
  url: string;
  declaredType: string;
}

/** The webhook's media fields; 'malformed' when NumMedia and the fields it promises disagree. */
export function mediaOfForm(fields: Record<string, unknown>): WebhookMedia[] | 'malformed' {
  const num = fields.NumMedia;
  if (num === undefined) return [];
  if (typeof num !== 'string' || !/^\d{1,2}$/.test(num) || Number(num) > MEDIA_MAX_ITEMS) return 'malformed';
  const items: WebhookMedia[] = [];
  for (let position = 0; position < Number(num); position += 1) {
    const url = fields[`MediaUrl${position}`];
    const declaredType = fields[`MediaContentType${position}`];
    if (typeof url !== 'string' || url.length > 1000 || typeof declaredType !== 'string' || declaredType.length > 255) return 'malformed';
    items.push({ position, url, declaredType: declaredType.trim().toLowerCase() });
  }
  return items;
}

export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

export interface MediaRef {
  accountSid: string;
  messageSid: string;
  mediaSid: string;
}

const MEDIA_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/((?:MM|SM)[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/i;

/** The Media resource a webhook's URL names, if it is Twilio's, for this account and message; else why not. */
export function mediaRefOf(url: string, expected: { accountSid: string; messageSid: string }): MediaRef | { refused: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { refused: 'the address Twilio gave is not a URL' };
  }
  const m = MEDIA_PATH.exec(u.pathname);
  if (u.origin !== TWILIO_API_ORIGIN || u.username || u.password || u.search || u.hash || !m) return { refused: "the address is not Twilio's: nothing was fetched" };
  if (m[1] !== expected.accountSid || m[2] !== expected.messageSid) return { refused: "the address belongs to another Twilio account or message: nothing was fetched" };
  return { accountSid: m[1]!, messageSid: m[2]!, mediaSid: m[3]! };
}

/** The path of a Media resource at Twilio's API (the bytes; `.json` for the resource itself). */
export const mediaPath = (r: MediaRef): string => `/2010-04-01/Accounts/${r.accountSid}/Messages/${r.messageSid}/Media/${r.mediaSid}`;

export interface MediaKind {
  contentType: string;
  /** What staff are told it is. */
  kind: 'picture' | 'document';
  /** Shown in the browser (an <img>), or offered as a file to open. */
  shownInline: boolean;
  extension: string;
}

const KINDS = {
  jpeg: { contentType: 'image/jpeg', kind: 'picture', shownInline: true, extension: 'jpg' },
  png: { contentType: 'image/png', kind: 'picture', shownInline: true, extension: 'png' },
  gif: { contentType: 'image/gif', kind: 'picture', shownInline: true, extension: 'gif' },
  webp: { contentType: 'image/webp', kind: 'picture', shownInline: true, extension: 'webp' },
  // iPhones' own format: kept and offered as a file (most browsers cannot draw it).
  heic: { contentType: 'image/heic', kind: 'picture', shownInline: false, extension: 'heic' },
  pdf: { contentType: 'application/pdf', kind: 'document', shownInline: false, extension: 'pdf' },
} as const satisfies Record<string, MediaKind>;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
const starts = (b: Uint8Array, bytes: number[]): boolean => bytes.every((x, i) => b[i] === x);

/** What the bytes are, by their signature; undefined for anything but a picture or a PDF (SVG, HTML and video included). */
export function kindOfBytes(b: Uint8Array): MediaKind | undefined {
  if (starts(b, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (b.length >= 6 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) return KINDS.gif;
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return KINDS.webp;
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(b, 8, 12))) return KINDS.heic;
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return KINDS.pdf;
  return undefined;
}

/** What we ask Twilio for at all: a declared picture or PDF (a video or a contact card is refused without fetching it). */
export function mayBeKept(declaredType: string): boolean {
  return declaredType.startsWith('image/') ? declaredType !== 'image/svg+xml' : declaredType === 'application/pdf';
}

/** A stored item's kind from the content type we wrote (for labels, the card and the dashboard). */
export function kindOfContentType(contentType: string | null): MediaKind | undefined {
  return Object.values(KINDS).find((k) => k.contentType === contentType);
}

export interface MediaFacts {
  status: 'PENDING' | 'STORED' | 'REFUSED' | 'FAILED' | 'REMOVED';
  contentType: string | null;
  declaredType: string | null;
  size: number | null;
  reason: string | null;
}

/** The columns `describeMedia` reads (a Prisma select). */
export const MEDIA_FACTS = { status: true, contentType: true, declaredType: true, size: true, reason: true } as const;

export interface MediaDescription {
  kind: 'picture' | 'document' | 'other';
  shownInline: boolean;
  kept: boolean;
  size: number | null;
  reason: string | null;
}

/** A stored item as staff and the subject access answer describe it: by the type read from its bytes, else by the one declared. */
export function describeMedia(x: MediaFacts): MediaDescription {
  const kind = kindOfContentType(x.contentType);
  const declared = x.declaredType ?? '';
  return {
    kind: kind?.kind ?? (declared.startsWith('image/') ? 'picture' : declared === 'application/pdf' ? 'document' : 'other'),
    shownInline: x.status === 'STORED' && (kind?.shownInline ?? false),
    kept: x.status === 'STORED',
    size: x.size,
    reason: x.status === 'PENDING' ? 'still being fetched' : x.reason,
  };
}

/** "a picture", "2 pictures", "a picture and a PDF": how staff are told what came. */
export function mediaWords(items: MediaFacts[]): string {
  const kinds = items.map((i) => describeMedia(i).kind);
  const count = (k: MediaDescription['kind']) => kinds.filter((x) => x === k).length;
  const words = [
    [count('picture'), 'a picture', 'pictures'],
    [count('document'), 'a PDF', 'PDFs'],
    [count('other'), 'a file we cannot show', 'files we cannot show'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => (n === 1 ? (one as string) : `${n} ${many as string}`));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What a parent sent, as staff are told it: `replied by text: "..." and sent a picture`, `sent a picture`, never an empty quote. */
export function whatWasSent(body: string, media: MediaFacts[], verb = 'replied by text'): string {
  const sent = mediaWords(media);
  return [body ? `${verb}: "${body}"` : '', sent ? `sent ${sent}` : ''].filter(Boolean).join(' and ') || 'sent an empty text';
}
