import type { Payload } from 'payload'

import { createLocalReq } from 'payload'

import { siteIsArchived } from '../../../access/siteIsArchived'
import { metrics } from '../../../metrics'

import {
  ARCHIVED_LETTER_MESSAGE,
  closedReason,
  findLetter,
  type Letter,
} from '../endpoints/findOpenLetter'
import type { CheckedSignature } from '../rules'
import { GROUP_COMMIT_DEFAULTS, GroupCommit } from './groupCommit'
import { type SignatureToWrite, writeSignatures } from './writeSignatures'

export type FormSignature = {
  letterKey: unknown
  signature: CheckedSignature
  /** Caught by the honeypot: checked like any other, answered alike, never stored. */
  discard: boolean
  consent: SignatureToWrite['consent']
  ipHash: string | null
  links?: SignatureToWrite['links']
}

export type SignOutcome =
  { refused: { status: number; message: string } } | { letter: Letter; stored: boolean }

/** Archive mode is on (src/access/siteIsArchived.ts), asked outside any request. */
export async function archived(payload: Payload): Promise<boolean> {
  return siteIsArchived(await createLocalReq({}, payload))
}

const queues = new WeakMap<Payload, GroupCommit<FormSignature, SignOutcome>>()

/** The one queue of form signatures for this Payload instance. */
export function signingQueue(payload: Payload): GroupCommit<FormSignature, SignOutcome> {
  let queue = queues.get(payload)
  if (!queue) {
    queue = new GroupCommit((items) => writeFormBatch(payload, items), GROUP_COMMIT_DEFAULTS)
    queues.set(payload, queue)
  }
  return queue
}

/**
 * A batch of form signatures: each letter is looked up once for the batch, so a letter closed
 * a moment ago refuses every signature after it; the rest are written together.
 */
async function writeFormBatch(payload: Payload, items: FormSignature[]): Promise<SignOutcome[]> {
  // Every letter of an archived site is closed: asked once for the batch.
  if (await archived(payload)) {
    return items.map(() => ({ refused: { status: 410, message: ARCHIVED_LETTER_MESSAGE } }))
  }
  const byKey = new Map<string, Awaited<ReturnType<typeof findLetter>>>()
  const letters: Letter[] = []
  const outcomes: (SignOutcome | undefined)[] = []
  for (const [index, item] of items.entries()) {
    const key =
      typeof item.letterKey === 'string' || typeof item.letterKey === 'number'
        ? String(item.letterKey)
        : ''
    let found = byKey.get(key)
    if (!found) {
      found = await findLetter(payload, item.letterKey)
      byKey.set(key, found)
    }
    if ('status' in found) {
      outcomes[index] = { refused: { status: found.status, message: found.message } }
      continue
    }
    letters[index] = found.letter
    const reason = closedReason(found.letter)
    if (reason) outcomes[index] = { refused: { status: 410, message: reason } }
    else if (item.discard) outcomes[index] = { letter: found.letter, stored: false }
  }
  const toWrite = items.flatMap((_item, index) => (outcomes[index] ? [] : [index]))
  const written = await writeSignatures(
    payload,
    toWrite.map((index) => ({
      letter: letters[index].id,
      signature: items[index].signature,
      status: 'pending',
      source: 'form',
      consent: items[index].consent,
      ipHash: items[index].ipHash,
      links: items[index].links,
    })),
  )
  if (toWrite.length) metrics.signatureBatchSize.observe(toWrite.length)
  toWrite.forEach((index, position) => {
    const result = written[position]
    if (result.outcome === 'stored') metrics.signaturesAccepted.inc()
    if (result.outcome === 'failed') {
      payload.logger.error({ err: result.error }, 'a signature could not be stored')
      // Not answered as received: the signer must know to try again.
      outcomes[index] = {
        refused: { status: 503, message: 'Your signature could not be stored. Please try again.' },
      }
    } else {
      outcomes[index] = { letter: letters[index], stored: result.outcome === 'stored' }
    }
  })
  return items.map((_item, index) => outcomes[index]!)
}
