import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import fs from 'node:fs/promises'
import sharp from 'sharp'

import { isArchiveImport } from '../archive/importContext'

import { type AllowedMimeType, extensionFor, isImageMimeType } from './fileTypes'
import { inspectUpload } from './inspectUpload'
import { withoutPdfMetadata } from './pdf'
import { DEFAULT_MAX_PIXELS } from './limits'
import { uploadRefusal } from './refusal'
import { safeFilename } from './safeFilename'
import { sanitiseImage } from './sanitiseImage'

export { DEFAULT_MAX_PIXELS }

type Options = {
  allowed: readonly AllowedMimeType[]
  /** Base of the stored name, when the uploader's own file name should never be published. */
  nameFrom?: (data: Record<string, unknown> | undefined) => string | undefined
  fallbackName: string
}

export const maxPixelsOf = (req: PayloadRequest): number => {
  const configured: unknown = req.payload.config.custom?.uploadMaxPixels
  return typeof configured === 'number' ? configured : DEFAULT_MAX_PIXELS
}

/**
 * Every file that reaches an upload collection passes here before Payload stores it or makes
 * sizes from it: its type is read from its bytes, polyglots and oversized images are refused,
 * and images and PDFs are stored without their metadata. Payload then stores what this returns.
 */
export const secureUpload =
  ({ allowed, nameFrom, fallbackName }: Options): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = req.file
    if (!file) {
      // Payload would fetch a `url` sent without a file from the server itself.
      if (operation === 'create' && typeof req.data?.url === 'string') {
        throw uploadRefusal(
          'Uploading from a web address is switched off. Please upload the file itself.',
          400,
        )
      }
      return args
    }
    // Decoding costs memory and time: not for someone the access rules will turn away anyway.
    if (!req.user && !('overrideAccess' in args && args.overrideAccess)) return args

    const original = file.data?.length
      ? file.data
      : file.tempFilePath
        ? await fs.readFile(file.tempFilePath)
        : Buffer.alloc(0)
    const maxPixels = maxPixelsOf(req)
    const inspected = await inspectUpload(original, allowed, maxPixels)
    if (isArchiveImport(req)) {
      req.file = await keptFromArchive(original, inspected.mime, file.name)
      return args
    }
    const data = isImageMimeType(inspected.mime)
      ? await sanitiseImage(original, inspected.mime, {
          maxPixels,
          animated: (inspected.pages ?? 1) > 1,
        })
      : inspected.pdf
        ? await withoutPdfMetadata(inspected.pdf)
        : original

    const incoming = 'data' in args ? (args.data as Record<string, unknown> | undefined) : undefined
    req.file = {
      data,
      mimetype: inspected.mime,
      name: safeFilename(
        nameFrom ? nameFrom(incoming) : file.name,
        extensionFor(inspected.mime),
        fallbackName,
      ),
      size: data.length,
    }
    return args
  }

const STORED_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.([a-z0-9]+)$/

/**
 * A file coming back from the public archive was sanitised when it was first uploaded: it is
 * still checked like any upload, but kept byte for byte under its archived name (encoding an
 * image again would lose quality with every round trip, and links use the name). An image
 * that carries metadata, or a name this CMS would never have stored, is refused.
 */
async function keptFromArchive(data: Buffer, mime: AllowedMimeType, name: string) {
  await assertStoredForm(data, mime, name)
  return { data, mimetype: mime, name, size: data.length }
}

/**
 * Checks a file that is to be stored as it is: the type read from its bytes among `allowed`,
 * nothing hidden in it, a name this CMS would have given it, and no image metadata.
 */
export async function checkStoredFile(
  data: Buffer,
  name: string,
  allowed: readonly AllowedMimeType[],
  maxPixels: number,
): Promise<AllowedMimeType> {
  const { mime } = await inspectUpload(data, allowed, maxPixels)
  await assertStoredForm(data, mime, name)
  return mime
}

async function assertStoredForm(data: Buffer, mime: AllowedMimeType, name: string) {
  const extension = STORED_NAME.exec(name)?.[1]
  if (extension !== extensionFor(mime)) {
    throw uploadRefusal(
      `The archived file "${name}" does not have a name this CMS stores for ${mime} files.`,
      400,
    )
  }
  if (isImageMimeType(mime)) {
    const { exif, xmp, iptc } = await sharp(data).metadata()
    if (exif || xmp || iptc) {
      throw uploadRefusal(
        `The archived image "${name}" carries EXIF, XMP or IPTC metadata, which this CMS never stores.`,
        400,
      )
    }
  }
}
