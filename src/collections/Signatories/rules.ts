import type { FieldError } from '../../utilities/errorResponse'

import { keyedHash, nameKey, newNoEmailKey, normaliseEmail } from './normalise'
import { DISPLAY_CHOICES, type DisplayChoice, LIMITS } from './options'

/**
 * The one set of rules for a signature, whichever way it arrives: the signing form, a CSV
 * import or the admin panel. Each of those turns its own input into a `SignatureInput` and asks
 * `checkSignature`; the stored keys, the public fields and the near-duplicate test live here
 * too, so the three can never disagree about what a signature is.
 */

export type SignatureInput = {
  name?: unknown
  role?: unknown
  organisation?: unknown
  email?: unknown
  display?: unknown
  onBehalfOfOrganisation?: unknown
}

export type CheckedSignature = {
  name: string
  role: string | null
  organisation: string | null
  email: string | null
  display: DisplayChoice
  onBehalfOfOrganisation: boolean
}

const DISPLAY_VALUES: readonly string[] = DISPLAY_CHOICES.map(({ value }) => value)

/**
 * Addresses a mail server will take and Payload's own email field accepts: ASCII only (no
 * `zoë@…`: an internationalised address needs SMTPUTF8, which we cannot promise to deliver),
 * no two dots in a row, and a top-level domain of two letters or more (so not `x@y.c`).
 */
const EMAIL_PATTERN =
  /^(?!.*\.\.)[\w!#$%&'*+/=?^`{|}~-](?:[\w!#$%&'*+/=?^`{|}~.-]*[\w!#$%&'*+/=?^`{|}~-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i

export const EMAIL_PROBLEM = 'That email address does not look right.'

/** Why an address cannot be stored, or null when it can. Empty means "no address". */
export function emailProblem(email: string): string | null {
  if (!email) return null
  if (email.length > LIMITS.email)
    return `An email address can be at most ${LIMITS.email} characters.`
  return EMAIL_PATTERN.test(email) ? null : EMAIL_PROBLEM
}

/** The email field's validation in the admin panel: the same rule and the same words. */
export const validateSignatoryEmail = (value: unknown): true | string => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string') return EMAIL_PROBLEM
  return emailProblem(normaliseEmail(value)) ?? true
}

const LABELS = {
  name: 'Your name',
  role: 'Your role or profession',
  organisation: 'Your organisation',
  email: 'Your email address',
} as const

function text(input: SignatureInput, field: keyof typeof LABELS, errors: FieldError[]): string {
  const value = input[field]
  if (value === undefined || value === null || value === '') return ''
  if (typeof value !== 'string') {
    errors.push({ field, message: `${LABELS[field]} must be text.` })
    return ''
  }
  // One-line fields: a line break or control character has no place in a name, and in an
  // export or an email it could start a new line or a formula.
  if (/[\p{Cc}\u2028\u2029]/u.test(value)) {
    errors.push({
      field,
      message: `${LABELS[field]} must be on one line, without line breaks, tabs or other control characters.`,
    })
    return ''
  }
  // Bidirectional controls turn the text after them around where it is shown: in the public
  // list "\u202eAnn Smith" reads backwards, and a name can be made to look like another.
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(value)) {
    errors.push({
      field,
      message: `${LABELS[field]} must not contain characters that change the direction of text.`,
    })
    return ''
  }
  const tidy = value.trim().replace(/\s+/g, ' ')
  if (tidy.length > LIMITS[field]) {
    errors.push({
      field,
      message: `${LABELS[field]} can be at most ${LIMITS[field]} characters.`,
    })
  }
  return tidy
}

/**
 * Checks and tidies one signature. `requireEmail`: the form needs an address to confirm the
 * signature; an import or the team may add one from paper without.
 */
export function checkSignature(
  input: SignatureInput,
  { requireEmail }: { requireEmail: boolean },
): { signature: CheckedSignature } | { errors: FieldError[] } {
  const errors: FieldError[] = []
  const name = text(input, 'name', errors)
  if (!name && !errors.some((error) => error.field === 'name')) {
    errors.push({ field: 'name', message: 'Give your name.' })
  }
  const role = text(input, 'role', errors)
  const organisation = text(input, 'organisation', errors)
  const email = normaliseEmail(text(input, 'email', errors))
  if (!email) {
    if (requireEmail && !errors.some((error) => error.field === 'email')) {
      errors.push({
        field: 'email',
        message: 'Give your email address, so we can confirm your signature.',
      })
    }
  } else {
    const problem = emailProblem(email)
    if (problem && !errors.some((error) => error.field === 'email')) {
      errors.push({ field: 'email', message: problem })
    }
  }
  const display = input.display ?? 'full'
  if (typeof display !== 'string' || !DISPLAY_VALUES.includes(display)) {
    errors.push({
      field: 'display',
      message: `Choose how to be shown: ${DISPLAY_VALUES.join(', ')}.`,
    })
  }
  const onBehalf = input.onBehalfOfOrganisation ?? false
  if (typeof onBehalf !== 'boolean') {
    errors.push({
      field: 'onBehalfOfOrganisation',
      message: 'onBehalfOfOrganisation must be true or false.',
    })
  } else if (onBehalf && !organisation) {
    errors.push({ field: 'organisation', message: 'Name the organisation you are signing for.' })
  }
  if (errors.length) return { errors }
  return {
    signature: {
      name,
      role: role || null,
      organisation: organisation || null,
      email: email || null,
      display: display as DisplayChoice,
      onBehalfOfOrganisation: onBehalf as boolean,
    },
  }
}

/**
 * A few surnames share a key with many people; the key is the surname and the first letter of
 * the first name, so "Louisa Harvey", "Louise Harvey" and "L. Harvey" meet and "Sam Harvey"
 * does not. Stored and indexed with the letter, so finding candidates is an index lookup.
 */
export function nameBlockKey(key: string): string {
  const words = key.split(' ').filter(Boolean)
  if (words.length < 2) return key
  return `${words[words.length - 1]} ${words[0][0]}`
}

export type StoredKeys = {
  email: string | null
  emailHash: string
  nameKey: string
  nameBlockKey: string
}

/**
 * The keys stored beside a signature: the keyed email hash behind the unique (letter, email)
 * rule, and the name keys behind duplicate flagging. `keepNoEmailKey`: a signature that had no
 * address keeps its own key when saved again.
 */
export function storedKeys(
  secret: string,
  { name, email }: { name: string; email: string | null | undefined },
  keepNoEmailKey?: string | null,
): StoredKeys {
  const address = typeof email === 'string' && email.trim() ? normaliseEmail(email) : null
  const key = nameKey(name)
  return {
    email: address,
    emailHash: address ? keyedHash(secret, 'email', address) : (keepNoEmailKey ?? newNoEmailKey()),
    nameKey: key,
    nameBlockKey: nameBlockKey(key),
  }
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

export type DuplicateCandidate = {
  id: number | string
  letter?: unknown
  nameKey?: string | null
  role?: string | null
  organisation?: string | null
  emailHash?: string | null
}

const words = (value: string | null | undefined): string[] =>
  (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1 && !FILLER.has(word))

const FILLER = new Set(['and', 'of', 'the', 'for', 'in', 'at', 'nhs'])

/** Share of words in common (Jaccard): "Mental health nurse" and "Nurse, mental health" → 1. */
function overlap(a: string | null | undefined, b: string | null | undefined): number {
  const left = new Set(words(a))
  const right = new Set(words(b))
  if (!left.size || !right.size) return 0
  let shared = 0
  for (const word of left) if (right.has(word)) shared++
  return shared / (left.size + right.size - shared)
}

function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length]
}

/** First names that could be one person's: a typo apart, or one an initial of the other. */
function similarFirstNames(a: string, b: string): boolean {
  if (a === b) return true
  if (a.length === 1 || b.length === 1) return a[0] === b[0]
  const allowed = Math.min(a.length, b.length) >= 7 ? 2 : 1
  return editDistance(a, b) <= allowed
}

/**
 * Whether two signatures of one letter may be the same person, for a moderator to decide:
 * the same name (titles, case, accents and punctuation aside) whatever the role; or names a
 * letter or an initial apart with the same surname, backed by a like role or organisation.
 * Two people with different names are never paired.
 */
export function mayBeSamePerson(
  signature: { nameKey: string; role?: string | null; organisation?: string | null },
  other: DuplicateCandidate,
): boolean {
  if (!other.nameKey || !signature.nameKey) return false
  if (other.nameKey === signature.nameKey) return true
  const mine = signature.nameKey.split(' ')
  const theirs = other.nameKey.split(' ')
  if (mine.length < 2 || theirs.length < 2) return false
  if (mine[mine.length - 1] !== theirs[theirs.length - 1]) return false
  if (!similarFirstNames(mine[0], theirs[0])) return false
  return (
    overlap(signature.role, other.role) >= 0.5 ||
    overlap(signature.organisation, other.organisation) >= 0.5
  )
}

/** The earliest candidate that may be the same person under another address, if any. */
export function possibleDuplicateAmong(
  signature: {
    nameKey: string
    emailHash: string
    role?: string | null
    organisation?: string | null
  },
  candidates: readonly DuplicateCandidate[],
): DuplicateCandidate | undefined {
  return candidates.find(
    (candidate) =>
      candidate.emailHash !== signature.emailHash && mayBeSamePerson(signature, candidate),
  )
}
