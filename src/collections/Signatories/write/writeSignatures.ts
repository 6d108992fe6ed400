import type { Payload, Where } from 'payload'

import { type Column, eq, type SQL } from 'drizzle-orm'

import type { Signatory } from '../../../payload-types'
import { inOwnFlow } from '../../../sqliteWrites'
import { NO_EMAIL_KEY_PREFIX } from '../normalise'
import {
  type CheckedSignature,
  type DuplicateCandidate,
  possibleDuplicateAmong,
  type StoredKeys,
  storedKeys,
} from '../rules'
import { shownFor } from '../hooks/publicFields'

export type SignatureToWrite = {
  letter: number
  signature: CheckedSignature
  status: 'pending' | 'approved'
  source: 'form' | 'import' | 'admin'
  consent: { notice: string; version: string; givenAt: string }
  ipHash?: string | null
  links?: { confirmTokenHash: string; confirmExpiresAt: string; withdrawTokenHash: string }
}

export type WriteResult =
  | { outcome: 'stored'; id: number | string; possibleDuplicateOf: number | string | null }
  /** This address (or, without one, this name without one) has already signed this letter. */
  | { outcome: 'alreadyPresent' }
  | { outcome: 'failed'; error: unknown }

type Prepared = SignatureToWrite & { keys: StoredKeys }

/** A signature as Payload stores it; `possibleDuplicateOf` may still point into the batch. */
type Planned = {
  index: number
  row: Prepared
  document: SignatoryDocument
  /** Flagged as the same person as an earlier row of this batch, not yet written. */
  sameAsInBatch?: number
}

type SignatoryDocument = Omit<
  Signatory,
  'id' | 'possibleDuplicateOf' | 'letter' | 'consent' | 'source' | 'status'
> & {
  letter: number
  possibleDuplicateOf: number | string | null
  source: SignatureToWrite['source']
  status: SignatureToWrite['status']
  consent: SignatureToWrite['consent']
}

// Near-duplicates are looked for among at most this many earlier signatures of one name block
// per batch; a block is a surname and an initial, so even a letter of 64,000 has few per block.
const CANDIDATE_LIMIT = 2000

/**
 * Writes signatures that arrived together as set-based work: one query finds which of them have
 * already signed and which earlier signatures may be the same people (both through indexes),
 * the rules decide in JavaScript, and one multi-row INSERT in one transaction stores the batch
 * (one commit, so one fsync on SQLite). A row only counts as stored once its transaction has
 * committed. Should the batch fail all the same (another writer won a race, the database
 * hiccupped), each row is looked up and written again on its own, so one bad row never fails
 * the others.
 *
 * The rows written are those Payload's own create writes through the same adapter, hooks
 * included (test/signing-write.test.ts compares them column by column).
 */
export async function writeSignatures(
  payload: Payload,
  rows: readonly SignatureToWrite[],
): Promise<WriteResult[]> {
  const results: (WriteResult | undefined)[] = new Array(rows.length)
  const prepared: Prepared[] = rows.map((row) => ({
    ...row,
    keys: storedKeys(payload.secret, row.signature),
  }))
  if (!prepared.length) return []

  const known = await lookUp(payload, prepared)
  const seen = new Set<string>()
  const plans: Planned[] = []
  const moments = new Moments()
  // The rows of this batch so far, by name block: a row may be the same person as one of them.
  const batchBlocks: Candidates = new Map()
  prepared.forEach((row, index) => {
    const unique = uniqueKey(row)
    if (known.taken.has(unique) || seen.has(unique)) {
      results[index] = { outcome: 'alreadyPresent' }
      return
    }
    seen.add(unique)
    const planned = plan(row, index, known.candidates, batchBlocks, moments.next())
    plans.push(planned)
    const block = blockOf(row.letter, row.keys.nameBlockKey)
    batchBlocks.set(block, [...(batchBlocks.get(block) ?? []), asCandidate(planned)])
  })

  if (plans.length) {
    const stored = await insertTogether(payload, plans).catch((error: unknown) => {
      payload.logger.warn(
        { err: error, rows: plans.length },
        'a batch of signatures failed together; writing each on its own',
      )
      return undefined
    })
    if (stored) for (const [index, result] of stored) results[index] = result
    else {
      const alone: DuplicateCandidate[] = []
      for (const planned of plans) {
        results[planned.index] = await insertAlone(payload, planned.row, alone)
      }
    }
  }
  return results.map((result) => result ?? { outcome: 'failed', error: new Error('not written') })
}

const uniqueKey = (row: { letter: unknown; keys: StoredKeys }) =>
  row.keys.email ? `${row.letter}:${row.keys.emailHash}` : `${row.letter}:none:${row.keys.nameKey}`

const letterOf = (letter: Signatory['letter']) =>
  typeof letter === 'object' && letter ? letter.id : letter

type Candidates = Map<string, DuplicateCandidate[]>
const blockOf = (letter: number | string, nameBlockKey: string) => `${letter}:${nameBlockKey}`

/**
 * In one query, through the (letter, emailHash) and (letter, nameBlockKey) indexes: which rows
 * have already signed, and the earlier signatures of the same name blocks, oldest first.
 */
async function lookUp(
  payload: Payload,
  rows: readonly Prepared[],
): Promise<{ taken: Set<string>; candidates: Candidates }> {
  const letters = [...new Set(rows.map((row) => row.letter))]
  const hashes = rows.filter((row) => row.keys.email).map((row) => row.keys.emailHash)
  const namesWithoutEmail = rows.filter((row) => !row.keys.email).map((row) => row.keys.nameKey)
  const blocks = [...new Set(rows.map((row) => row.keys.nameBlockKey))]
  const ofLetters: Where = { letter: { in: letters } }
  // The letter in every branch, so that each branch is one index range (SQLite answers an OR
  // as a union of index lookups only when every branch can use an index on its own).
  const taken: Where[] = []
  if (hashes.length) taken.push({ and: [ofLetters, { emailHash: { in: hashes } }] })
  if (namesWithoutEmail.length) {
    taken.push({
      and: [
        ofLetters,
        { nameKey: { in: namesWithoutEmail } },
        { emailHash: { like: NO_EMAIL_KEY_PREFIX } },
      ],
    })
  }
  const near: Where = { and: [ofLetters, { nameBlockKey: { in: blocks } }] }
  const found = await signatoriesWhere(payload, { or: [near, ...taken] }, CANDIDATE_LIMIT)
  // Should a batch meet more candidates than that, the unique keys still need every match.
  const matches =
    found.length < CANDIDATE_LIMIT || !taken.length
      ? found
      : [...found, ...(await signatoriesWhere(payload, { or: taken }, 0))]

  const keys = new Set<string>()
  const candidates: Candidates = new Map()
  for (const doc of matches) {
    const letter = letterOf(doc.letter)
    keys.add(
      typeof doc.emailHash === 'string' && doc.emailHash.startsWith(NO_EMAIL_KEY_PREFIX)
        ? `${letter}:none:${doc.nameKey}`
        : `${letter}:${doc.emailHash}`,
    )
  }
  for (const doc of found) {
    const block = blockOf(letterOf(doc.letter), doc.nameBlockKey ?? '')
    candidates.set(block, [...(candidates.get(block) ?? []), doc])
  }
  return { taken: keys, candidates }
}

async function signatoriesWhere(payload: Payload, where: Where, limit: number) {
  const { docs } = await payload.db.find<Signatory>({
    collection: 'signatories',
    limit,
    pagination: false,
    select: {
      letter: true,
      nameKey: true,
      nameBlockKey: true,
      role: true,
      organisation: true,
      emailHash: true,
    },
    sort: 'createdAt',
    where,
  })
  return docs
}

/**
 * The document for one row, flagged with the shared rule against the signatures already stored
 * or, failing those, the rows of this batch before it.
 */
function plan(
  row: Prepared,
  index: number,
  candidates: Candidates,
  earlierInBatch: Candidates,
  at: string = new Date().toISOString(),
): Planned {
  const signature = {
    ...row.keys,
    role: row.signature.role,
    organisation: row.signature.organisation,
  }
  const block = blockOf(row.letter, row.keys.nameBlockKey)
  const stored = possibleDuplicateAmong(signature, candidates.get(block) ?? [])
  // A candidate from the batch carries its position in the batch as its id.
  const inBatch = stored
    ? undefined
    : possibleDuplicateAmong(signature, earlierInBatch.get(block) ?? [])
  return {
    index,
    row,
    document: documentFor(row, stored?.id ?? null, at),
    sameAsInBatch: inBatch === undefined ? undefined : Number(inBatch.id),
  }
}

const asCandidate = (planned: Planned): DuplicateCandidate => ({
  id: planned.index,
  letter: planned.row.letter,
  ...planned.row.keys,
  role: planned.row.signature.role,
  organisation: planned.row.signature.organisation,
})

function documentFor(row: Prepared, possibleDuplicateOf: number | string | null, at: string) {
  const { signature } = row
  const document: SignatoryDocument = {
    letter: row.letter,
    name: signature.name,
    role: signature.role,
    organisation: signature.organisation,
    onBehalfOfOrganisation: signature.onBehalfOfOrganisation,
    display: signature.display,
    ...shownFor(signature.display, signature),
    email: row.keys.email,
    status: row.status,
    possibleDuplicateOf,
    source: row.source,
    consent: { ...row.consent },
    emailHash: row.keys.emailHash,
    nameKey: row.keys.nameKey,
    nameBlockKey: row.keys.nameBlockKey,
    ipHash: row.ipHash ?? null,
    ...row.links,
    updatedAt: at,
    createdAt: at,
  }
  return document
}

/**
 * Creation times in the order the rows arrived, a millisecond apart when they arrived within the
 * same one: lists sorted by date then show a batch as it came, as they did when each signature
 * was written on its own.
 */
class Moments {
  private last = 0

  next(): string {
    this.last = Math.max(Date.now(), this.last + 1)
    return new Date(this.last).toISOString()
  }
}

/**
 * The batch in one transaction: one multi-row INSERT in the batch's order, each row given its id
 * from the INSERT's RETURNING by its unique (letter, emailHash) key; then, rarely, the rows
 * flagged as the same person as another row of the batch, whose id was not known before.
 * Throws, keeping nothing, if any row fails; resolves only after the COMMIT succeeded.
 */
async function insertTogether(
  payload: Payload,
  plans: readonly Planned[],
): Promise<[number, WriteResult][]> {
  return transaction(payload, async ({ insert, flag }) => {
    const ids = await insert(plans.map((planned) => planned.document))
    const idOf = new Map<number, number | string>()
    for (const { index, document } of plans) {
      const id = ids.get(`${document.letter}:${document.emailHash}`)
      if (id === undefined) throw new Error('a signature of the batch was not returned')
      idOf.set(index, id)
    }
    const results: [number, WriteResult][] = []
    for (const { index, document, sameAsInBatch } of plans) {
      const id = idOf.get(index)!
      let possibleDuplicateOf = document.possibleDuplicateOf
      if (sameAsInBatch !== undefined) {
        possibleDuplicateOf = idOf.get(sameAsInBatch)!
        await flag(id, possibleDuplicateOf)
      }
      results.push([index, { outcome: 'stored', id, possibleDuplicateOf }])
    }
    return results
  })
}

/**
 * One row on its own transaction, after its batch failed: looked up again (another writer may
 * have stored it, or a possible duplicate, meanwhile) and flagged against the rows of its batch
 * already written alone.
 */
async function insertAlone(
  payload: Payload,
  row: Prepared,
  writtenAlone: DuplicateCandidate[],
): Promise<WriteResult> {
  try {
    const known = await lookUp(payload, [row])
    if (known.taken.has(uniqueKey(row))) return { outcome: 'alreadyPresent' }
    const { document } = plan(row, -1, known.candidates, new Map())
    if (document.possibleDuplicateOf === null) {
      const earlier = possibleDuplicateAmong(
        { ...row.keys, role: row.signature.role, organisation: row.signature.organisation },
        writtenAlone.filter((other) => other.letter === row.letter),
      )
      if (earlier) document.possibleDuplicateOf = earlier.id
    }
    const id = await transaction(payload, async ({ insert }) => {
      const ids = await insert([document])
      return ids.get(`${document.letter}:${document.emailHash}`)
    })
    if (id === undefined) throw new Error('the signature was not returned by its insert')
    writtenAlone.push({
      id,
      letter: row.letter,
      ...row.keys,
      role: row.signature.role,
      organisation: row.signature.organisation,
    })
    return { outcome: 'stored', id, possibleDuplicateOf: document.possibleDuplicateOf }
  } catch (error) {
    // The unique (letter, emailHash) index refused it: someone else stored it meanwhile.
    const again = await lookUp(payload, [row]).catch(() => undefined)
    if (again?.taken.has(uniqueKey(row))) return { outcome: 'alreadyPresent' }
    return { outcome: 'failed', error }
  }
}

type Writes = {
  /** Inserts documents, answering their ids by `letter:emailHash`. */
  insert: (documents: SignatoryDocument[]) => Promise<Map<string, number | string>>
  /** Points a row just inserted at the signature it may duplicate. */
  flag: (id: number | string, possibleDuplicateOf: number | string) => Promise<void>
}

/**
 * `work` in one transaction of the database adapter. On SQLite and PostgreSQL the writes go
 * into the adapter's own table through its own Drizzle transaction, as Payload's create does
 * (a failed COMMIT is an error here, where Payload's commitTransaction would swallow it);
 * elsewhere (MongoDB) through the adapter's create and updateOne in a Payload transaction.
 */
async function transaction<T>(payload: Payload, work: (writes: Writes) => Promise<T>): Promise<T> {
  const adapter = sqlAdapter(payload)
  if (adapter) {
    const table = adapter.tables[adapter.tableNameMap.get('signatories') ?? 'signatories']
    // Its own flow: the transaction takes in only these statements on SQLite
    // (src/sqliteWrites.ts), whoever's request the batch was flushed from.
    return inOwnFlow(() =>
      adapter.drizzle.transaction((tx) =>
        work({
          insert: async (documents) => {
            const values = documents.map(columnsOf)
            knownColumns(table, values)
            // As the adapter's own insert, answering only what is needed of each row.
            const inserted = await tx
              .insert(table)
              .values(values)
              .returning({ id: table.id, letter: table.letter, emailHash: table.emailHash })
            return new Map(inserted.map((row) => [`${row.letter}:${row.emailHash}`, row.id]))
          },
          flag: async (id, possibleDuplicateOf) => {
            await tx
              .update(table)
              .set({ possibleDuplicateOf })
              .where(eq(table.id as Column, id))
          },
        }),
      ),
    )
  }
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  const req = { transactionID }
  try {
    const result = await work({
      insert: async (documents) => {
        const ids = new Map<string, number | string>()
        for (const document of documents) {
          const created = (await payload.db.create({
            collection: 'signatories',
            data: { ...document },
            req,
            select: { id: true },
          })) as { id: number | string }
          ids.set(`${document.letter}:${document.emailHash}`, created.id)
        }
        return ids
      },
      flag: async (id, possibleDuplicateOf) => {
        await payload.db.updateOne({
          collection: 'signatories',
          id,
          data: { possibleDuplicateOf },
          req,
          returning: false,
        })
      },
    })
    if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
    return result
  } catch (error) {
    if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}

type InsertedRow = { id: number | string; letter: unknown; emailHash: unknown }

/**
 * The part of @payloadcms/drizzle's adapter (SQLite and PostgreSQL alike) used here: its Drizzle
 * instance and its tables, whose columns are keyed as Payload's own create writes them.
 */
type SqlAdapter = {
  tables: Record<string, Record<string, unknown>>
  tableNameMap: Map<string, string>
  drizzle: { transaction: <T>(work: (tx: DrizzleTransaction) => Promise<T>) => Promise<T> }
}
type DrizzleTransaction = {
  insert: (table: unknown) => {
    values: (rows: Record<string, unknown>[]) => {
      returning: (columns: Record<string, unknown>) => Promise<InsertedRow[]>
    }
  }
  update: (table: unknown) => {
    set: (values: Record<string, unknown>) => { where: (condition: SQL) => Promise<unknown> }
  }
}

function sqlAdapter(payload: Payload): SqlAdapter | undefined {
  const { db } = payload
  if (db.name !== 'sqlite' && db.name !== 'postgres') return undefined
  return db as unknown as SqlAdapter
}

/**
 * Drizzle quietly leaves out a value whose key is not a column of the table: should an upgrade
 * of @payloadcms/drizzle name columns otherwise, refuse to write rather than lose a field.
 */
function knownColumns(
  table: Record<string, unknown> | undefined,
  values: readonly Record<string, unknown>[],
): asserts table is Record<string, unknown> {
  if (!table) throw new Error('the adapter has no signatories table: see writeSignatures.ts')
  let checked = checkedShapes.get(table)
  if (!checked) checkedShapes.set(table, (checked = new Set()))
  for (const value of values) {
    // Documents differ in shape only by the confirmation links: one check per shape.
    const keys = Object.keys(value)
    if (checked.has(keys.length)) continue
    const unknown = keys.filter((key) => !(key in table))
    if (unknown.length) {
      throw new Error(`signatories has no column for ${unknown.join(', ')}: see writeSignatures.ts`)
    }
    checked.add(keys.length)
  }
}
const checkedShapes = new WeakMap<object, Set<number>>()

/**
 * A signatory document as the columns of its table, keyed as @payloadcms/drizzle names them:
 * top-level fields by name, a group's fields as `group_field`, relationships by field name.
 */
function columnsOf(document: SignatoryDocument): Record<string, unknown> {
  const { consent, ...rest } = document
  return {
    ...rest,
    consent_notice: consent.notice,
    consent_version: consent.version,
    consent_givenAt: consent.givenAt,
  }
}
