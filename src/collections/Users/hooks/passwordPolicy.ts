import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'

export const PASSWORD_MIN_LENGTH = 12
// Checking a password costs the same work at any length up to this, and no one types more.
export const PASSWORD_MAX_LENGTH = 256

export const PASSWORD_TOO_WEAK = `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters (three random words work well) and at most ${PASSWORD_MAX_LENGTH}.`

/** The few passwords every guesser tries first, written long enough to pass the length rule. */
const FIRST_GUESSES = new Set([
  'password1234',
  'passwordpassword',
  'qwertyuiopas',
  '123456789012',
  'iloveyou1234',
  'letmein12345',
])

export function passwordProblem(password: string): string | undefined {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return PASSWORD_TOO_WEAK
  if (new Set(password).size < 4 || FIRST_GUESSES.has(password.toLowerCase())) {
    return 'That password is one of the first anyone would guess: choose another (three random words work well).'
  }
  return undefined
}

/**
 * Payload takes any password of three characters or more. Every way an account's password is
 * set (first account, an admin creating one, changing one's own, a reset link) passes here.
 */
export const strongEnoughPassword: CollectionBeforeOperationHook<'users'> = ({
  args,
  operation,
  req,
}) => {
  if (!['create', 'update', 'resetPassword'].includes(operation)) return args
  const data = 'data' in args ? (args.data as { password?: unknown } | undefined) : undefined
  const password = data?.password
  if (password === undefined || password === null || password === '') return args
  const problem = typeof password === 'string' ? passwordProblem(password) : PASSWORD_TOO_WEAK
  if (problem) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ message: problem, path: 'password' }],
      req,
    })
  }
  return args
}
