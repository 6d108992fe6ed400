import crypto from 'node:crypto'

/** A link secret for an email; only its hash is stored, so a database leak reveals no links. */
export const newToken = (): string => crypto.randomBytes(32).toString('base64url')

export const tokenHash = (token: string): string =>
  crypto.createHash('sha256').update(token).digest('hex')
