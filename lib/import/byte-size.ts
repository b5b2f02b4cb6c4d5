const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * UTF-8 length of a string without encoding it. Each UTF-16 surrogate counts 2 bytes, so a pair counts
 * 4 whether or not a chunk boundary split it; a lone surrogate (which an encoder would turn into a
 * 3-byte U+FFFD) counts 2, close enough for a size limit.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += utf8UnitBytes(text.charCodeAt(i));
  return bytes;
}

export function utf8UnitBytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 2;
  return 3;
}

export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatByteSize(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${Math.round((bytes / KIB) * 10) / 10} KB`;
  return `${Math.round((bytes / MIB) * 10) / 10} MB`;
}

export function describeOversize(size: number, limit: number, what = "record"): string {
  const sizeText = formatByteSize(size);
  const limitText = formatByteSize(limit);
  // Rounding can make a record just over the limit read as equal to it; exact bytes then.
  if (sizeText === limitText) return `${what} is ${formatCount(size)} bytes, the limit is ${formatCount(limit)} bytes`;
  return `${what} is ${sizeText}, the limit is ${limitText}`;
}
