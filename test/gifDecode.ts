/**
 * A small GIF decoder for the tests: enough of GIF89a (global palette, graphic control extension,
 * full-size frames, LZW) to count the frames of Trajectory.gif, read their delays and composite
 * them as a viewer does (transparent pixels leave the previous frame showing), so a test can
 * compare what a viewer shows with what was drawn. Not a general decoder: no local palettes, no
 * interlacing, no frame offsets (the encoder writes none; it throws if it meets them).
 */
export interface GifFrame {
  /** Delay in milliseconds. */
  delay: number;
  disposal: number;
  transparentIndex: number | null;
  /** Palette indices, width × height (decoded when asked: counting frames needs none). */
  indices(): Uint8Array;
}

export interface DecodedGif {
  width: number;
  height: number;
  palette: Array<[number, number, number]>;
  frames: GifFrame[];
}

function lzwDecode(minCodeSize: number, data: Uint8Array, pixelCount: number): Uint8Array {
  const out = new Uint8Array(pixelCount);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  // The dictionary as prefix/suffix tables: entry c is entry prefix[c] followed by suffix[c].
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let c = 0; c < clear; c++) {
    prefix[c] = -1;
    suffix[c] = c;
    first[c] = c;
    length[c] = 1;
  }
  let next = clear + 2;
  let size = minCodeSize + 1;
  let previous = -1;
  let written = 0;
  let bits = 0;
  let buffer = 0;
  const emit = (code: number): void => {
    let at = written + length[code] - 1;
    for (let c = code; c >= 0; c = prefix[c])
      if (at < pixelCount) out[at--] = suffix[c];
      else at--;
    written += length[code];
  };
  for (const byte of data) {
    buffer |= byte << bits;
    bits += 8;
    while (bits >= size) {
      const code = buffer & ((1 << size) - 1);
      buffer >>>= size;
      bits -= size;
      if (code === clear) {
        next = clear + 2;
        size = minCodeSize + 1;
        previous = -1;
        continue;
      }
      if (code === end) return out;
      if (previous === -1) {
        emit(code);
        previous = code;
        continue;
      }
      if (code > next) throw new Error(`bad LZW code ${code}`);
      // The code not yet in the table (cScSc): the previous entry and its own first value.
      const head = code < next ? first[code] : first[previous];
      if (next < 4096) {
        prefix[next] = previous;
        suffix[next] = head;
        first[next] = first[previous];
        length[next] = length[previous] + 1;
        next++;
        if (next === 1 << size && size < 12) size++;
      }
      emit(code);
      previous = code;
    }
  }
  return out;
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  let p = 0;
  const u8 = (): number => bytes[p++];
  const u16 = (): number => bytes[p++] | (bytes[p++] << 8);
  const header = String.fromCharCode(...bytes.subarray(0, 6));
  if (header !== 'GIF89a' && header !== 'GIF87a') throw new Error('not a GIF');
  p = 6;
  const width = u16();
  const height = u16();
  const fields = u8();
  p += 2;
  const palette: Array<[number, number, number]> = [];
  if (fields & 0x80) {
    const size = 1 << ((fields & 7) + 1);
    for (let i = 0; i < size; i++) palette.push([u8(), u8(), u8()]);
  }
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let length = u8(); length > 0; length = u8()) for (let i = 0; i < length; i++) parts.push(u8());
    return Uint8Array.from(parts);
  };
  const frames: GifFrame[] = [];
  let control = { delay: 0, disposal: 0, transparentIndex: null as number | null };
  for (;;) {
    const introducer = u8();
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = u8();
      if (label === 0xf9) {
        u8();
        const packed = u8();
        const delay = u16() * 10;
        const index = u8();
        u8();
        control = { delay, disposal: (packed >> 2) & 7, transparentIndex: packed & 1 ? index : null };
      } else subBlocks();
      continue;
    }
    if (introducer !== 0x2c) throw new Error(`unexpected block 0x${introducer.toString(16)}`);
    const [x, y, w, h, packed] = [u16(), u16(), u16(), u16(), u8()];
    if (x !== 0 || y !== 0 || w !== width || h !== height || packed & 0xc0)
      throw new Error('offset, local or interlaced frame');
    const minCodeSize = u8();
    const data = subBlocks();
    frames.push({ ...control, indices: () => lzwDecode(minCodeSize, data, width * height) });
  }
  return { width, height, palette, frames };
}

/** The RGB pixels a viewer shows after each frame (transparent pixels keep what was there). */
export function* composite(gif: DecodedGif): Generator<Uint8Array> {
  const screen = new Uint8Array(gif.width * gif.height * 3);
  for (const frame of gif.frames) {
    const indices = frame.indices();
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i];
      if (index === frame.transparentIndex) continue;
      const colour = gif.palette[index];
      screen[3 * i] = colour[0];
      screen[3 * i + 1] = colour[1];
      screen[3 * i + 2] = colour[2];
    }
    yield screen;
  }
}
