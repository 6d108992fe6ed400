import type { FlattenedField } from 'payload'

export type DocId = number | string
export type Reference = { collection: string; id: DocId }
/** The id a reference should carry from now on, or null when it has to go. */
export type ReferenceVisitor = (reference: Reference) => DocId | null

type Json = Record<string, unknown>

export type Rewritten = {
  data: Json
  /** Paths of required single references that had to go: the document cannot stand alone. */
  missingRequired: string[]
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const idOf = (value: unknown): DocId | undefined => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (isObject(value) && (typeof value.id === 'number' || typeof value.id === 'string')) {
    return value.id
  }
  return undefined
}

export const referenceKey = ({ collection, id }: Reference) => `${collection}:${String(id)}`

/**
 * Every reference a document makes to another, through relationship and upload fields at any
 * depth (groups, arrays, blocks) and through rich text (uploads, relationships and internal
 * links), passed to `visit`, which keeps, renumbers or removes it. Join fields are derived from
 * the other side and never visited.
 */
export function rewriteReferences(
  fields: readonly FlattenedField[],
  data: Json,
  visit: ReferenceVisitor,
): Rewritten {
  const missingRequired: string[] = []
  return { data: rewriteFields(fields, data, visit, '', missingRequired), missingRequired }
}

export function collectReferences(fields: readonly FlattenedField[], data: Json): Reference[] {
  const found: Reference[] = []
  rewriteReferences(fields, data, (reference) => {
    found.push(reference)
    return reference.id
  })
  return found
}

function rewriteFields(
  fields: readonly FlattenedField[],
  data: Json,
  visit: ReferenceVisitor,
  path: string,
  missing: string[],
): Json {
  const out: Json = { ...data }
  for (const field of fields) {
    const value = out[field.name]
    const here = path ? `${path}.${field.name}` : field.name
    if (value === null || value === undefined) {
      // Read as a member of the public, a reference to what they may not read comes back
      // empty (src/fields/hiddenReferences.ts): a required one is as missing as a removed one.
      const reference = field.type === 'relationship' || field.type === 'upload'
      if (reference && field.required && !field.hasMany) missing.push(here)
      continue
    }
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        const relationTo = field.relationTo
        const one = (entry: unknown) => rewriteRelation(relationTo, entry, visit)
        if (Array.isArray(value)) {
          out[field.name] = value.map(one).filter((entry) => entry !== null)
        } else {
          const kept = one(value)
          out[field.name] = kept
          if (kept === null && field.required) missing.push(here)
        }
        break
      }
      case 'group':
      case 'tab':
        if (isObject(value)) {
          out[field.name] = rewriteFields(field.flattenedFields, value, visit, here, missing)
        }
        break
      case 'array':
        if (Array.isArray(value)) {
          out[field.name] = value.map((row, index) =>
            isObject(row)
              ? rewriteFields(field.flattenedFields, row, visit, `${here}.${index}`, missing)
              : row,
          )
        }
        break
      case 'blocks':
        if (Array.isArray(value)) {
          out[field.name] = value.map((row, index) => {
            if (!isObject(row)) return row
            const block = field.blocks.find(({ slug }) => slug === row.blockType)
            return block
              ? rewriteFields(block.flattenedFields, row, visit, `${here}.${index}`, missing)
              : row
          })
        }
        break
      case 'richText':
        out[field.name] = rewriteRichText(value, visit)
        break
      default:
        break
    }
  }
  return out
}

function rewriteRelation(
  relationTo: string | string[],
  entry: unknown,
  visit: ReferenceVisitor,
): unknown {
  if (Array.isArray(relationTo)) {
    // Polymorphic: { relationTo, value }.
    if (!isObject(entry) || typeof entry.relationTo !== 'string') return entry
    const id = idOf(entry.value)
    if (id === undefined) return entry
    const kept = visit({ collection: entry.relationTo, id })
    return kept === null ? null : { relationTo: entry.relationTo, value: kept }
  }
  const id = idOf(entry)
  if (id === undefined) return entry
  return visit({ collection: relationTo, id })
}

const DROP = Symbol('drop')
type Unwrap = { unwrap: unknown[] }

/**
 * Lexical JSON: upload and relationship nodes point at a document; an internal link carries one
 * in `fields.doc`. A node whose document has gone is removed; a link to it keeps its text.
 */
function rewriteRichText(value: unknown, visit: ReferenceVisitor): unknown {
  const result = rewriteNode(value, visit)
  return result === DROP || isUnwrap(result) ? null : result
}

function isUnwrap(value: unknown): value is Unwrap {
  return isObject(value) && Array.isArray(value.unwrap) && Object.keys(value).length === 1
}

function rewriteNode(node: unknown, visit: ReferenceVisitor): unknown {
  if (Array.isArray(node)) {
    return node.flatMap((child) => {
      const rewritten = rewriteNode(child, visit)
      if (rewritten === DROP) return []
      if (isUnwrap(rewritten)) return rewritten.unwrap
      return [rewritten]
    })
  }
  if (!isObject(node)) return node
  if (
    (node.type === 'upload' || node.type === 'relationship') &&
    typeof node.relationTo === 'string'
  ) {
    const id = idOf(node.value)
    if (id === undefined) return node
    const kept = visit({ collection: node.relationTo, id })
    return kept === null ? DROP : { ...node, value: kept }
  }
  const copy: Json = {}
  for (const [key, child] of Object.entries(node)) copy[key] = rewriteNode(child, visit)
  const fields = copy.fields
  if (
    (copy.type === 'link' || copy.type === 'autolink') &&
    isObject(fields) &&
    fields.linkType === 'internal' &&
    isObject(fields.doc) &&
    typeof fields.doc.relationTo === 'string'
  ) {
    const id = idOf(fields.doc.value)
    if (id !== undefined) {
      const kept = visit({ collection: fields.doc.relationTo, id })
      if (kept === null) return { unwrap: Array.isArray(copy.children) ? copy.children : [] }
      copy.fields = { ...fields, doc: { ...fields.doc, value: kept } }
    }
  }
  return copy
}
