import type { SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { ANONYMOUS_NAME } from '../collections/Signatories/hooks/publicFields'

type ArchivedDoc = Record<string, unknown>

export type ArchivePolicy = {
  /** Why the collection is left out of the archive. */
  skip?: string
  /** Supporting files: only the documents that archived documents refer to. */
  onlyWhenReferenced?: boolean
  /** Fields the public can read that the archive still leaves out. */
  omit?: readonly string[]
  /** What an import adds back, because being in the public archive implies it. */
  restore?: (doc: ArchivedDoc) => Record<string, unknown>
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * What the public archive holds of each collection. A collection not listed is archived as the
 * public sees it, so one added later is covered without changes here. Accounts are never
 * archived, nor are Payload's own collections (jobs, preferences, locks, migrations).
 */
export const ARCHIVE_POLICY: Readonly<Record<string, ArchivePolicy>> = {
  search: { skip: 'derived: the search plugin rebuilds it from the documents' },
  // Admins' settings for a running site, with secrets: nothing a visitor ever saw.
  webhooks: { skip: 'admin settings, with secrets' },
  'webhook-deliveries': { skip: 'the log of webhook deliveries' },
  // Media is public, but an upload nothing published uses may be meant for a draft.
  media: { onlyWhenReferenced: true },
  artwork: {
    // Only approved work is public, so the moderation state says nothing and is left out.
    omit: ['moderationStatus'],
    restore: () => ({ moderationStatus: 'approved', consentToPublish: true }),
  },
  signatories: {
    // The archive holds what the letter showed; the real name, email, consent record and
    // review stay with the operators' backups.
    restore: (doc) => ({
      status: 'approved',
      source: 'import',
      name: text(doc.publicName) || ANONYMOUS_NAME,
      role: text(doc.publicRole),
      organisation: text(doc.publicOrganisation),
    }),
  },
}

export const policyFor = (slug: string): ArchivePolicy => ARCHIVE_POLICY[slug] ?? {}

/** The collections an export reads and an import writes, in config order. */
export function archivedCollections(config: SanitizedConfig): SanitizedCollectionConfig[] {
  return config.collections.filter(
    (collection) =>
      !collection.auth &&
      !collection.slug.startsWith('payload-') &&
      !policyFor(collection.slug).skip,
  )
}
