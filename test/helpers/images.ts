/** Files the upload tests make for themselves: real images, and the nasty things people send. */
import zlib from 'node:zlib'

import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib'
import sharp from 'sharp'

import { textPdf } from '../../src/seed/pdf'

export const GPS_XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.4358N" exif:GPSLongitude="0,7.66W"/></rdf:RDF></x:xmpmeta>'

const scene = (width: number, height: number) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="${height}" fill="#2a7a5a"/>` +
      // A red block in the stored top-left corner shows which way up the pixels end up.
      `<rect width="${Math.round(width / 4)}" height="${Math.round(height / 4)}" fill="#ff0000"/>` +
      `<circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 5}" fill="#f5d142"/>` +
      `</svg>`,
  )

/**
 * A phone photo as phones store it: pixels landscape, an EXIF orientation tag saying "turn 90°
 * clockwise", the camera's make and the place it was taken in EXIF GPS and in XMP.
 */
export async function phonePhotoWithGps(width = 1600, height = 1200): Promise<Buffer> {
  return sharp(scene(width, height))
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhoneMaker', Model: 'Pocket Camera 7' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2615/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3960/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .withXmp(GPS_XMP)
    .toBuffer()
}

export const plainPng = (width = 900, height = 700) => sharp(scene(width, height)).png().toBuffer()

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
)

export const HTML_PAGE = Buffer.from(
  '<!doctype html><html><body><script>fetch("/api/users/me").then(r=>r.text()).then(alert)</script></body></html>',
)

/** A ZIP archive holding one stored (uncompressed) file, written byte by byte. */
export function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content)
  const fileName = Buffer.from(name)
  const crc = zlib.crc32(data)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  const centralOffset = local.length + fileName.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + fileName.length, 12)
  end.writeUInt32LE(centralOffset, 16)
  return Buffer.concat([local, fileName, data, central, fileName, end])
}

const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A valid PNG with a ZIP appended: image viewers show the picture, unzip finds the archive. */
export async function pngZipPolyglot(): Promise<Buffer> {
  return Buffer.concat([await plainPng(200, 150), zipWith('payload.html', HTML_PAGE.toString())])
}

/** The same trick hidden inside the PNG: the ZIP sits in a private chunk just before IEND. */
export async function pngWithZipInChunk(): Promise<Buffer> {
  const png = await plainPng(200, 150)
  const iend = png.length - 12
  return Buffer.concat([
    png.subarray(0, iend),
    pngChunk('zpLy', zipWith('payload.html', HTML_PAGE.toString())),
    png.subarray(iend),
  ])
}

/**
 * A complete, valid 30,000 × 30,000 PNG (900 megapixels) that is only about 100 KB: one-bit
 * greyscale compresses to almost nothing. Decoding it would need the best part of a gigabyte.
 */
export function hugePng(side = 30_000): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  // Every row: filter byte 0, then all-black pixels. About 112 MB raw, in the test process only.
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side)
  const compressed = zlib.deflateSync(raw, { level: 9 })
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', compressed),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A small valid PDF with one line of text, optionally with extra catalogue entries. */
export const simplePdf = (text: string, catalogueExtra = ''): Buffer =>
  textPdf([text], catalogueExtra)

export const PDF_AUTHOR = 'Jo Quietname'
export const PDF_EARLIER_AUTHOR = 'Pat Formername'

/**
 * A PDF carrying everything that can say who wrote it: document information, an XMP stream,
 * a comment with its author, and an earlier revision's information left behind by an
 * incremental save. Written uncompressed, so a byte search proves each is really there.
 */
export async function pdfCarryingAuthors(): Promise<Buffer> {
  const document = await PDFDocument.create({ updateMetadata: false })
  document.setAuthor(PDF_AUTHOR)
  document.setCreator(`${PDF_AUTHOR}'s laptop`)
  document.setTitle(`Notes by ${PDF_AUTHOR}`)
  const page = document.addPage([595, 842])
  page.drawText('Reply to our request about the SIM model', {
    x: 72,
    y: 760,
    font: await document.embedFont(StandardFonts.Helvetica),
  })
  const xmp = document.context.stream(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${PDF_AUTHOR}</dc:creator></x:xmpmeta>`,
    { Type: 'Metadata', Subtype: 'XML' },
  )
  document.catalog.set(PDFName.of('Metadata'), document.context.register(xmp))
  const comment = document.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [72, 700, 92, 720],
    T: PDFString.of(PDF_AUTHOR),
    Contents: PDFString.of('Check page two'),
  })
  page.node.set(PDFName.of('Annots'), document.context.obj([document.context.register(comment)]))
  const first = Buffer.from(await document.save({ useObjectStreams: false }))
  return withIncrementalRevision(first, `<< /Author (${PDF_EARLIER_AUTHOR}) >>`)
}

/** Appends a revision whose information replaces `leftover`, which stays in the file unused. */
function withIncrementalRevision(pdf: Buffer, leftover: string): Buffer {
  const text = pdf.toString('latin1')
  const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1])
  const size = Number(/\/Size (\d+)/.exec(text)![1])
  const root = /\/Root (\d+ \d+ R)/.exec(text)![1]
  let revision = '\n'
  const offsets: number[] = []
  for (const object of [leftover, '<< /Producer (A later save) >>']) {
    offsets.push(pdf.length + revision.length)
    revision += `${size + offsets.length - 1} 0 obj\n${object}\nendobj\n`
  }
  const xref = pdf.length + revision.length
  revision += `xref\n0 1\n0000000000 65535 f \n${size} 2\n`
  revision += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  revision += `trailer\n<< /Size ${size + 2} /Root ${root} /Info ${size + 1} 0 R /Prev ${previous} >>\n`
  revision += `startxref\n${xref}\n%%EOF\n`
  return Buffer.concat([pdf, Buffer.from(revision, 'latin1')])
}

/** A PDF whose script sits in a compressed object stream, where a byte search cannot see it. */
export async function pdfWithCompressedScript(): Promise<Buffer> {
  const document = await PDFDocument.create()
  document.addPage()
  document.catalog.set(
    PDFName.of('OpenAction'),
    document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }),
  )
  return Buffer.from(await document.save({ useObjectStreams: true }))
}
