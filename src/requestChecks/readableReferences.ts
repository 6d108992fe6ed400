import {
  APIError,
  type Collection,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type PayloadRequest,
  type Where,
} from 'payload'

import { isAccountCollection, readableAmong, readRuleOf } from '../fields/hiddenReferences'
import { ORDER_OPERATORS } from './whereProblem'
import { isPlainObject } from '../utilities/isPlainObject'

/**
 * Filtering is reading. Payload limits a path through a relationship (`letter.title`) to the
 * related documents the reader may read, but not a filter on the reference itself or inside
 * it: `where[letter][equals]=<id>` on public signatures told whether an unpublished letter
 * exists, `where[relatedTrusts][contains][name][like]=…` spelt out a draft trust's name, and
 * `where[signatories][equals]=<id>` on letters which letter a signature awaiting review is on.
 *
 * Here a reference the reader may not read counts as no reference, as it is shown to them
 * (src/fields/hiddenReferences.ts): an id they may not read matches as an id that does not
 * exist would, `exists` counts only what they may read, and a filter inside a relationship
 * looks only at documents they may read. Server code (overrideAccess) filters as stored.
 */
export const filterOnlyThroughReadable: CollectionBeforeOperationHook = async ({
  args,
  collection,
  overrideAccess,
  req,
}) => {
  const given = args as { where?: unknown; overrideAccess?: boolean }
  // Payload's operations take a missing overrideAccess as false; the Local API sends true.
  if (overrideAccess ?? given.overrideAccess) return undefined
  if (!isPlainObject(given.where)) return undefined
  const context: Context = { req, rules: new Map() }
  const fields = collection.flattenedFields
  given.where = await rewrite(given.where as Where, fields, Boolean(collection.versions), context)
  return undefined
}

type Context = { req: PayloadRequest; rules: Map<string, Promise<boolean | Where>> }

/** What a filter path names, when it names references to other documents. */
type Reference = {
  /** The path of the reference itself (`letter` for `letter.id`). */
  path: string
  collection: string
  /** Several related documents per document: a has-many relationship or a join. */
  many: boolean
  /** Reached through another relationship first (`letter.relatedTrusts`). */
  throughAnother: boolean
}

// Matches no document: every document has an id.
const NOTHING: Where = { id: { exists: false } }

const refuse = (message: string) => new APIError(message, 400, undefined, true)

// Slugs here come from relationship fields of any collection, Payload's own included.
const configOf = (req: PayloadRequest, slug: string) =>
  (req.payload.collections as Record<string, Collection | undefined>)[slug]?.config

const ruleOf = (context: Context, collection: string) => {
  let rule = context.rules.get(collection)
  if (!rule) context.rules.set(collection, (rule = readRuleOf(context.req, collection)))
  return rule
}

async function rewrite(
  where: Where,
  fields: readonly FlattenedField[],
  versions: boolean,
  context: Context,
): Promise<Where> {
  const rewritten: Where = {}
  const added: Where[] = []
  for (const [key, value] of Object.entries(where)) {
    const lower = key.toLowerCase()
    if ((lower === 'and' || lower === 'or') && Array.isArray(value)) {
      // (whereProblem has already refused anything but objects in them.)
      rewritten[key] = await Promise.all(
        value.map((inner: Where) => rewrite(inner, fields, versions, context)),
      )
      continue
    }
    const reference = isPlainObject(value)
      ? referenceAt(key, fields, versions, context.req)
      : undefined
    if (!reference) {
      rewritten[key] = value
      continue
    }
    for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
      const condition = await conditionOn(key, reference, operator, operand, context)
      if (condition) added.push(condition)
    }
  }
  if (!added.length) return rewritten
  const and = Array.isArray(rewritten.and) ? rewritten.and : []
  return { ...rewritten, and: [...and, ...added] }
}

function referenceAt(
  path: string,
  fields: readonly FlattenedField[],
  versions: boolean,
  req: PayloadRequest,
): Reference | undefined {
  // GraphQL spells nested paths with double underscores; versions keep the document in `version`.
  let segments = path.replace(/__/g, '.').split('.')
  if (versions && segments[0] === 'version') segments = segments.slice(1)
  let current = fields
  let hops = 0
  for (let index = 0; index < segments.length; index++) {
    const field = current.find((candidate) => candidate.name === segments[index])
    if (!field) return undefined
    if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') {
      const collections = ([] as string[]).concat(
        field.type === 'join' ? field.collection : field.relationTo,
      )
      // Only Payload's own bookkeeping (document locks, preferences) points to several
      // collections, and Payload asks those questions itself.
      if (collections.length !== 1) return undefined
      const rest = segments.slice(index + 1)
      // `letter.id` is the reference itself.
      if (!rest.length || (rest.length === 1 && rest[0] === 'id')) {
        // Accounts are not content; see isAccountCollection.
        if (isAccountCollection(req, collections[0])) return undefined
        const ownPath = path
          .split('.')
          .slice(0, path.split('.').length - rest.length)
          .join('.')
        return {
          path: ownPath,
          collection: collections[0],
          many: field.type === 'join' || Boolean(field.hasMany),
          throughAnother: hops > 0,
        }
      }
      // A path through the relationship: Payload limits it to what the reader may read.
      const related = configOf(req, collections[0])
      if (!related) return undefined
      current = related.flattenedFields
      hops += 1
      continue
    }
    if ('flattenedFields' in field && Array.isArray(field.flattenedFields)) {
      current = field.flattenedFields
      continue
    }
    return undefined
  }
  return undefined
}

const isNoValue = (value: unknown) => value === null || value === 'null' || value === ''

/** The values an operand lists: `in` takes a list or commas, `equals` a list as "any of". */
function valuesOf(operator: string, operand: unknown): unknown[] {
  if (Array.isArray(operand)) return operand
  if (typeof operand === 'string' && ['in', 'not_in', 'all'].includes(operator)) {
    return operand.split(',')
  }
  return [operand]
}

async function conditionOn(
  path: string,
  reference: Reference,
  operator: string,
  operand: unknown,
  context: Context,
): Promise<Where | undefined> {
  const original: Where = { [path]: { [operator]: operand } }
  const at = `where[${path}][${operator}]`
  const rule = await ruleOf(context, reference.collection)

  // A filter inside the related documents looks only at those the reader may read.
  if (operator === 'contains' && isPlainObject(operand)) {
    const related = configOf(context.req, reference.collection)
    if (!related) return original
    const inner = await rewrite(operand as Where, related.flattenedFields, false, context)
    if (rule === false) return NOTHING
    return { [path]: { contains: rule === true ? inner : { and: [inner, rule] } } }
  }
  if (rule === true) return original

  if (ORDER_OPERATORS.has(operator)) {
    throw refuse(
      `${at}: a reference is compared by id with equals, not_equals, in, not_in or exists, not by order.`,
    )
  }

  if (operator === 'exists') {
    const wanted = operand === true || operand === 'true'
    if (reference.throughAnother) {
      throw refuse(
        `${at}: exists can only be asked of a relationship of this collection, not through another.`,
      )
    }
    if (rule === false) return wanted ? NOTHING : undefined
    if (!wanted) {
      throw refuse(
        `${at}=false cannot be asked here: some of the documents it refers to are not yours to read, and a reference to one of them counts as none. Ask for exists=true, or leave the filter out.`,
      )
    }
    if (reference.many) return { [reference.path]: { contains: rule } }
    return { and: [original, prefixPaths(reference.path, rule)] }
  }

  const values = valuesOf(operator, operand)
  const ids = values.filter(
    (value): value is number | string => typeof value === 'string' || typeof value === 'number',
  )
  const readable = await readableAmong(context.req, reference.collection, ids)
  const kept = values.filter((value) => isNoValue(value) || readable.has(String(value)))
  const all = kept.length === values.length
  switch (operator) {
    case 'equals':
    case 'contains':
    case 'in':
      if (all) return original
      return kept.length ? { [path]: { in: kept } } : NOTHING
    case 'all':
      return all ? original : NOTHING
    case 'not_equals':
    case 'not_in':
      if (all) return original
      return kept.length ? { [path]: { not_in: kept } } : undefined
    default:
      return original
  }
}

/** A filter on the related document, as a filter through the reference at `prefix`. */
function prefixPaths(prefix: string, where: Where): Where {
  const prefixed: Where = {}
  for (const [key, value] of Object.entries(where)) {
    const lower = key.toLowerCase()
    prefixed[lower === 'and' || lower === 'or' ? key : `${prefix}.${key}`] =
      (lower === 'and' || lower === 'or') && Array.isArray(value)
        ? value.map((inner: Where) => prefixPaths(prefix, inner))
        : value
  }
  return prefixed
}
