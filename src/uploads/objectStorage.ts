import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { Plugin } from 'payload'

import { s3Storage } from '@payloadcms/storage-s3'

import type { S3Settings } from '../environment'

/** Upload collections whose files go to the bucket, each under a key prefix of its own name. */
export const STORED_COLLECTIONS = ['media', 'artwork'] as const

export function s3ClientConfig(s3: S3Settings): S3ClientConfig {
  return {
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
      : {}),
    // Checksums on every request are recent AWS behaviour that many S3-compatible services
    // (s3rver, older MinIO and Ceph) refuse; they are only sent where the operation needs them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }
}

/**
 * Files of media and artwork in an S3-compatible bucket when S3_BUCKET is set, on disk under
 * MEDIA_DIR otherwise. Who may read a file does not change: every download still goes through
 * Payload's file route, which checks the collection's read access (pending artwork, media only
 * drafts use) before streaming the object from the bucket. The bucket stays private; no object
 * is ever public-read and no URL points into it.
 *
 * The `prefix` column the plugin adds is in the schema whether or not S3 is on
 * (alwaysInsertFields), so one set of migrations serves both, and a site can move its files
 * to a bucket without a schema change.
 */
export function objectStorage(s3: S3Settings | null): Plugin {
  return s3Storage({
    enabled: Boolean(s3),
    alwaysInsertFields: true,
    acl: 'private',
    bucket: s3?.bucket ?? 'unused',
    collections: Object.fromEntries(
      STORED_COLLECTIONS.map((slug) => [slug, { prefix: slug }]),
    ) as Record<(typeof STORED_COLLECTIONS)[number], { prefix: string }>,
    config: s3 ? s3ClientConfig(s3) : {},
  })
}
