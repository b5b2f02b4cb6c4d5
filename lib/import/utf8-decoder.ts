/**
 * Decodes a UTF-8 byte stream chunk by chunk. A character split between chunks waits for its other
 * bytes. Unlike a fatal TextDecoder it says how much of a chunk was valid, so the text before a bad
 * byte is still read and the error lands on the right line.
 */
export class Utf8StreamDecoder {
  // ignoreBOM: a non-streaming decode would otherwise drop U+FEFF at the start of every chunk.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);

  /** The text of the complete, valid characters; `isValid` false means a bad byte ended it. */
  decode(chunk: Uint8Array): { text: string; isValid: boolean } {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const { end, status } = scanUtf8(bytes);
    this.carry = status === "incomplete" ? bytes.slice(end) : new Uint8Array(0);
    return { text: this.decoder.decode(bytes.subarray(0, end)), isValid: status !== "invalid" };
  }

  /** False when the stream stopped in the middle of a character. */
  end(): boolean {
    return this.carry.length === 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Well-formed UTF-8 as the Encoding Standard defines it: no overlongs, surrogates or code points past U+10FFFF. */
function scanUtf8(bytes: Uint8Array): { end: number; status: "complete" | "incomplete" | "invalid" } {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return { end: i, status: "invalid" };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { end: i, status: "incomplete" };
      const byte = bytes[i + k] ?? 0;
      if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return { end: i, status: "invalid" };
    }
    i += length;
  }
  return { end: i, status: "complete" };
}
