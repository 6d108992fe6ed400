import type { BuildFormStateArgs, ServerFunction } from 'payload'

import { buildFormStateHandler } from '@payloadcms/ui/utilities/buildFormState'
import {
  type SchedulePublishHandlerArgs,
  schedulePublishHandler,
} from '@payloadcms/ui/utilities/schedulePublishHandler'
import { APIError, UnauthorizedError } from 'payload'

import { mayEditDocument } from './mayEditDocument'

const SIGN_IN_AGAIN = 'Your session has ended: please sign in again.'
const SCHEDULE_REFUSED =
  'Only an editor or an admin can schedule a publication. Your changes are kept as a draft for them to publish.'
const CANCEL_REFUSED = 'Only an editor or an admin can cancel a scheduled publication.'

const refused = (message: string) => new APIError(message, 403, undefined, true)

/**
 * The admin panel's form-state function makes a document lock for whoever asks, for any
 * document, without asking whether they may save it; the lock then keeps those who may from
 * saving (423). Only someone who may save the document gets a lock.
 */
const lockOnlyWhatYouMayEdit: ServerFunction<BuildFormStateArgs> = async (args) => {
  if (!args.returnLockStatus) return buildFormStateHandler(args)
  const editable = await mayEditDocument(args.req, {
    collection: args.collectionSlug,
    id: args.id,
    global: args.globalSlug,
  })
  return buildFormStateHandler(
    editable ? args : { ...args, returnLockStatus: false, updateLastEdited: false },
  )
}

type ScheduleTarget = { doc?: { relationTo?: string; value?: number | string }; global?: string }

const mayPublish = (args: Parameters<ServerFunction>[0], target: ScheduleTarget | undefined) =>
  mayEditDocument(
    args.req,
    { collection: target?.doc?.relationTo, id: target?.doc?.value, global: target?.global },
    { _status: 'published' },
  )

/**
 * Scheduling a publication is publishing, and so is cancelling one: Payload's function checks
 * neither, so any account could cancel an editor's scheduled publication.
 */
const scheduleOnlyWhatYouMayPublish: ServerFunction<SchedulePublishHandlerArgs> = async (args) => {
  if (!args.req.user) throw new UnauthorizedError(args.req.t)
  if (args.deleteID !== undefined) {
    if (typeof args.deleteID !== 'string' && typeof args.deleteID !== 'number') {
      throw new APIError('Say which scheduled publication to cancel.', 400, undefined, true)
    }
    const job = await args.req.payload.db.findOne<{ id: number | string; input?: ScheduleTarget }>({
      collection: 'payload-jobs',
      req: args.req,
      where: { id: { equals: args.deleteID } },
    })
    if (!(await mayPublish(args, job?.input))) throw refused(CANCEL_REFUSED)
  }
  if (args.doc || args.global) {
    if (!(await mayPublish(args, { doc: args.doc, global: args.global }))) {
      throw refused(SCHEDULE_REFUSED)
    }
  } else if (args.deleteID === undefined) {
    throw refused(SCHEDULE_REFUSED)
  }
  return schedulePublishHandler(args)
}

/** Passed to Payload's server-function handler in the admin layout, replacing its own. */
export const adminServerFunctions = {
  'form-state': lockOnlyWhatYouMayEdit,
  'schedule-publish': scheduleOnlyWhatYouMayPublish,
} as unknown as Record<string, ServerFunction>

/** A refusal Payload means for the client (401, 403, 404 …), as opposed to a fault. */
const refusalIn = (error: unknown): APIError | undefined =>
  error instanceof APIError && error.status >= 400 && error.status < 500 ? error : undefined

/**
 * Runs one of the admin panel's server functions, answering a refusal rather than throwing it.
 * The admin calls them all through one Next.js server action, and Next answers anything thrown
 * in a server action with HTTP 500 and no message, so a refusal (from our checks above or from
 * Payload's own, such as `canAccessAdmin`) read as a fault. Each is answered in the shape its
 * caller in @payloadcms/ui already handles: Payload's own schedule-publish answers `{ error }`,
 * form-state `{ errors: [{ message }] }`, and the upcoming schedule is a list. Faults still throw.
 */
export async function answeringRefusals<T>(name: string, run: () => Promise<T>) {
  try {
    return await run()
  } catch (error) {
    const refusal = refusalIn(error)
    if (!refusal) throw error
    const message = refusal.status === 401 ? SIGN_IN_AGAIN : refusal.message
    if (name === 'get-upcoming-scheduled-publish') return []
    if (name === 'form-state') return { errors: [{ message }] }
    return { error: message }
  }
}
