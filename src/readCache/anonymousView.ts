import type { Access, PayloadRequest, Where } from 'payload'

type Doc = Record<string, unknown>

/**
 * Set on a collection's `custom.anonymousView` when its public endpoints show more than its
 * read access lets anonymous readers list: a Where that every document an anonymous reader can
 * see in any form (a list, a count, a tally) matches. Without it, the read access decides.
 */
export type AnonymousViewConfig = { anonymousView?: Where }

/**
 * Whether an anonymous reader could see any of `docs` (a document before and after a write):
 * if not, the write changes no anonymous answer. The collection's read access is asked as an
 * anonymous visitor; a Where it returns is matched against the documents, counting only the
 * conditions that can keep a document out for sure (equals, in, exists). Anything else counts
 * as a match, so a rule this does not follow can only make the cache drop more, never keep a
 * stale answer.
 */
export async function seenByAnonymous(
  read: Access | undefined,
  custom: AnonymousViewConfig | undefined,
  req: PayloadRequest,
  docs: readonly (Doc | null | undefined)[],
): Promise<boolean> {
  const present = docs.filter((doc): doc is Doc => Boolean(doc))
  if (present.length === 0) return false
  let rule: boolean | Where
  if (custom?.anonymousView) {
    rule = custom.anonymousView
  } else if (!read) {
    // Payload's default: signed-in users only.
    return false
  } else {
    // The writer's request, seen without its user; access rules read req.user and req.payload.
    const anonymous = Object.assign(Object.create(req) as PayloadRequest, { user: null })
    rule = await read({ req: anonymous })
  }
  if (typeof rule === 'boolean') return rule
  return present.some((doc) => mayMatch(rule as Where, doc))
}

function mayMatch(where: Where, doc: Doc): boolean {
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'and') {
      if (!(condition as Where[]).every((part) => mayMatch(part, doc))) return false
      continue
    }
    if (key === 'or') {
      if (!(condition as Where[]).some((part) => mayMatch(part, doc))) return false
      continue
    }
    if (!condition || typeof condition !== 'object') continue
    const values = valuesAt(doc, key)
    for (const [operator, expected] of Object.entries(condition)) {
      if (!holds(operator, expected, values)) return false
    }
  }
  return true
}

function holds(operator: string, expected: unknown, values: unknown[]): boolean {
  switch (operator) {
    case 'equals':
      return values.some((value) => same(value, expected))
    case 'in':
      return (
        !Array.isArray(expected) || values.some((value) => expected.some((e) => same(value, e)))
      )
    case 'exists': {
      const exists = values.some((value) => value !== null && value !== undefined)
      return expected === true || expected === 'true' ? exists : !exists
    }
    default:
      return true
  }
}

/** The values at a dotted path, looking into arrays and populated relationships. */
function valuesAt(doc: Doc, path: string): unknown[] {
  const flat = (values: unknown[]) =>
    values.flatMap((value) => (Array.isArray(value) ? value : [value]))
  let current: unknown[] = [doc]
  for (const part of path.split('.')) {
    current = flat(current).flatMap((value) =>
      value && typeof value === 'object' ? [(value as Doc)[part]] : [],
    )
  }
  return flat(current).map(idOf)
}

/** A relationship's id, populated ({ id }) or polymorphic ({ relationTo, value }) alike. */
function idOf(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  if ('id' in value) return (value as Doc).id
  if ('value' in value) return idOf((value as Doc).value)
  return value
}

const same = (value: unknown, expected: unknown) =>
  value !== null && value !== undefined && String(value) === String(expected)
