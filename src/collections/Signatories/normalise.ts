import crypto from 'node:crypto'

const TITLES = new Set([
  'dr',
  'doctor',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'sir',
  'dame',
  'rev',
  'revd',
  'lord',
  'lady',
])

/** "Dr. Zoë  O'Brien-Smith" → "zoe obriensmith": case, accents, punctuation and titles ignored. */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean)
  while (words.length > 1 && TITLES.has(words[0])) words.shift()
  return words.join(' ')
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

/** Keyed hashes: the same input always gives the same value here, and nothing elsewhere. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return crypto.createHmac('sha256', `${purpose}:${secret}`).update(value).digest('hex')
}

/**
 * The email key of a signature with no address (one from paper, or whose address was erased):
 * unique to it, so the unique (letter, emailHash) index never sees two empty keys. MongoDB's
 * unique indexes count missing and null values as equal, SQL's do not; a key that is never
 * empty behaves the same on all three. Never equal to a keyed hash, which is hex.
 */
export const NO_EMAIL_KEY_PREFIX = 'none:'
export const isNoEmailKey = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(NO_EMAIL_KEY_PREFIX)
export const newNoEmailKey = (): string => `${NO_EMAIL_KEY_PREFIX}${crypto.randomUUID()}`
