import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'

import { walkFiles } from '../archive/manifest'
import type { S3Settings } from '../environment'
import { DOCUMENT_TYPES, IMAGE_TYPES } from './fileTypes'
import { s3ClientConfig, STORED_COLLECTIONS } from './objectStorage'

export type FileStorageSettings = { mediaDir: string; s3: S3Settings | null }

/**
 * Where uploaded files are kept, as the backup, restore and archive commands see it: every file
 * by its path `<collection>/<file name>`, which is its path under MEDIA_DIR on disk and its key
 * in the bucket with S3 (src/uploads/objectStorage.ts), so a backup's media folder is the same
 * either way and can be restored onto the other.
 */
export type FileStore = {
  /** For messages: MEDIA_DIR's path or the bucket's name. */
  where: string
  list: () => Promise<{ path: string; bytes: number }[]>
  exists: (file: string) => Promise<boolean>
  read: (file: string) => Promise<Buffer>
  write: (file: string, bytes: Buffer) => Promise<void>
  /** Removes every stored file. */
  clear: () => Promise<void>
  close: () => void
}

export function fileStore({ mediaDir, s3 }: FileStorageSettings): FileStore {
  return s3 ? bucketStore(s3) : folderStore(mediaDir)
}

/** The settings the running config was built with (kept server-side in config.custom). */
export function fileStorageOf(config: { custom?: Record<string, unknown> }): FileStorageSettings {
  const settings = config.custom?.fileStorage as FileStorageSettings | undefined
  if (!settings) throw new Error('the config does not say where uploaded files are kept')
  return settings
}

function folderStore(mediaDir: string): FileStore {
  const full = (file: string) => path.join(mediaDir, file)
  return {
    where: 'MEDIA_DIR',
    list: async () => {
      const files = fs.existsSync(mediaDir) ? await walkFiles(mediaDir) : []
      return Promise.all(
        files.map(async (file) => ({ path: file, bytes: (await fsp.stat(full(file))).size })),
      )
    },
    exists: async (file) => fs.existsSync(full(file)),
    read: (file) => fsp.readFile(full(file)),
    write: async (file, bytes) => {
      await fsp.mkdir(path.dirname(full(file)), { recursive: true })
      await fsp.writeFile(full(file), bytes)
    },
    clear: async () => {
      if (!fs.existsSync(mediaDir)) return
      for (const entry of await fsp.readdir(mediaDir)) {
        await fsp.rm(path.join(mediaDir, entry), { recursive: true, force: true })
      }
    },
    close: () => {},
  }
}

function bucketStore(s3: S3Settings): FileStore {
  const client = new S3Client(s3ClientConfig(s3))
  const Bucket = s3.bucket
  const list = async () => {
    const found: { path: string; bytes: number }[] = []
    for (const collection of STORED_COLLECTIONS) {
      let ContinuationToken: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: `${collection}/`, ContinuationToken }),
        )
        for (const object of page.Contents ?? []) {
          if (object.Key) found.push({ path: object.Key, bytes: object.Size ?? 0 })
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
    }
    return found
  }
  return {
    where: `the S3 bucket ${Bucket}`,
    list,
    exists: async (file) => {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: file }))
        return true
      } catch (error) {
        if (
          (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
        )
          return false
        throw error
      }
    },
    read: async (file) => {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: file }))
      return Buffer.from(await object.Body!.transformToByteArray())
    },
    write: async (file, bytes) => {
      // Payload serves an object with the type stored beside it.
      await client.send(
        new PutObjectCommand({ Bucket, Key: file, Body: bytes, ContentType: contentTypeOf(file) }),
      )
    },
    clear: async () => {
      const files = await list()
      // DeleteObjects takes at most 1,000 keys.
      for (let start = 0; start < files.length; start += 1000) {
        await client.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: files.slice(start, start + 1000).map(({ path: Key }) => ({ Key })) },
          }),
        )
      }
    },
    close: () => client.destroy(),
  }
}

// Stored names always end in the extension of the type read from the file's bytes.
const TYPE_BY_EXTENSION = new Map<string, string>(
  Object.entries({ ...IMAGE_TYPES, ...DOCUMENT_TYPES }).map(([mime, { ext }]) => [ext, mime]),
)
const contentTypeOf = (file: string) =>
  TYPE_BY_EXTENSION.get(path.extname(file).slice(1).toLowerCase()) ?? 'application/octet-stream'
