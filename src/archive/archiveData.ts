import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'

import type { FlattenedField, SanitizedCollectionConfig } from 'payload'

import { ArchiveError } from './manifest'
import type { DocId } from './references'

export type ArchivedDoc = Record<string, unknown> & { id: DocId }

/** How many signed a letter: the public tally, which also counts those not listed by name. */
export type SignatureCount = { letter: DocId; signatures: number; listed: number }

/** The archive's content, as written to (and read back from) `data/`. */
export type ArchiveData = {
  collections: Map<string, ArchivedDoc[]>
  globals: Map<string, Record<string, unknown>>
  signatureCounts: SignatureCount[]
}

export const DATA_DIR = 'data'
export const FILES_DIR = 'files'
export const SITE_DIR = 'site'
export const SIGNATURE_COUNTS_FILE = 'signature-counts.json'

export const collectionFile = (slug: string) => `${DATA_DIR}/${slug}.json`
export const globalFile = (slug: string) => `${DATA_DIR}/globals/${slug}.json`
export const uploadPath = (slug: string, filename: string) => `${FILES_DIR}/${slug}/${filename}`

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Keys in alphabetical order at every level, so the same content is the same bytes whichever
 * database it came from (they return fields in different orders).
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  )
}

export const toJson = (value: unknown) => `${JSON.stringify(canonical(value), null, 2)}\n`

export const compareIds = (a: DocId, b: DocId) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1

/** The stored files of an upload document: the original and every size that was made. */
export function uploadFilenames(doc: Record<string, unknown>): string[] {
  const names = typeof doc.filename === 'string' ? [doc.filename] : []
  if (isObject(doc.sizes)) {
    for (const size of Object.values(doc.sizes)) {
      if (isObject(size) && typeof size.filename === 'string') names.push(size.filename)
    }
  }
  return names
}

/** What a document looks like through a select field's options: its label, or the value. */
export function optionLabel(
  fields: readonly FlattenedField[],
  name: string,
  value: unknown,
): string {
  const field = fields.find((candidate) => candidate.name === name)
  if (field && (field.type === 'select' || field.type === 'radio')) {
    for (const option of field.options) {
      const entry = typeof option === 'string' ? { label: option, value: option } : option
      if (entry.value === value && typeof entry.label === 'string') return entry.label
    }
  }
  return String(value ?? '')
}

export const childFields = (
  fields: readonly FlattenedField[],
  name: string,
): readonly FlattenedField[] => {
  const field = fields.find((candidate) => candidate.name === name)
  return field && 'flattenedFields' in field ? field.flattenedFields : []
}

export const isUploadCollection = (collection: SanitizedCollectionConfig) =>
  Boolean(collection.upload)

async function readJson(root: string, relative: string): Promise<unknown> {
  try {
    return JSON.parse(await fsp.readFile(path.join(root, relative), 'utf8'))
  } catch (error) {
    throw new ArchiveError(`${relative} cannot be read as JSON: ${(error as Error).message}`)
  }
}

/** The archive's `data/` folder, checked for shape as it is read. */
export async function readArchiveData(root: string): Promise<ArchiveData> {
  const collections = new Map<string, ArchivedDoc[]>()
  const globals = new Map<string, Record<string, unknown>>()
  const dataDir = path.join(root, DATA_DIR)
  if (!fs.existsSync(dataDir)) throw new ArchiveError(`The archive has no ${DATA_DIR} folder.`)
  for (const name of (await fsp.readdir(dataDir)).sort()) {
    if (!name.endsWith('.json') || name === SIGNATURE_COUNTS_FILE) continue
    const relative = `${DATA_DIR}/${name}`
    const parsed = await readJson(root, relative)
    if (
      !isObject(parsed) ||
      typeof parsed.collection !== 'string' ||
      !Array.isArray(parsed.documents) ||
      !parsed.documents.every(
        (doc) => isObject(doc) && (typeof doc.id === 'number' || typeof doc.id === 'string'),
      )
    ) {
      throw new ArchiveError(`${relative} is not a collection of documents with ids.`)
    }
    collections.set(parsed.collection, parsed.documents as ArchivedDoc[])
  }
  const globalsDir = path.join(dataDir, 'globals')
  if (fs.existsSync(globalsDir)) {
    for (const name of (await fsp.readdir(globalsDir)).sort()) {
      if (!name.endsWith('.json')) continue
      const relative = `${DATA_DIR}/globals/${name}`
      const parsed = await readJson(root, relative)
      if (!isObject(parsed) || typeof parsed.global !== 'string' || !isObject(parsed.data)) {
        throw new ArchiveError(`${relative} is not a global's settings.`)
      }
      globals.set(parsed.global, parsed.data)
    }
  }
  const countsFile = path.join(dataDir, SIGNATURE_COUNTS_FILE)
  const signatureCounts = fs.existsSync(countsFile)
    ? await readJson(root, `${DATA_DIR}/${SIGNATURE_COUNTS_FILE}`)
    : []
  if (
    !Array.isArray(signatureCounts) ||
    !signatureCounts.every(
      (entry) =>
        isObject(entry) &&
        Number.isInteger(entry.signatures) &&
        Number.isInteger(entry.listed) &&
        (entry.listed as number) <= (entry.signatures as number),
    )
  ) {
    throw new ArchiveError(`${DATA_DIR}/${SIGNATURE_COUNTS_FILE} is not a list of letter counts.`)
  }
  return { collections, globals, signatureCounts: signatureCounts as SignatureCount[] }
}
