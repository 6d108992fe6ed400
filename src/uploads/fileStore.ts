import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import {
  CopyObjectCommand,
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
  /**
   * Copies every stored file aside (a folder beside MEDIA_DIR, or a key prefix of the bucket
   * that is outside every collection's), so that what follows can be undone.
   */
  setAside: (label: string) => Promise<SetAside>
  close: () => void
}

export type SetAside = {
  /** For messages: where the copy is. */
  where: string
  /** Makes the store hold exactly what it held when set aside, and drops the copy. */
  putBack: () => Promise<void>
  /** Drops the copy. */
  discard: () => Promise<void>
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
  const clear = async () => {
    if (!fs.existsSync(mediaDir)) return
    for (const entry of await fsp.readdir(mediaDir)) {
      await fsp.rm(path.join(mediaDir, entry), { recursive: true, force: true })
    }
  }
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
    clear,
    setAside: async (label) => {
      const copy = `${path.resolve(mediaDir)}.${label}-${process.pid}`
      const existed = fs.existsSync(mediaDir)
      if (existed) await fsp.cp(mediaDir, copy, { recursive: true })
      return {
        where: existed ? copy : 'nowhere (MEDIA_DIR was empty)',
        putBack: async () => {
          if (!existed) return clear()
          await fsp.rm(mediaDir, { recursive: true, force: true })
          await fsp.rename(copy, mediaDir)
        },
        discard: () => fsp.rm(copy, { recursive: true, force: true }),
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
  // DeleteObjects takes at most 1,000 keys.
  const remove = async (keys: string[]) => {
    for (let start = 0; start < keys.length; start += 1000) {
      await client.send(
        new DeleteObjectsCommand({
          Bucket,
          Delete: { Objects: keys.slice(start, start + 1000).map((Key) => ({ Key })) },
        }),
      )
    }
  }
  const clear = async () => remove((await list()).map((file) => file.path))
  // Copied inside the bucket, never through this machine. encodeURI, not encodeURIComponent:
  // the source's slash between bucket and key must stay a slash for s3rver and MinIO alike.
  const copy = (from: string, to: string) =>
    client.send(
      new CopyObjectCommand({ Bucket, Key: to, CopySource: encodeURI(`${Bucket}/${from}`) }),
    )
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
    clear,
    // Deleting a document deletes its objects at once, outside any database transaction:
    // until the work has succeeded, a copy of each is kept under a prefix of its own.
    setAside: async (label) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      const prefix = `${label}-${stamp}-${process.pid}/`
      const keys = (await list()).map((file) => file.path)
      for (const key of keys) await copy(key, `${prefix}${key}`)
      const discard = () => remove(keys.map((key) => `${prefix}${key}`))
      return {
        where: `${Bucket}/${prefix}`,
        putBack: async () => {
          await clear()
          for (const key of keys) await copy(`${prefix}${key}`, key)
          await discard()
        },
        discard,
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
