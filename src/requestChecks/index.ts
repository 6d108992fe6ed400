import fs from 'node:fs/promises'
import path from 'node:path'

import {
  APIError,
  type Collection,
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
  type Endpoint,
  type FlattenedBlock,
  type FlattenedField,
  type GlobalBeforeOperationHook,
  type GlobalBeforeValidateHook,
  headersWithCors,
  type Payload,
  type PayloadRequest,
  type SanitizedConfig,
} from 'payload'

import { dataProblem, type DataSchema, type Reference } from './dataProblem'
import { filterOnlyThroughReadable } from './readableReferences'
import { type IdType, MAX_NUMERIC_ID, type QuerySchema, whereProblem } from './whereProblem'
import { isPlainObject } from '../utilities/isPlainObject'

/** The last page anyone may ask for: past it the offset no longer fits the databases' integers. */
export const MAX_PAGE = 1_000_000

const refuse = (message: string, status = 400) => new APIError(message, status, undefined, true)

// Slugs here come from relationship fields of any collection, Payload's own included.
const collectionOf = (payload: Payload, slug: string): Collection | undefined =>
  (payload.collections as Record<string, Collection | undefined>)[slug]

const idTypeOf = (payload: Payload, slug: string): IdType => {
  const collection = collectionOf(payload, slug)
  const idType = collection?.customIDType ?? payload.db.defaultIDType
  return idType === 'number' ? 'number' : 'text'
}

function querySchema(payload: Payload, slug: string): QuerySchema {
  const config = collectionOf(payload, slug)?.config
  return {
    fields: config?.flattenedFields ?? [],
    idType: idTypeOf(payload, slug),
    versions: Boolean(config?.versions),
    answersAll: payload.db.name === 'mongoose',
    collection: (other) => {
      const related = collectionOf(payload, other)
      return related
        ? { fields: related.config.flattenedFields, idType: idTypeOf(payload, other) }
        : undefined
    },
  }
}

function dataSchema(payload: Payload, fields: DataSchema['fields']): DataSchema {
  return {
    fields,
    idType: (slug) => idTypeOf(payload, slug),
    block: (slug) => (payload.blocks as Record<string, FlattenedBlock | undefined>)[slug],
  }
}

/**
 * A body to create or update from a request (REST, JSON or multipart `_payload`, or GraphQL
 * `data`), checked against the fields before any hook or the database sees it. Server code
 * (seed, jobs, archive) is trusted with its own shapes.
 */
const refuseMisshapenData = (
  operation: string,
  given: Record<string, unknown>,
  req: PayloadRequest,
  fields: DataSchema['fields'],
) => {
  if (operation !== 'create' && operation !== 'update') return
  if (req.payloadAPI === 'local' || !isPlainObject(given.data)) return
  const problem = dataProblem(given.data, dataSchema(req.payload, fields))
  if (problem) throw refuse(problem)
}

/** A label as written in the config; labels can also be functions of the admin's language. */
const labelOf = (label: unknown, fallback: string) => (typeof label === 'string' ? label : fallback)

// Lower case within a sentence, except an acronym: "NHS trust" stays as it is.
const inText = (label: string) =>
  /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)

/** "NHS trust" → "an NHS trust", "Image or document" → "an image or document". */
function inSentence(label: string): string {
  const acronym = /^[A-Z]{2}/.test(label)
  const words = inText(label)
  // An acronym is read letter by letter: "an NHS", "a BBC".
  const vowelSound = acronym ? /^[AEFHILMNORSX]/.test(label) : /^[aeiou]/.test(words)
  return `${vowelSound ? 'an' : 'a'} ${words}`
}

/** The references to other documents in a body to write, as dataProblem finds them. */
function referencesIn(
  data: Record<string, unknown>,
  req: PayloadRequest,
  fields: DataSchema['fields'],
): Reference[] {
  const references: Reference[] = []
  const problem = dataProblem(data, {
    ...dataSchema(req.payload, fields),
    onReference: (reference) => references.push(reference),
  })
  if (problem) throw refuse(problem)
  return references
}

/**
 * The database refuses a reference to a document that is not there (a foreign key), which
 * Payload answered with a 500 and the database's words. Each target collection is asked once,
 * by id, straight from the database: whether a document exists is all the write would have
 * told anyone, so no one's read access is needed or revealed. Runs once access to the write
 * has been granted (a beforeValidate hook), so only those allowed to write learn it.
 */
async function refuseMissingReferences(references: Reference[], req: PayloadRequest) {
  const { payload } = req
  const byCollection = new Map<string, Reference[]>()
  for (const reference of references) {
    const group = byCollection.get(reference.collection)
    if (group) group.push(reference)
    else byCollection.set(reference.collection, [reference])
  }
  for (const [slug, wanted] of byCollection) {
    const collection = collectionOf(payload, slug)
    if (!collection) continue
    const ids = [...new Set(wanted.map(({ id }) => id))]
    const found = await payload.db.find({
      collection: collection.config.slug,
      where: { id: { in: ids } },
      limit: ids.length,
      pagination: false,
      select: { id: true },
      req,
    })
    const present = new Set(found.docs.map((doc) => String(doc.id)))
    const missing = wanted.find(({ id }) => !present.has(String(id)))
    if (missing) {
      const label = inSentence(labelOf(collection.config.labels?.singular, slug))
      throw refuse(`${missing.at} refers to ${label} that does not exist.`)
    }
  }
}

const checkReferences: CollectionBeforeValidateHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (req.payloadAPI === 'local' || !isPlainObject(data)) return data
  const references = referencesIn(data, req, collection.flattenedFields)
  const id = operation === 'update' ? (originalDoc as { id?: unknown } | undefined)?.id : undefined
  const itself =
    id !== undefined &&
    references.find((one) => one.collection === collection.slug && String(one.id) === String(id))
  if (itself) {
    const label = inText(labelOf(collection.labels?.singular, collection.slug))
    throw refuse(`${itself.at} refers to this ${label} itself.`)
  }
  await refuseMissingReferences(references, req)
  return data
}

const checkGlobalReferences: GlobalBeforeValidateHook = async ({ data, global, req }) => {
  if (req.payloadAPI === 'local' || !isPlainObject(data)) return data
  await refuseMissingReferences(referencesIn(data, req, global.flattenedFields), req)
  return data
}

const BODY_MESSAGE =
  'Send the request body as a JSON object with Content-Type: application/json (or, with a file, as multipart form data with the fields as JSON in _payload).'

// Payload's reads take `data` to run their hooks on a document given instead of the stored
// one (for server code). Over HTTP that would let anyone have the site answer, at a real
// document's address, whatever they sent: reads from a request never take it.
const READ_DATA_MESSAGE =
  'data is not something a read takes: ask for the document by its id, with depth, select or draft.'
const refuseDataOnRead = (
  operation: string,
  given: Record<string, unknown>,
  req: PayloadRequest,
) => {
  if (operation === 'read' && given.data !== undefined && req.payloadAPI !== 'local') {
    throw refuse(READ_DATA_MESSAGE)
  }
}

/**
 * The pages of the joins a read asks for (`joins[<field>][limit|page|sort|where]`, which Payload
 * hands to the database as they come): each names a join field, pages as a list pages, and
 * filters the collection it joins as a list's filter is checked.
 */
function joinsProblem(
  joins: Record<string, unknown>,
  fields: readonly FlattenedField[],
  payload: Payload,
  bounded: boolean,
): string | undefined {
  for (const [path, join] of Object.entries(joins)) {
    if (join === false) continue
    const field = fieldAt(fields, path)
    if (field?.type !== 'join') return `joins[${path}]: there is no join of that name here.`
    if (!isPlainObject(join))
      return `joins[${path}] must be false, or give its limit, page, sort or where.`
    const { limit, page, where } = join
    if (
      limit !== undefined &&
      !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)
    ) {
      return `joins[${path}][limit] must be a whole number.`
    }
    if (
      page !== undefined &&
      !(typeof page === 'number' && Number.isInteger(page) && page >= 1 && page <= MAX_PAGE)
    ) {
      return `joins[${path}][page] must be a whole number from 1 to ${MAX_PAGE}.`
    }
    if (where !== undefined && typeof field.collection === 'string') {
      const problem = whereProblem(
        where,
        querySchema(payload, field.collection),
        bounded,
        `joins[${path}][where]`,
      )
      if (problem) return problem
    }
  }
  return undefined
}

/**
 * Sorting through a relationship (`sort=letter.title`) orders documents by fields of documents
 * the reader may not be allowed to see (an unpublished letter's title), and a join is no value
 * to sort by: a client's sort names this collection's own fields.
 */
function sortProblem(sort: unknown, fields: readonly FlattenedField[]): string | undefined {
  const paths = (Array.isArray(sort) ? sort : [sort]).flatMap((value) =>
    typeof value === 'string' ? value.split(',') : [],
  )
  for (const path of paths) {
    const segments = path.trim().replace(/^-/, '').replace(/__/g, '.').split('.')
    const leaving = fieldsAlong(fields, segments).find(
      (field, index) =>
        field.type === 'join' ||
        (index < segments.length - 1 && (field.type === 'relationship' || field.type === 'upload')),
    )
    if (leaving) {
      return `sort=${path.trim()}: sort by this collection's own fields; ${leaving.name} leads to documents of another collection.`
    }
  }
  return undefined
}

/**
 * The fields met along a path of names through groups, tabs and arrays, as far as they go:
 * shorter than the path where a name is no field there.
 */
function fieldsAlong(
  fields: readonly FlattenedField[],
  names: readonly string[],
): FlattenedField[] {
  const met: FlattenedField[] = []
  let current = fields
  for (const name of names) {
    const field = current.find((candidate) => 'name' in candidate && candidate.name === name)
    if (!field) break
    met.push(field)
    current =
      'flattenedFields' in field && Array.isArray(field.flattenedFields)
        ? field.flattenedFields
        : []
  }
  return met
}

/** The field at a dotted path through groups and tabs, as Payload names a join's schema path. */
function fieldAt(fields: readonly FlattenedField[], path: string): FlattenedField | undefined {
  const names = path.split('.')
  const met = fieldsAlong(fields, names)
  return met.length === names.length ? met.at(-1) : undefined
}

const OPERATIONS_WITH_BODY = new Set([
  'create',
  'update',
  'login',
  'forgotPassword',
  'resetPassword',
  'unlock',
])

/**
 * Checks what a client sent before any Payload operation runs it, for every collection: the
 * filter (see whereProblem), the document id, the page, and that a body to write is an object.
 * Without this, each of these reaches the database or a hook as it came, and a malformed one
 * ends in a 500 instead of a 400 that says what to change.
 */
const checkOperation: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const given = args as Record<string, unknown>
  const { payload } = req
  // Payload's own batched loads of related documents (disableErrors) may list every id a page
  // refers to, and server code (jobs, archive) may list many: only filters that came in with a
  // REST or GraphQL request are held to the size limits.
  const bounded = given.disableErrors !== true && req.payloadAPI !== 'local'
  if ('where' in given) {
    const problem = whereProblem(given.where, querySchema(payload, collection.slug), bounded)
    if (problem) throw refuse(problem)
  }
  if (bounded && given.sort !== undefined) {
    const problem = sortProblem(given.sort, collection.flattenedFields)
    if (problem) throw refuse(problem)
  }
  if (isPlainObject(given.joins)) {
    const problem = joinsProblem(given.joins, collection.flattenedFields, payload, bounded)
    if (problem) throw refuse(problem)
  }
  if (given.id !== undefined && idTypeOf(payload, collection.slug) === 'number') {
    const { id } = given
    const valid =
      (typeof id === 'number' && Number.isInteger(id)) ||
      (typeof id === 'string' && /^\d{1,10}$/.test(id))
    if (!valid || Number(id) > MAX_NUMERIC_ID) {
      const label = labelOf(collection.labels?.singular, collection.slug)
      // REST has already turned a word into NaN by now, so the id is named only when it is text.
      const named = typeof id === 'string' ? ` “${id.slice(0, 100)}”` : ''
      throw refuse(
        `There is no ${label.toLowerCase()} with the id${named}: ids here are whole numbers.`,
        404,
      )
    }
  }
  if (given.page !== undefined) {
    const { page } = given
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
      throw refuse(`page must be a whole number from 1 to ${MAX_PAGE}.`)
    }
  }
  if (given.limit !== undefined) {
    const { limit } = given
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw refuse('limit must be a whole number.')
    }
  }
  refuseDataOnRead(operation, given, req)
  if (OPERATIONS_WITH_BODY.has(operation) && 'data' in given && !isPlainObject(given.data)) {
    throw refuse(BODY_MESSAGE)
  }
  refuseMisshapenData(operation, given, req, collection.flattenedFields)
  return undefined
}

const checkGlobalOperation: GlobalBeforeOperationHook = ({ args, global, operation, req }) => {
  const given = (args ?? {}) as Record<string, unknown>
  refuseDataOnRead(operation, given, req)
  if (operation === 'update' && 'data' in given && !isPlainObject(given.data)) {
    throw refuse(BODY_MESSAGE)
  }
  refuseMisshapenData(operation, given, req, global.flattenedFields)
  return undefined
}

const notFound =
  (message: string): Endpoint['handler'] =>
  () =>
    Response.json({ errors: [{ message }] }, { status: 404 })

/** Payload's version routes, answered with a 404 where there are no versions to read. */
const noVersions = (message: string): Endpoint[] => [
  { path: '/versions', method: 'get', handler: notFound(message) },
  { path: '/versions/:id', method: 'get', handler: notFound(message) },
  { path: '/versions/:id', method: 'post', handler: notFound(message) },
]

type UploadHandler = NonNullable<
  Extract<SanitizedConfig['collections'][number]['upload'], object>['handlers']
>[number]
// Payload's type has a handler's promise hold either a Response or nothing, never one that may
// hold either; Payload itself takes whatever it resolves to (it looks for a Response).
type MaybeAnswering = (...args: Parameters<UploadHandler>) => Promise<Response | undefined>
const uploadHandler = (handler: MaybeAnswering) => handler as UploadHandler

const NO_SUCH_FILE = 'There is no such file.'

// Answered, not thrown: Payload logs every error thrown in a route at error level, with its
// stack, and a missing file is the client's question, not the server's fault.
const noSuchFile = (req: PayloadRequest) =>
  Response.json(
    { errors: [{ message: NO_SUCH_FILE }] },
    { status: 404, headers: headersWithCors({ headers: new Headers(), req }) },
  )

/**
 * Payload streams a file from disk once read access allows it, and answers a file that is not
 * there with a 500. Runs after any storage adapter's handler, so only files kept on disk.
 */
const missingFileIs404 = (staticDir: string) =>
  uploadHandler(async (req, { params }) => {
    const folder = path.resolve(staticDir)
    const file = path.resolve(folder, params.filename)
    // Payload refuses paths outside the folder itself, with a 400.
    if (!file.startsWith(folder + path.sep)) return undefined
    return fs.stat(file).then(
      () => undefined,
      () => noSuchFile(req),
    )
  })

/** Object storage answers an object that is not in the bucket with a bare 404: this says why. */
const missingObjectSaysSo = (handler: UploadHandler) =>
  uploadHandler(async (req, args) => {
    const response = await handler(req, args)
    if (!(response instanceof Response)) return undefined
    return response.status === 404 && !response.body ? noSuchFile(req) : response
  })

/**
 * Applies the checks to every collection and global of the final configuration, Payload's own
 * (locked documents, preferences, migrations, jobs) included: those exist only once the config
 * is sanitised, after plugins have run, so this takes the sanitised config.
 */
export function withRequestChecks(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    collection.hooks.beforeOperation = [
      checkOperation,
      filterOnlyThroughReadable,
      ...(collection.hooks.beforeOperation ?? []),
    ]
    collection.hooks.beforeValidate = [checkReferences, ...(collection.hooks.beforeValidate ?? [])]
    const label = labelOf(collection.labels?.plural, collection.slug)
    // Payload answers a collection without routes with a 501 naming its own internal address.
    if (collection.endpoints === false) collection.endpoints = []
    if (!collection.versions) {
      // Payload registers the version routes for every collection; without versions they fail.
      collection.endpoints = [...noVersions(`${label} keep no versions.`), ...collection.endpoints]
    }
    if (collection.upload) {
      collection.upload.handlers = [
        ...(collection.upload.handlers ?? []).map(missingObjectSaysSo),
        missingFileIs404(collection.upload.staticDir || collection.slug),
      ]
    }
    if (collection.auth && !collection.auth.verify) {
      collection.endpoints = [
        {
          path: '/verify/:token',
          method: 'post',
          handler: notFound(
            `${label} are not confirmed by email here, so there is nothing to verify.`,
          ),
        },
        ...collection.endpoints,
      ]
    }
  }
  for (const global of config.globals) {
    global.hooks.beforeOperation = [checkGlobalOperation, ...(global.hooks.beforeOperation ?? [])]
    global.hooks.beforeValidate = [checkGlobalReferences, ...(global.hooks.beforeValidate ?? [])]
    if (global.endpoints === false) global.endpoints = []
    if (!global.versions) {
      const label = labelOf(global.label, global.slug)
      global.endpoints = [...noVersions(`${label} keeps no versions.`), ...global.endpoints]
    }
  }
  return config
}
