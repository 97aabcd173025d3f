import { describeMedia, kindOfBytes, mayBeKept, mediaOfForm, mediaRefOf, mediaWords } from '../../sms/mediaItems';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const MESSAGE = `MM${'b'.repeat(32)}`;
const MEDIA = `ME${'c'.repeat(32)}`;
const twilioUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/${MESSAGE}/Media/${MEDIA}`;
const expected = { accountSid: ACCOUNT, messageSid: MESSAGE };

describe("a parent's pictures, as Twilio's webhook names them", () => {
  it('Given NumMedia and its MediaUrlN / MediaContentTypeN fields, Then each item is read in order, its type in lower case', () => {
    expect(mediaOfForm({ NumMedia: '2', MediaUrl0: twilioUrl, MediaContentType0: 'image/JPEG', MediaUrl1: `${twilioUrl}x`, MediaContentType1: 'application/pdf' })).toEqual([
      { position: 0, url: twilioUrl, declaredType: 'image/jpeg' },
      { position: 1, url: `${twilioUrl}x`, declaredType: 'application/pdf' },
    ]);
    expect(mediaOfForm({ NumMedia: '0' })).toEqual([]);
    expect(mediaOfForm({})).toEqual([]);
  });

  it.each([
    ['a promised item missing', { NumMedia: '1' }],
    ['a type missing', { NumMedia: '1', MediaUrl0: twilioUrl }],
    ['more than Twilio allows', { NumMedia: '11' }],
    ['not a number', { NumMedia: 'one' }],
    ['a repeated field', { NumMedia: '1', MediaUrl0: [twilioUrl, twilioUrl], MediaContentType0: 'image/jpeg' }],
  ])('Given %s, Then the form is not what Twilio sends', (_, fields) => {
    expect(mediaOfForm(fields)).toBe('malformed');
  });

  it("Given Twilio's own Media resource for this account and message, Then its SIDs are read", () => {
    expect(mediaRefOf(twilioUrl, expected)).toEqual({ accountSid: ACCOUNT, messageSid: MESSAGE, mediaSid: MEDIA });
  });

  it.each([
    ['another host', twilioUrl.replace('api.twilio.com', 'api.twilio.com.evil.example')],
    ['plain http', twilioUrl.replace('https:', 'http:')],
    ['another port', twilioUrl.replace('api.twilio.com', 'api.twilio.com:8443')],
    ['credentials in the address', twilioUrl.replace('https://', 'https://user:pw@')],
    ['a query', `${twilioUrl}?redirect=https://evil.example`],
    ['another path', twilioUrl.replace('/Media/', '/Recordings/')],
    ['a longer path', `${twilioUrl}/../../../../x`],
    ['another account', twilioUrl.replace(ACCOUNT, `AC${'d'.repeat(32)}`)],
    ['another message', twilioUrl.replace(MESSAGE, `MM${'e'.repeat(32)}`)],
    ['not a URL', 'not a url'],
  ])('Given a media URL with %s, Then nothing is fetched from it', (_, url) => {
    expect(mediaRefOf(url, expected)).toHaveProperty('refused');
  });

  it.each([
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00], 'image/jpeg', true],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00], 'image/png', true],
    ['a GIF', [...Buffer.from('GIF89a')], 'image/gif', true],
    ['a WebP', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'image/webp', true],
    ["an iPhone's HEIC", [0, 0, 0, 0x18, ...Buffer.from('ftypheic')], 'image/heic', false],
    ['a PDF', [...Buffer.from('%PDF-1.7\n')], 'application/pdf', false],
  ])('Given the bytes of %s, Then it is kept as %s', (_, bytes, type, inline) => {
    expect(kindOfBytes(new Uint8Array(bytes))).toMatchObject({ contentType: type, shownInline: inline });
  });

  it.each([
    ['an SVG (it can carry script)', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['an HTML page labelled a picture', '<!DOCTYPE html><html><script>alert(1)</script>'],
    ['an MP4 video', '\0\0\0\x18ftypmp42'],
    ['nothing', ''],
  ])('Given the bytes of %s, Then it is not kept', (_, text) => {
    expect(kindOfBytes(new Uint8Array(Buffer.from(text, 'latin1')))).toBeUndefined();
  });

  it('Given what a phone declares, Then only pictures (not SVG) and PDFs are fetched at all', () => {
    expect(['image/jpeg', 'image/heic', 'application/pdf'].map(mayBeKept)).toEqual([true, true, true]);
    expect(['image/svg+xml', 'video/mp4', 'text/vcard', 'text/html'].map(mayBeKept)).toEqual([false, false, false, false]);
  });

  it('tells staff what came in words, by the type read from the bytes where there is one', () => {
    const item = (contentType: string | null, declaredType: string, status: 'STORED' | 'REFUSED' = 'STORED') => ({ status, contentType, declaredType, size: 1, reason: null });
    expect(mediaWords([item('image/jpeg', 'image/jpeg')])).toBe('a picture');
    expect(mediaWords([item('image/jpeg', 'image/jpeg'), item('image/png', 'image/png'), item('application/pdf', 'application/pdf')])).toBe('2 pictures and a PDF');
    expect(mediaWords([item(null, 'video/mp4', 'REFUSED')])).toBe('a file we cannot show');
    expect(mediaWords([])).toBe('');
    expect(describeMedia({ status: 'PENDING', contentType: null, declaredType: 'image/jpeg', size: null, reason: null })).toEqual({ kind: 'picture', shownInline: false, kept: false, size: null, reason: 'still being fetched' });
  });
});
