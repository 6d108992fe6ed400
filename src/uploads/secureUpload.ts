import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import fs from 'node:fs/promises'
import { APIError } from 'payload'

import { type AllowedMimeType, extensionFor, isImageMimeType } from './fileTypes'
import { inspectUpload } from './inspectUpload'
import { safeFilename } from './safeFilename'
import { sanitiseImage } from './sanitiseImage'

export const DEFAULT_MAX_PIXELS = 50_000_000

type Options = {
  allowed: readonly AllowedMimeType[]
  /** Base of the stored name, when the uploader's own file name should never be published. */
  nameFrom?: (data: Record<string, unknown> | undefined) => string | undefined
  fallbackName: string
}

const maxPixelsOf = (req: PayloadRequest): number => {
  const configured: unknown = req.payload.config.custom?.uploadMaxPixels
  return typeof configured === 'number' ? configured : DEFAULT_MAX_PIXELS
}

/**
 * Every file that reaches an upload collection passes here before Payload stores it or makes
 * sizes from it: its type is read from its bytes, polyglots and oversized images are refused,
 * and images are re-encoded without their metadata. Payload then stores what this returns.
 */
export const secureUpload =
  ({ allowed, nameFrom, fallbackName }: Options): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = req.file
    if (!file) {
      // Payload would fetch a `url` sent without a file from the server itself.
      if (operation === 'create' && typeof req.data?.url === 'string') {
        throw new APIError(
          'Uploading from a web address is switched off. Please upload the file itself.',
          400,
          undefined,
          true,
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
    const data = isImageMimeType(inspected.mime)
      ? await sanitiseImage(original, inspected.mime, {
          maxPixels,
          animated: (inspected.pages ?? 1) > 1,
        })
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
