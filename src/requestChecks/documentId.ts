import type { SanitizedConfig } from 'payload'

/**
 * How a collection's ids are written: whole numbers (SQLite and PostgreSQL), MongoDB ObjectIds,
 * or text of the collection's own choosing.
 */
export type IdSpelling = 'number' | 'objectId' | 'text'

export function idSpellingOf(
  config: SanitizedConfig,
  collection: SanitizedConfig['collections'][number],
): IdSpelling {
  // A collection with a field named id has ids of that field's type (as Payload finds it).
  const custom = collection.flattenedFields.find((field) => field.name === 'id')?.type
  if (custom) return custom === 'number' ? 'number' : 'text'
  if (config.db.defaultIDType === 'number') return 'number'
  return config.db.name === 'mongoose' ? 'objectId' : 'text'
}

// The one way each is written: digits without leading zeros, and ObjectIds as MongoDB prints
// them. Payload reads a numeric id with parseFloat and MongoDB an ObjectId in either case, so
// `02`, `2.0`, `+2`, `2abc` or upper-case hex all reach the same document.
const CANONICAL: Record<Exclude<IdSpelling, 'text'>, { pattern: RegExp; how: string }> = {
  number: {
    pattern: /^(0|[1-9]\d*)$/,
    how: 'whole numbers, written without leading zeros, signs or decimal points',
  },
  objectId: { pattern: /^[0-9a-f]{24}$/, how: '24 lower-case hexadecimal characters' },
}

/**
 * Why the document address with this id is refused, if it is: a document has one address.
 * Every other spelling would be another cache entry and another query for the same answer,
 * which anyone could ask for without end; and a link spelt so could never be kept or compared.
 * Refused with a 404 rather than redirected: no client of this API writes ids any other way,
 * and a write (PATCH, DELETE) cannot be redirected.
 */
export function documentIdProblem(
  id: string,
  spelling: IdSpelling,
  label: string,
): string | undefined {
  if (spelling === 'text') return undefined
  const { pattern, how } = CANONICAL[spelling]
  if (pattern.test(id)) return undefined
  return `There is no ${label.toLowerCase()} with the id “${id.slice(0, 100)}”: ids here are ${how}.`
}
