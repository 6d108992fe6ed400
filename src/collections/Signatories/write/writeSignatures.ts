import type { Payload, Where } from 'payload'

import type { Signatory } from '../../../payload-types'
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

type Prepared = SignatureToWrite & { keys: StoredKeys; data?: Record<string, unknown> }

const CANDIDATE_LIMIT = 1000

/**
 * Writes signatures that arrived together in one transaction, so they share one commit (one
 * fsync on SQLite). Everything that could refuse a row is checked before the transaction: the
 * unique (letter, email) rule against the database and within the batch, and the possible
 * duplicates, by indexed keys. Should the transaction fail all the same (another writer won a
 * race, the database hiccupped), each row is written again on its own, so one bad row never
 * fails the others. A row counts as stored only once it is read back after the commit.
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

  const taken = await alreadyPresent(payload, prepared)
  const seen = new Set<string>()
  const toWrite: number[] = []
  prepared.forEach((row, index) => {
    const unique = uniqueKey(row)
    if (taken.has(unique) || seen.has(unique)) results[index] = { outcome: 'alreadyPresent' }
    else {
      seen.add(unique)
      toWrite.push(index)
    }
  })

  const candidates = await duplicateCandidates(
    payload,
    toWrite.map((index) => prepared[index]),
  )
  for (const index of toWrite) {
    const row = prepared[index]
    row.data = documentFor(row, candidates)
  }

  if (toWrite.length) {
    const stored = await insertTogether(payload, prepared, toWrite)
    if (stored) {
      toWrite.forEach((index, position) => {
        results[index] = stored[position]
      })
    } else {
      for (const index of toWrite) results[index] = await insertAlone(payload, prepared[index])
    }
  }
  return results.map((result) => result ?? { outcome: 'failed', error: new Error('not written') })
}

const uniqueKey = (row: Prepared) =>
  row.keys.email ? `${row.letter}:${row.keys.emailHash}` : `${row.letter}:none:${row.keys.nameKey}`

/** Which rows of the batch have already signed, in one query on the unique index. */
async function alreadyPresent(payload: Payload, rows: Prepared[]): Promise<Set<string>> {
  const letters = [...new Set(rows.map((row) => row.letter))]
  const hashes = rows.filter((row) => row.keys.email).map((row) => row.keys.emailHash)
  const namesWithoutEmail = rows.filter((row) => !row.keys.email).map((row) => row.keys.nameKey)
  const either: Where[] = []
  if (hashes.length) either.push({ emailHash: { in: hashes } })
  if (namesWithoutEmail.length) {
    either.push({
      and: [{ nameKey: { in: namesWithoutEmail } }, { emailHash: { like: NO_EMAIL_KEY_PREFIX } }],
    })
  }
  if (!either.length) return new Set()
  const { docs } = await payload.db.find<Signatory>({
    collection: 'signatories',
    limit: 0,
    pagination: false,
    select: { letter: true, emailHash: true, nameKey: true },
    where: { and: [{ letter: { in: letters } }, { or: either }] },
  })
  return new Set(
    docs.map((doc) =>
      typeof doc.emailHash === 'string' && doc.emailHash.startsWith(NO_EMAIL_KEY_PREFIX)
        ? `${letterOf(doc.letter)}:none:${doc.nameKey}`
        : `${letterOf(doc.letter)}:${doc.emailHash}`,
    ),
  )
}

const letterOf = (letter: Signatory['letter']) =>
  typeof letter === 'object' && letter ? letter.id : letter

type Candidates = Map<string, DuplicateCandidate[]>
const blockOf = (letter: number | string, nameBlockKey: string) => `${letter}:${nameBlockKey}`

/** Earlier signatures with a similar name, through the (letter, nameBlockKey) index. */
async function duplicateCandidates(payload: Payload, rows: Prepared[]): Promise<Candidates> {
  const found: Candidates = new Map()
  if (!rows.length) return found
  const { docs } = await payload.db.find<Signatory>({
    collection: 'signatories',
    limit: CANDIDATE_LIMIT,
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
    where: {
      and: [
        { letter: { in: [...new Set(rows.map((row) => row.letter))] } },
        { nameBlockKey: { in: [...new Set(rows.map((row) => row.keys.nameBlockKey))] } },
      ],
    },
  })
  for (const doc of docs) {
    const block = blockOf(letterOf(doc.letter), doc.nameBlockKey ?? '')
    found.set(block, [...(found.get(block) ?? []), doc])
  }
  return found
}

function documentFor(row: Prepared, candidates: Candidates): Record<string, unknown> {
  const { signature } = row
  return {
    letter: row.letter,
    ...signature,
    ...row.keys,
    ...shownFor(signature.display, signature),
    status: row.status,
    source: row.source,
    consent: row.consent,
    ipHash: row.ipHash ?? null,
    possibleDuplicateOf: flagFor(row, candidates),
    ...row.links,
  }
}

function flagFor(row: Prepared, candidates: Candidates) {
  const found = possibleDuplicateAmong(
    { ...row.keys, role: row.signature.role, organisation: row.signature.organisation },
    candidates.get(blockOf(row.letter, row.keys.nameBlockKey)) ?? [],
  )
  return found?.id ?? null
}

/**
 * The batch in one transaction; undefined when it failed and nothing of it was kept. Rows are
 * inserted without reading each back, then given their ids by one query on the unique index;
 * a row may be a near-duplicate of one written earlier in the same batch, flagged then.
 */
async function insertTogether(
  payload: Payload,
  rows: Prepared[],
  indexes: number[],
): Promise<WriteResult[] | undefined> {
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  const req = { transactionID }
  let results: WriteResult[]
  try {
    for (const index of indexes) {
      await payload.db.create({
        collection: 'signatories',
        data: { ...rows[index].data, consent: { ...rows[index].consent } },
        req,
        returning: false,
      })
    }
    const ids = await idsOf(
      payload,
      indexes.map((index) => rows[index]),
      req,
    )
    const written: DuplicateCandidate[] = []
    results = []
    for (const index of indexes) {
      const row = rows[index]
      const id = ids.get(uniqueKey(row))
      if (id === undefined)
        throw new Error('a signature of the batch was not found after its insert')
      let flag = (row.data?.possibleDuplicateOf as number | string | null | undefined) ?? null
      if (flag === null) {
        const earlier = possibleDuplicateAmong(
          { ...row.keys, role: row.signature.role, organisation: row.signature.organisation },
          written.filter((other) => other.letter === row.letter),
        )
        if (earlier) {
          flag = earlier.id
          await payload.db.updateOne({
            collection: 'signatories',
            id,
            data: { possibleDuplicateOf: flag },
            req,
            returning: false,
          })
        }
      }
      written.push({
        id,
        letter: row.letter,
        ...row.keys,
        role: row.signature.role,
        organisation: row.signature.organisation,
      })
      results.push({ outcome: 'stored', id, possibleDuplicateOf: flag })
    }
    if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
  } catch (error) {
    if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
    payload.logger.warn(
      { err: error, rows: indexes.length },
      'a batch of signatures failed together; writing each on its own',
    )
    return undefined
  }
  // Payload's commitTransaction does not report a failed COMMIT: read the rows back, and
  // answer none of them as stored unless all are there.
  if (!(await allStored(payload, results))) {
    payload.logger.warn({ rows: indexes.length }, 'a committed batch of signatures is missing rows')
    return undefined
  }
  return results
}

/** The ids of rows just written, by their unique (letter, emailHash) keys. */
async function idsOf(
  payload: Payload,
  rows: Prepared[],
  req: { transactionID?: number | string },
): Promise<Map<string, number | string>> {
  const { docs } = await payload.db.find<Signatory>({
    collection: 'signatories',
    limit: 0,
    pagination: false,
    req,
    select: { letter: true, emailHash: true, nameKey: true },
    where: {
      and: [
        { letter: { in: [...new Set(rows.map((row) => row.letter))] } },
        { emailHash: { in: rows.map((row) => row.keys.emailHash) } },
      ],
    },
  })
  const byKey = new Map<string, number | string>()
  for (const doc of docs) {
    const letter = letterOf(doc.letter)
    byKey.set(
      typeof doc.emailHash === 'string' && doc.emailHash.startsWith(NO_EMAIL_KEY_PREFIX)
        ? `${letter}:none:${doc.nameKey}`
        : `${letter}:${doc.emailHash}`,
      doc.id,
    )
  }
  return byKey
}

async function insertAlone(payload: Payload, row: Prepared): Promise<WriteResult> {
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  let created: { id: number | string }
  try {
    created = (await payload.db.create({
      collection: 'signatories',
      data: { ...row.data, consent: { ...row.consent } },
      req: { transactionID },
      select: { id: true },
    })) as { id: number | string }
    if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
  } catch (error) {
    if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
    // The unique (letter, emailHash) index refused it: someone else stored it meanwhile.
    if ((await alreadyPresent(payload, [row])).has(uniqueKey(row))) {
      return { outcome: 'alreadyPresent' }
    }
    return { outcome: 'failed', error }
  }
  const result: WriteResult = {
    outcome: 'stored',
    id: created.id,
    possibleDuplicateOf: (row.data?.possibleDuplicateOf as number | string | null) ?? null,
  }
  if (await allStored(payload, [result])) return result
  return { outcome: 'failed', error: new Error('the signature was not there after its commit') }
}

async function allStored(payload: Payload, results: WriteResult[]): Promise<boolean> {
  const ids = results.flatMap((result) => (result.outcome === 'stored' ? [result.id] : []))
  if (!ids.length) return true
  const count = await payload.db.count({
    collection: 'signatories',
    where: { id: { in: ids } },
  })
  return count.totalDocs === ids.length
}
