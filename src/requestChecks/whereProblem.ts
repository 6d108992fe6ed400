import type { FlattenedField } from 'payload'
import { isPlainObject } from '../utilities/isPlainObject'

/**
 * Bounds on a filter sent by a client. A real front end or the admin panel stays far below them;
 * past them the database does work in proportion to what the client sent (tens of thousands of
 * values, or an expression tree SQLite refuses to build).
 */
export const WHERE_LIMITS = {
  /** Values in one `in`, `not_in` or `all` list. */
  listValues: 500,
  /** Conditions in the whole filter, counting every field/operator pair in every and/or. */
  conditions: 100,
  /** and/or groups nested inside one another. */
  nesting: 8,
} as const

/** The largest id PostgreSQL's `serial` columns hold, and so the largest id worth asking for. */
export const MAX_NUMERIC_ID = 2_147_483_647

export type IdType = 'number' | 'text'

/** How a query's paths resolve to fields: the fields of a collection and its neighbours' ids. */
export type QuerySchema = {
  fields: readonly FlattenedField[]
  idType: IdType
  /** The fields and id type of another collection, for paths through relationships. */
  collection: (slug: string) => { fields: readonly FlattenedField[]; idType: IdType } | undefined
  /** Whether the collection keeps versions: `version.*` paths are then the document's fields. */
  versions: boolean
  /** Whether the database answers `all`: MongoDB's adapter does, the SQL adapters throw. */
  answersAll: boolean
}

const OPERATORS = new Set([
  'equals',
  'contains',
  'not_equals',
  'in',
  'all',
  'not_in',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'within',
  'intersects',
  'near',
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
export const ORDER_OPERATORS = new Set([
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
])
const TEXT_OPERATORS = new Set(['like', 'not_like'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])
const TEXT_TYPES = new Set(['text', 'textarea', 'email', 'code', 'richText', 'json'])

/** What a path in a filter stands for, as far as its values are concerned. */
type Target =
  | { kind: 'id'; idType: IdType }
  | { kind: 'field'; field: FlattenedField; schema: QuerySchema }
  | { kind: 'checkbox' }
  | { kind: 'date' }
  | { kind: 'unknown' }

class Problem extends Error {}

/**
 * What is wrong with a filter (`where`) for a collection, if anything. Payload checks that each
 * path is a field the caller may read; this checks what the database would otherwise fail on:
 * the filter's shape, each value against its field's type, and its size. REST (query string or
 * form body), GraphQL and the Local API hand Payload the same object, so one check covers all.
 * `bounded` applies the size limits, for filters a client wrote.
 */
export function whereProblem(
  where: unknown,
  schema: QuerySchema,
  bounded = true,
  at = 'where',
): string | undefined {
  if (where === undefined || where === null) return undefined
  const state = { conditions: 0 }
  try {
    checkWhere(where, schema, at, 0, state, bounded)
  } catch (error) {
    if (error instanceof Problem) return error.message
    throw error
  }
  return undefined
}

function checkWhere(
  where: unknown,
  schema: QuerySchema,
  at: string,
  nesting: number,
  state: { conditions: number },
  bounded: boolean,
): void {
  if (!isPlainObject(where)) {
    throw new Problem(
      `${at} must be an object of field names and conditions, such as where[title][equals]=…`,
    )
  }
  if (bounded && nesting > WHERE_LIMITS.nesting) {
    throw new Problem(`The filter nests and/or more than ${WHERE_LIMITS.nesting} levels deep.`)
  }
  for (const [key, value] of Object.entries(where)) {
    const lower = key.toLowerCase()
    if (lower === 'and' || lower === 'or') {
      if (!Array.isArray(value)) {
        throw new Problem(`${at}[${key}] must be a list of conditions.`)
      }
      if (bounded && value.length > WHERE_LIMITS.conditions) {
        throw new Problem(
          `The filter has more than ${WHERE_LIMITS.conditions} conditions. Split it into several requests.`,
        )
      }
      value.forEach((inner, index) =>
        checkWhere(inner, schema, `${at}[${key}][${index}]`, nesting + 1, state, bounded),
      )
      continue
    }
    if (!isPlainObject(value)) {
      throw new Problem(
        `${at}[${key}] must name an operator, such as ${at}[${key}][equals]=…, with one value.`,
      )
    }
    const target = resolvePath(key, schema)
    for (const [operator, operand] of Object.entries(value)) {
      state.conditions += 1
      if (bounded && state.conditions > WHERE_LIMITS.conditions) {
        throw new Problem(
          `The filter has more than ${WHERE_LIMITS.conditions} conditions. Split it into several requests.`,
        )
      }
      checkCondition(target, operator, operand, `${at}[${key}][${operator}]`, {
        nesting,
        state,
        bounded,
        answersAll: schema.answersAll,
      })
    }
  }
}

function checkCondition(
  target: Target,
  operator: string,
  operand: unknown,
  at: string,
  context: {
    nesting: number
    state: { conditions: number }
    bounded: boolean
    answersAll: boolean
  },
): void {
  if (!OPERATORS.has(operator)) {
    throw new Problem(
      `${at}: “${operator}” is not an operator. Use one of ${[...OPERATORS].join(', ')}.`,
    )
  }
  if (operator === 'all' && !context.answersAll) {
    throw new Problem(
      `${at}: “all” is not available on this database. Combine conditions with and instead: where[and][0][field][equals]=a&where[and][1][field][equals]=b.`,
    )
  }
  const field = target.kind === 'field' ? target.field : undefined

  if (GEO_OPERATORS.has(operator)) {
    if (field?.type !== 'point') {
      throw new Problem(`${at}: ${operator} only works on map points, and this is not one.`)
    }
    return
  }
  if (operator === 'exists') {
    if (!isBooleanLike(operand)) throw new Problem(`${at} must be true or false.`)
    return
  }
  // A nested filter on the documents a relationship points to. (Inside a join the SQL adapters
  // answer nothing on SQLite and fail on PostgreSQL, even for editors: refused below.)
  if (
    operator === 'contains' &&
    isPlainObject(operand) &&
    field &&
    target.kind === 'field' &&
    (field.type === 'relationship' || field.type === 'upload') &&
    field.hasMany
  ) {
    const slug = field.relationTo
    const related = typeof slug === 'string' ? target.schema.collection(slug) : undefined
    if (!related) throw new Problem(`${at} cannot filter inside this field.`)
    checkWhere(
      operand,
      { ...target.schema, ...related, versions: false },
      at,
      context.nesting + 1,
      context.state,
      context.bounded,
    )
    return
  }
  if (field?.type === 'join') {
    throw new Problem(
      `${at}: ${field.name} lists documents of another collection that point here; it cannot be compared with a value. Filter that collection instead.`,
    )
  }
  if (TEXT_OPERATORS.has(operator) || operator === 'contains') {
    if (!acceptsText(target, operator)) {
      throw new Problem(`${at}: ${operator} only works on text fields.`)
    }
  }
  if (ORDER_OPERATORS.has(operator) && target.kind === 'checkbox') {
    throw new Problem(`${at}: a yes/no field cannot be compared with ${operator}.`)
  }

  if (LIST_OPERATORS.has(operator)) {
    const values = typeof operand === 'string' ? operand.split(',') : operand
    if (!Array.isArray(values)) {
      if (isPlainObject(operand)) {
        throw new Problem(`${at} must be a list of values, not an object.`)
      }
      checkValue(target, operand, at)
      return
    }
    if (context.bounded && values.length > WHERE_LIMITS.listValues) {
      throw new Problem(
        `${at} lists ${values.length} values; at most ${WHERE_LIMITS.listValues} are allowed. Split it into several requests.`,
      )
    }
    values.forEach((value, index) => checkValue(target, value, `${at}[${index}]`))
    return
  }
  if (Array.isArray(operand)) {
    // Payload reads a list for equals on a relationship as "any of these".
    const relationship =
      field &&
      (field.type === 'relationship' || field.type === 'upload') &&
      operator.endsWith('equals')
    if (!relationship) {
      throw new Problem(`${at} takes one value, not a list. Use in for any of several values.`)
    }
    if (context.bounded && operand.length > WHERE_LIMITS.listValues) {
      throw new Problem(
        `${at} lists ${operand.length} values; at most ${WHERE_LIMITS.listValues} are allowed.`,
      )
    }
    operand.forEach((value, index) => checkValue(target, value, `${at}[${index}]`))
    return
  }
  checkValue(target, operand, at)
}

function acceptsText(target: Target, operator: string): boolean {
  if (target.kind === 'unknown') return true
  if (target.kind !== 'field') return false
  const { field } = target
  if (TEXT_TYPES.has(field.type)) return true
  // Lists of values (hasMany text, number, select and relationships) are searched with contains.
  if (operator === 'contains' && 'hasMany' in field && field.hasMany) return true
  return field.type === 'select' || field.type === 'radio'
}

function isBooleanLike(value: unknown): boolean {
  return typeof value === 'boolean' || value === 'true' || value === 'false'
}

function isScalar(value: unknown): boolean {
  return (
    value === null ||
    // Payload's own queries (the admin's document-lock check, say) compare dates with Date
    // objects; no client can send one.
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
}

function checkValue(target: Target, value: unknown, at: string): void {
  if (target.kind === 'field') {
    const { field } = target
    // Payload's own form for a relationship that can point to several collections.
    if (
      (field.type === 'relationship' || field.type === 'upload') &&
      Array.isArray(field.relationTo) &&
      isPlainObject(value)
    ) {
      const { relationTo, value: id } = value
      const related =
        typeof relationTo === 'string' ? target.schema.collection(relationTo) : undefined
      if (!related || !(field.relationTo as readonly string[]).includes(relationTo as string)) {
        throw new Problem(`${at}[relationTo] must be one of ${field.relationTo.join(', ')}.`)
      }
      checkValue({ kind: 'id', idType: related.idType }, id, `${at}[value]`)
      return
    }
    // The SQL adapters cannot tell which collection a bare id is of (a 500, “Not supported”).
    if (
      (field.type === 'relationship' || field.type === 'upload') &&
      Array.isArray(field.relationTo) &&
      value !== null &&
      value !== 'null' &&
      value !== ''
    ) {
      throw new Problem(
        `${at}: ${field.name} can point to ${field.relationTo.join(', ')}: say which, as ${at}[relationTo]=…&${at}[value]=…, or filter on ${field.name}.value and ${field.name}.relationTo.`,
      )
    }
  }
  if (!isScalar(value)) {
    throw new Problem(
      `${at} must be a single value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`,
    )
  }
  // "null" and an empty value mean "no value" throughout Payload's query language.
  if (value === null || value === 'null' || value === '') return

  switch (target.kind) {
    case 'unknown':
      return
    case 'id':
      return checkId(target.idType, value, at)
    case 'checkbox':
      if (!isBooleanLike(value)) throw new Problem(`${at} must be true or false.`)
      return
    case 'date':
      return checkDate(value, at)
  }
  const { field, schema } = target
  switch (field.type) {
    case 'number':
      if (!Number.isFinite(typeof value === 'number' ? value : Number(value))) {
        throw new Problem(`${at} must be a number.`)
      }
      return
    case 'date':
      return checkDate(value, at)
    case 'checkbox':
      if (!isBooleanLike(value)) throw new Problem(`${at} must be true or false.`)
      return
    case 'select':
    case 'radio': {
      const options = field.options.map((option) =>
        typeof option === 'string' ? option : option.value,
      )
      if (!options.includes(String(value))) {
        throw new Problem(`${at} must be one of ${options.join(', ')}.`)
      }
      return
    }
    case 'relationship':
    case 'upload': {
      const slugs = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      // Polymorphic relationships are matched by id in any of their collections.
      const idTypes = slugs.map((slug) => schema.collection(slug)?.idType ?? 'text')
      if (idTypes.every((idType) => idType === 'number')) checkId('number', value, at)
      return
    }
    default:
      return
  }
}

function checkId(idType: IdType, value: unknown, at: string): void {
  if (idType !== 'number') return
  const id =
    typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN
  if (!Number.isInteger(id) || id < 0 || id > MAX_NUMERIC_ID) {
    throw new Problem(`${at} must be an id: a whole number.`)
  }
}

/** Years a date filter may name: PostgreSQL fails (500) on dates JavaScript allows beyond them. */
const DATE_YEARS = { from: 1000, to: 9999 } as const

function checkDate(value: unknown, at: string): void {
  const date = value instanceof Date ? value : new Date(value as string | number)
  if (typeof value === 'boolean' || Number.isNaN(date.getTime())) {
    throw new Problem(`${at} must be a date, such as 2025-03-31 or 2025-03-31T12:00:00Z.`)
  }
  const year = date.getUTCFullYear()
  if (year < DATE_YEARS.from || year > DATE_YEARS.to) {
    throw new Problem(
      `${at} must be a date between the years ${DATE_YEARS.from} and ${DATE_YEARS.to}.`,
    )
  }
}

/** The field a query path names, following groups, arrays and relationships, as far as known. */
function resolvePath(path: string, schema: QuerySchema): Target {
  // GraphQL spells nested paths with double underscores.
  const segments = (path === '_id' ? 'id' : path.replace(/__/g, '.')).split('.')
  if (schema.versions) {
    const [first] = segments
    if (first === 'parent') return { kind: 'id', idType: schema.idType }
    if (first === 'latest' || first === 'autosave' || first === 'snapshot') {
      return { kind: 'checkbox' }
    }
    if (first === 'version') segments.shift()
  }
  let current: QuerySchema = schema
  let fields: readonly FlattenedField[] = schema.fields
  // The database adapters build one join per step; a join field, or a second relationship
  // after a first, is not something they can follow (a 500 on SQLite and PostgreSQL alike).
  let followed: string | undefined
  const refuseChain = (field: FlattenedField) => {
    const through = segments.slice(0, segments.indexOf(field.name) + 1).join('.')
    throw new Problem(
      followed
        ? `where[${path}]: a filter can follow one relationship (${followed}), not another after it (${through}). Filter the related collection instead.`
        : `where[${path}]: ${through} lists documents of another collection that point here; a filter cannot look inside them. Filter that collection instead.`,
    )
  }
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]
    const last = index === segments.length - 1
    const field = fields.find((candidate) => 'name' in candidate && candidate.name === segment)
    if (!field) {
      if (segment === 'id' && last && fields === current.fields) {
        return { kind: 'id', idType: current.idType }
      }
      if (segment === 'createdAt' || segment === 'updatedAt') return { kind: 'date' }
      return { kind: 'unknown' }
    }
    if (last) return { kind: 'field', field, schema: current }
    if ('flattenedFields' in field && Array.isArray(field.flattenedFields)) {
      fields = field.flattenedFields
      continue
    }
    if (
      (field.type === 'relationship' || field.type === 'upload') &&
      typeof field.relationTo === 'string'
    ) {
      if (followed) refuseChain(field)
      const related = current.collection(field.relationTo)
      if (!related) return { kind: 'unknown' }
      followed = segments.slice(0, index + 1).join('.')
      current = { ...current, ...related, versions: false }
      fields = related.fields
      continue
    }
    if (field.type === 'join') refuseChain(field)
    // Blocks, localised values and the like: leave them to Payload.
    return { kind: 'unknown' }
  }
  return { kind: 'unknown' }
}
