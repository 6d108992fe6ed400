import type { CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { otherAdminsExist } from './otherAdminsExist'

/** Deleting the only admin would leave nobody able to manage accounts or unlock them. */
export const keepOneAdmin: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const target = await req.payload.findByID({
    collection: 'users',
    depth: 0,
    disableErrors: true,
    id,
    overrideAccess: true,
    req,
  })
  if (!target?.roles?.includes('admin')) return
  if (!(await otherAdminsExist(req, id))) {
    throw new APIError('The only admin account cannot be deleted.', 400, undefined, true)
  }
}
