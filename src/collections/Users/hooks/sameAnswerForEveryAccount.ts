import type { AfterErrorHook, CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

/**
 * One refusal for a wrong password, an unknown address and a locked account alike: Payload's
 * own words for a locked account ("This user is locked…") told anyone trying addresses that
 * the account exists. Payload reads both through these translation keys.
 */
export const LOGIN_REFUSED =
  'The email or password is incorrect, or the account is locked for a while after too many failed attempts.'

export const accountTranslations = {
  en: { error: { emailOrPasswordIncorrect: LOGIN_REFUSED, userLocked: LOGIN_REFUSED } },
}

/** GraphQL also names the error's class, which would still tell a locked account apart. */
export const sameNameForLoginRefusals: AfterErrorHook = ({ graphqlResult }) => {
  if (graphqlResult?.extensions?.name !== 'LockedAuth') return
  return {
    graphqlResult: {
      ...graphqlResult,
      extensions: { ...graphqlResult.extensions, name: 'AuthenticationError' },
    },
  }
}

export const EMAIL_NOT_USABLE =
  'This email address cannot be used for this account. Check it, or ask an admin for help.'

/**
 * Payload refuses an address another account has with "Value must be unique", which tells
 * anyone signed in whose address has an account. Refused here first, in neutral words.
 */
export const emailOfNoOtherAccount: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const email = typeof data.email === 'string' ? data.email.toLowerCase().trim() : undefined
  if (operation !== 'update' || !email || email === originalDoc?.email) return data
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    overrideAccess: true,
    req,
    where: { and: [{ email: { equals: email } }, { id: { not_equals: originalDoc?.id } }] },
  })
  if (totalDocs > 0) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ message: EMAIL_NOT_USABLE, path: 'email' }],
      req,
    })
  }
  return data
}
