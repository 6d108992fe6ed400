import type { BuildFormStateArgs, ServerFunction } from 'payload'

import { buildFormStateHandler } from '@payloadcms/ui/utilities/buildFormState'
import {
  type SchedulePublishHandlerArgs,
  schedulePublishHandler,
} from '@payloadcms/ui/utilities/schedulePublishHandler'
import { Forbidden } from 'payload'

import { mayEditDocument } from './mayEditDocument'

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
  const targets: (ScheduleTarget | undefined)[] = []
  if (args.deleteID !== undefined) {
    const job = await args.req.payload.db.findOne<{ id: number | string; input?: ScheduleTarget }>({
      collection: 'payload-jobs',
      req: args.req,
      where: { id: { equals: args.deleteID } },
    })
    targets.push(job?.input)
  }
  if (args.doc || args.global) targets.push({ doc: args.doc, global: args.global })
  if (!targets.length) throw new Forbidden(args.req.t)
  for (const target of targets) {
    if (!(await mayPublish(args, target))) throw new Forbidden(args.req.t)
  }
  return schedulePublishHandler(args)
}

/** Passed to Payload's server-function handler in the admin layout, replacing its own. */
export const adminServerFunctions = {
  'form-state': lockOnlyWhatYouMayEdit,
  'schedule-publish': scheduleOnlyWhatYouMayPublish,
} as unknown as Record<string, ServerFunction>
