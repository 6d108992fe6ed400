import type { PDFDocument } from 'pdf-lib'

import { fileTypeFromBuffer } from 'file-type'
import sharp, { type Metadata } from 'sharp'

import { contentEnd } from './contentEnd'
import { type AllowedMimeType, describeTypes } from './fileTypes'
import { readPdf } from './pdf'
import { uploadRefusal } from './refusal'

export type InspectedUpload = {
  mime: AllowedMimeType
  /** For images: size as decoded, frames included. */
  width?: number
  height?: number
  pages?: number
  /** For PDFs: the document as read and checked, to be cleaned without reading it again. */
  pdf?: PDFDocument
}

const TEXT_FORMATS = /^\s*(<\?xml|<svg|<!doctype|<html|<head|<body|<script)/i

// Signatures of formats a browser, PDF reader or unzip tool finds even when they are not at the
// start of a file. Their presence inside an image means two files in one.
const EMBEDDED_FORMATS: { name: string; pattern: Buffer; within: 'start' | 'end' }[] = [
  { name: 'a ZIP archive', pattern: Buffer.from('PK\x05\x06', 'latin1'), within: 'end' },
  { name: 'a ZIP archive', pattern: Buffer.from('PK\x03\x04', 'latin1'), within: 'start' },
  { name: 'a PDF document', pattern: Buffer.from('%PDF-', 'latin1'), within: 'start' },
  { name: 'a web page', pattern: Buffer.from('<script', 'latin1'), within: 'start' },
  { name: 'a web page', pattern: Buffer.from('<html', 'latin1'), within: 'start' },
]
// Readers look this far from the start (PDF, HTML sniffing) or the end (a ZIP's directory).
const SNIFF_WINDOW = 1024
const ZIP_DIRECTORY_WINDOW = 65_557

/**
 * Checks an upload before anything decodes it: its real type from its bytes, that it is one of
 * `allowed`, that nothing is hidden after or inside it, and (for images) that its pixel count
 * is within `maxPixels`, read from the header so an oversized image is never decoded.
 */
export async function inspectUpload(
  bytes: Buffer,
  allowed: readonly AllowedMimeType[],
  maxPixels: number,
): Promise<InspectedUpload> {
  const accepted = describeTypes(allowed)
  if (!bytes.length) throw uploadRefusal('The file is empty.', 400)

  const detected = await fileTypeFromBuffer(bytes)
  const mime = detected?.mime as AllowedMimeType | undefined
  if (!mime || !allowed.includes(mime)) {
    const head = bytes.toString('utf8', 0, 512)
    const what = TEXT_FORMATS.test(head)
      ? 'an SVG, XML or HTML file, which could carry scripts'
      : detected
        ? `a ${detected.ext.toUpperCase()} file`
        : 'not a type we can check'
    throw uploadRefusal(
      `This file is ${what}. Please upload ${accepted} only; the type is read from the file itself, not its name.`,
      415,
    )
  }

  const end = contentEnd(bytes, mime)
  if (end === null) {
    throw uploadRefusal('The file is damaged or incomplete. Please export it again and retry.', 400)
  }
  const trailing = bytes.subarray(end)
  if (trailing.some((byte) => !isPadding(byte))) {
    throw uploadRefusal(
      'The file has extra data after its end, so it may be two files in one. Please export or save it again from your image or PDF program and retry.',
      400,
    )
  }

  if (mime === 'application/pdf') return { mime, pdf: await readPdf(bytes) }

  const hidden = EMBEDDED_FORMATS.find(({ pattern, within }) => {
    const region =
      within === 'start'
        ? bytes.subarray(0, SNIFF_WINDOW)
        : bytes.subarray(Math.max(0, bytes.length - ZIP_DIRECTORY_WINDOW))
    return region.includes(pattern)
  })
  if (hidden) {
    throw uploadRefusal(
      `The image also contains ${hidden.name}, so it may be two files in one. Please export it again from your image program and retry.`,
      400,
    )
  }

  return { mime, ...(await measureImage(bytes, maxPixels)) }
}

const isPadding = (byte: number) =>
  byte === 0x00 || byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09

async function measureImage(bytes: Buffer, maxPixels: number) {
  let metadata: Metadata
  try {
    // Reads the header only; nothing is decoded yet.
    metadata = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata()
  } catch {
    throw uploadRefusal(
      'The image could not be read. It may be damaged; please export it again.',
      400,
    )
  }
  const width = metadata.width ?? 0
  const pages = metadata.pages ?? 1
  // With `animated`, sharp reports the height of all frames stacked.
  const height = metadata.pageHeight ?? (metadata.height ?? 0) / pages
  if (!width || !height) throw uploadRefusal('The image has no size; it may be damaged.', 400)
  const pixels = width * height * pages
  if (pixels > maxPixels) {
    const megapixels = (value: number) => `${Math.round(value / 1e5) / 10} megapixels`
    throw uploadRefusal(
      `The image is too large to process: ${width} × ${height} pixels${pages > 1 ? ` × ${pages} frames` : ''} is ${megapixels(pixels)}; the limit is ${megapixels(maxPixels)}. Please make it smaller and retry.`,
      413,
    )
  }
  return { width, height, pages }
}
