import type { AllowedMimeType } from './fileTypes'

/**
 * Where the file's own format says it ends, or null when its structure is broken. Anything
 * after that point is a second file riding along (a ZIP behind a PNG is the classic polyglot),
 * which a browser or unzip tool may still open.
 */
export function contentEnd(bytes: Buffer, mime: AllowedMimeType): number | null {
  try {
    switch (mime) {
      case 'image/png':
        return pngEnd(bytes)
      case 'image/jpeg':
        return jpegEnd(bytes)
      case 'image/gif':
        return gifEnd(bytes)
      case 'image/webp':
        return riffEnd(bytes)
      case 'image/avif':
        return isoBoxesEnd(bytes)
      case 'application/pdf':
        return pdfEnd(bytes)
    }
  } catch (error) {
    if (error instanceof RangeError) return null
    throw error
  }
}

function pngEnd(bytes: Buffer): number | null {
  let offset = 8
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    offset += 12 + length
    if (type === 'IEND') return offset <= bytes.length ? offset : null
  }
  return null
}

const isStandalone = (marker: number) =>
  marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xd8

function jpegEnd(bytes: Buffer): number | null {
  let offset = 2
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return null
    // Any number of 0xFF fill bytes may come before a marker.
    while (bytes[offset] === 0xff) offset += 1
    const marker = bytes[offset]
    offset += 1
    if (marker === undefined) return null
    if (marker === 0xd9) return offset
    if (isStandalone(marker)) continue
    const length = bytes.readUInt16BE(offset)
    offset += length
    if (marker !== 0xda) continue
    // Entropy-coded data runs until a marker that is neither a stuffed 0xFF00 nor a restart.
    while (offset + 1 < bytes.length) {
      if (bytes[offset] === 0xff) {
        const next = bytes[offset + 1]
        if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break
      }
      offset += 1
    }
  }
  return null
}

function gifEnd(bytes: Buffer): number | null {
  let offset = 13
  const screenFlags = bytes.readUInt8(10)
  if (screenFlags & 0x80) offset += 3 * 2 ** ((screenFlags & 0x07) + 1)
  const skipSubBlocks = () => {
    for (let size = bytes.readUInt8(offset); size !== 0; size = bytes.readUInt8(offset)) {
      offset += size + 1
    }
    offset += 1
  }
  while (offset < bytes.length) {
    const introducer = bytes.readUInt8(offset)
    if (introducer === 0x3b) return offset + 1
    if (introducer === 0x21) {
      offset += 2
      skipSubBlocks()
    } else if (introducer === 0x2c) {
      const imageFlags = bytes.readUInt8(offset + 9)
      offset += 10
      if (imageFlags & 0x80) offset += 3 * 2 ** ((imageFlags & 0x07) + 1)
      offset += 1
      skipSubBlocks()
    } else {
      return null
    }
  }
  return null
}

function riffEnd(bytes: Buffer): number | null {
  const size = bytes.readUInt32LE(4)
  return 8 + size + (size % 2)
}

function isoBoxesEnd(bytes: Buffer): number | null {
  let offset = 0
  while (offset + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(offset)
    if (size === 1) size = Number(bytes.readBigUInt64BE(offset + 8))
    // A size of zero means "to the end of the file".
    if (size === 0) return bytes.length
    if (size < 8) return null
    offset += size
  }
  return offset === bytes.length ? offset : null
}

function pdfEnd(bytes: Buffer): number | null {
  const marker = bytes.lastIndexOf('%%EOF', undefined, 'latin1')
  return marker === -1 ? null : marker + 5
}
