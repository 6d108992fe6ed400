/**
 * Reads the arguments of a Next.js server action as React will decode them, far enough to know
 * that React can, before Next.js is handed the request.
 *
 * Next.js answers anything React's reply decoder throws (a row that is not JSON, a reference to
 * a row that was not sent, a BigInt of letters) with HTTP 500 and no message, so a broken form
 * post read as a fault of the server. Only what the app's own callers send is accepted: the
 * admin panel's plain JSON calls and the signing form's form data. The forms that need
 * something no caller here ever sends (promises, maps, sets, files, streams, server references)
 * are refused rather than followed.
 */

/** A stand-in for the FormData a `$K` reference decodes to. */
export const FORM_DATA = Symbol('FormData')

/** The stand-in for a value written again by reference. */
const REPEATED = Symbol('repeated value')

export type Rows = ReadonlyMap<string, string>

export type ReplyReading = { args: unknown[] } | { problem: string }

const NOT_SENT_HERE =
  "The request carries a value this site's pages never send (a promise, map, set, file, stream or server reference)."

const MAX_DEPTH = 200

class ReplyProblem extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/**
 * The arguments encoded in `rows` (a string reply is one row, "0"; a form-data reply has one
 * field per row, named by its hexadecimal id), with each special string replaced by what React
 * makes of it, as far as the checks of the calls need: `$K…` becomes FORM_DATA, dates and the
 * like become their values.
 */
export function readReply(rows: Rows, root = '0'): ReplyReading {
  try {
    const raw = parseRow(rows, root)
    const args = readValue(raw, { row: root, raw }, [])
    if (!Array.isArray(args)) return { problem: 'The arguments of a server action must be a list.' }
    return { args }
  } catch (error) {
    if (error instanceof ReplyProblem) return { problem: error.message }
    throw error
  }
}

function parseRow(rows: Rows, id: string): unknown {
  const text = rows.get(id)
  if (text === undefined) {
    throw new ReplyProblem(`The request refers to part ${id} of its body, which was not sent.`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new ReplyProblem(`Part ${id} of the request body is not JSON.`)
  }
}

/** The row being read: its id, and its JSON, which references inside it point into. */
type Row = { row: string; raw: unknown }

/** `at` is the path from the row's root to `value`. */
function readValue(value: unknown, row: Row, at: string[]): unknown {
  if (at.length > MAX_DEPTH) throw new ReplyProblem('The request body is nested too deeply.')
  if (typeof value === 'string') return value.startsWith('$') ? readSpecial(value, row, at) : value
  if (!isRecord(value)) return value
  const entries = Object.entries(value).map(([key, item]) => {
    at.push(key)
    const read = readValue(item, row, at)
    at.pop()
    return [key, read] as const
  })
  return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries)
}

const HEX = /^[0-9a-f]+$/

// React's reply encoding (ReactFlightReplyServer's parseModelString), the forms it reads.
function readSpecial(value: string, row: Row, at: string[]): unknown {
  const tag = value[1]
  switch (tag) {
    case '$':
      return value.slice(1)
    case 'D':
      return new Date(Date.parse(value.slice(2)))
    case 'n':
      if (!/^-?\d{1,300}$/.test(value.slice(2))) {
        throw new ReplyProblem('A whole number in the request body is not one.')
      }
      return BigInt(value.slice(2))
    case 'u':
    case 'H':
      return undefined
    case 'N':
      return NaN
    case 'I':
      return Infinity
    case '-':
      return value === '$-0' ? -0 : -Infinity
    case 'T':
      // An opaque reference the client keeps: React hands the action a placeholder.
      return {}
    case 'K':
      if (!HEX.test(value.slice(2))) throw new ReplyProblem(NOT_SENT_HERE)
      return FORM_DATA
    default:
      if (tag !== undefined && /[0-9a-f]/.test(tag)) return readReference(value.slice(1), row, at)
      if (value === '$') return value
      throw new ReplyProblem(NOT_SENT_HERE)
  }
}

/**
 * `$<row>:<key>:<key>…`: React writes an object met a second time in a row as the path to where
 * it was first written in that row. (Only a promise, map, set, blob or stream is written in a
 * row of its own, and none of those is sent here.) The path must run through plain objects and
 * arrays, or React refuses it; and a reference to a value that holds it is a loop, which no
 * caller here sends. What it refers to is read where it was written, so it is not read again
 * here (a body of references to references would cost exponential time): the calls' checks get
 * a stand-in, which is no object, name, slug or form, so they refuse any call that needs one to
 * be a reference.
 */
function readReference(reference: string, { row, raw }: Row, at: string[]): unknown {
  const [id, ...path] = reference.split(':')
  if (!HEX.test(id) || String(parseInt(id, 16)) !== row) throw new ReplyProblem(NOT_SENT_HERE)
  if (path.every((key, index) => at[index] === key)) {
    throw new ReplyProblem('The request body refers to itself in a loop.')
  }
  let target: unknown = raw
  for (const key of path) {
    if (!isRecord(target) || !Object.hasOwn(target, key)) {
      throw new ReplyProblem('The request body refers to a value it does not hold.')
    }
    target = target[key]
  }
  return REPEATED
}
