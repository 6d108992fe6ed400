import type { FlattenedBlock, FlattenedField } from 'payload'

import { type IdType, MAX_NUMERIC_ID } from './whereProblem'
import { isPlainObject } from '../utilities/isPlainObject'

/**
 * How deep a rich text document's nodes may nest. The editor's own lists and quotes stay far
 * below it; past it every hook that walks the tree recurses that deep.
 */
export const MAX_RICH_TEXT_DEPTH = 50

/** What a body's paths resolve to: a collection's (or global's) fields and its neighbours' ids. */
export type DataSchema = {
  fields: readonly FlattenedField[]
  /** The id type of a collection a relationship or upload field points to. */
  idType: (slug: string) => IdType
  /** Blocks defined once in the config and referenced by slug from blocks fields. */
  block: (slug: string) => FlattenedBlock | undefined
  /** Told of each well-formed reference to another document, for checking that it exists. */
  onReference?: (reference: Reference) => void
}

/** A relationship or upload value in a body: where it is, and the document it names. */
export type Reference = { at: string; collection: string; id: number | string }

class Problem extends Error {}

const isId = (value: unknown, idType: IdType) =>
  idType === 'number'
    ? (typeof value === 'number' &&
        Number.isInteger(value) &&
        value > 0 &&
        value <= MAX_NUMERIC_ID) ||
      (typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) <= MAX_NUMERIC_ID)
    : typeof value === 'string' && value.length > 0 && value.length <= 200

// Payload turns a related document sent in full ({ id, ... }, as read with depth) into its id.
const isReference = (value: unknown, idType: IdType) =>
  isId(value, idType) || (isPlainObject(value) && isId(value.id, idType))

// Ids as the database writes them: numeric ids may come as text ("5").
const idOf = (value: unknown, idType: IdType): number | string => {
  const id = isPlainObject(value) ? value.id : value
  return idType === 'number' ? Number(id) : String(id)
}

const isDate = (value: unknown) =>
  (value instanceof Date && !Number.isNaN(value.getTime())) ||
  (typeof value === 'string' && value.length <= 100 && !Number.isNaN(Date.parse(value)))

// The admin panel's form sends an array or blocks field without rows as its number of rows.
const isRowCount = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0

/** Each value of a field, one or a list as the field takes (hasMany), or a problem. */
function eachValue(
  field: FlattenedField,
  value: unknown,
  at: string,
  check: (one: unknown, at: string) => void,
) {
  const many = 'hasMany' in field && field.hasMany === true
  if (!many) return check(value, at)
  if (!Array.isArray(value)) throw new Problem(`${at} must be a list.`)
  value.forEach((one, index) => check(one, `${at}.${index}`))
}

function checkRichTextNode(node: unknown, at: string, depth: number) {
  if (!isPlainObject(node)) throw new Problem(`${at} must be rich text: each node is an object.`)
  if (depth > MAX_RICH_TEXT_DEPTH) {
    throw new Problem(`${at} nests deeper than ${MAX_RICH_TEXT_DEPTH} levels.`)
  }
  if (node.children === undefined) return
  if (!Array.isArray(node.children)) {
    throw new Problem(`${at} must be rich text: a node's children are a list.`)
  }
  for (const child of node.children) checkRichTextNode(child, at, depth + 1)
}

function checkField(field: FlattenedField, value: unknown, at: string, schema: DataSchema) {
  if (value === null || value === undefined) return
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return eachValue(field, value, at, (one, where) => {
        if (typeof one !== 'string') throw new Problem(`${where} must be text.`)
      })
    case 'number':
      return eachValue(field, value, at, (one, where) => {
        if (typeof one !== 'number' || !Number.isFinite(one)) {
          throw new Problem(`${where} must be a number.`)
        }
      })
    case 'checkbox':
      if (typeof value !== 'boolean') throw new Problem(`${at} must be true or false.`)
      return
    case 'date':
      if (!isDate(value)) throw new Problem(`${at} must be a date, such as 2026-12-02.`)
      return
    case 'select':
    case 'radio': {
      const options = field.options.map((option) =>
        typeof option === 'string' ? option : option.value,
      )
      return eachValue(field, value, at, (one, where) => {
        if (typeof one !== 'string' || !options.includes(one)) {
          throw new Problem(`${where} must be one of ${options.join(', ')}.`)
        }
      })
    }
    case 'relationship':
    case 'upload': {
      const targets: string[] = Array.isArray(field.relationTo)
        ? field.relationTo
        : [field.relationTo]
      const polymorphic = Array.isArray(field.relationTo)
      return eachValue(field, value, at, (one, where) => {
        if (!polymorphic) {
          const idType = schema.idType(targets[0])
          if (!isReference(one, idType)) {
            throw new Problem(`${where} must be the id of a document in ${targets[0]}.`)
          }
          schema.onReference?.({ at: where, collection: targets[0], id: idOf(one, idType) })
          return
        }
        const relationTo = isPlainObject(one) ? one.relationTo : undefined
        const value = isPlainObject(one) ? one.value : undefined
        if (
          typeof relationTo !== 'string' ||
          !targets.includes(relationTo) ||
          !isReference(value, schema.idType(relationTo))
        ) {
          throw new Problem(
            `${where} must be { relationTo, value }, with relationTo one of ${targets.join(', ')} and value a document's id.`,
          )
        }
        schema.onReference?.({
          at: where,
          collection: relationTo,
          id: idOf(value, schema.idType(relationTo)),
        })
      })
    }
    case 'richText': {
      if (!isPlainObject(value) || !isPlainObject(value.root)) {
        throw new Problem(`${at} must be rich text: an object with a root node.`)
      }
      if (!Array.isArray(value.root.children)) {
        throw new Problem(`${at} must be rich text: its root's children are a list.`)
      }
      checkRichTextNode(value.root, at, 0)
      return
    }
    case 'point':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        !value.every((one) => typeof one === 'number' && Number.isFinite(one))
      ) {
        throw new Problem(`${at} must be a point: [longitude, latitude].`)
      }
      return
    case 'group':
    case 'tab':
      if (!isPlainObject(value)) throw new Problem(`${at} must be an object.`)
      return checkFields(field.flattenedFields, value, `${at}.`, schema)
    case 'array':
      if (isRowCount(value)) return
      if (!Array.isArray(value)) throw new Problem(`${at} must be a list.`)
      value.forEach((row, index) => {
        if (!isPlainObject(row)) throw new Problem(`${at}.${index} must be an object.`)
        checkFields(field.flattenedFields, row, `${at}.${index}.`, schema)
      })
      return
    case 'blocks': {
      if (isRowCount(value)) return
      if (!Array.isArray(value)) throw new Problem(`${at} must be a list.`)
      const blocks = [...field.blocks, ...(field.blockReferences ?? [])]
        .map((block) => (typeof block === 'string' ? schema.block(block) : block))
        .filter((block): block is FlattenedBlock => Boolean(block))
      value.forEach((row, index) => {
        const where = `${at}.${index}`
        const block = isPlainObject(row)
          ? blocks.find((candidate) => candidate.slug === row.blockType)
          : undefined
        if (!block || !isPlainObject(row)) {
          throw new Problem(
            `${where} must be a block: an object whose blockType is one of ${blocks.map((one) => one.slug).join(', ')}.`,
          )
        }
        checkFields(block.flattenedFields, row, `${where}.`, schema)
      })
      return
    }
    default:
      // json takes anything; joins and UI fields hold nothing to write.
      return
  }
}

function checkFields(
  fields: readonly FlattenedField[],
  data: Record<string, unknown>,
  prefix: string,
  schema: DataSchema,
) {
  for (const field of fields) {
    if (!(field.name in data)) continue
    checkField(field, data[field.name], `${prefix}${field.name}`, schema)
  }
}

/**
 * What is wrong with the shape of a body to write, if anything: each value against its field's
 * type, through groups, tabs, arrays and blocks. Payload's own validation is skipped for drafts
 * and does not look at types, so a wrong one reached the database (a 500 on one dialect, text
 * stored as "[object Object]" on the other) or a hook that walks it (a TypeError).
 */
export function dataProblem(data: Record<string, unknown>, schema: DataSchema): string | undefined {
  try {
    checkFields(schema.fields, data, '', schema)
    return undefined
  } catch (error) {
    if (error instanceof Problem) return error.message
    throw error
  }
}
