import { crc32, deflateSync } from 'node:zlib';

/** A minimal PNG encoder (RGBA, 8 bits) for the app icons: no image library needed. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Two speech bubbles (parent and teacher talking): white on the accent colour, or white on transparent for the outline. */
export function iconPixel(size: number, outline: boolean) {
  const accent: [number, number, number, number] = [46, 107, 94, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const bubble = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + ((y - cy) * 1.3) ** 2 <= r * r;
  return (x: number, y: number): [number, number, number, number] => {
    const u = x / size;
    const v = y / size;
    const inBubble = bubble(u, v, 0.4, 0.42, 0.24) || bubble(u, v, 0.62, 0.6, 0.2) || (u > 0.25 && u < 0.33 && v > 0.55 && v < 0.72 && v - 0.55 < (0.33 - u) * 2.2);
    if (outline) return inBubble ? white : clear;
    return inBubble ? white : accent;
  };
}
