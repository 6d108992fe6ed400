import fs from 'node:fs'

import type { RequestHandler, Response } from 'express'
import type { SanitizedConfig } from 'payload'

import { FORM_DATA, readReply, type ReplyReading } from '../requestChecks/reactReply'
import { SERVER_ACTION_CALLS } from '../requestChecks/serverActionCalls'
import { readFormParts } from '../utilities/multipart'
import type { Handover } from './publicApi'
import { readBody } from './requestBody'
import { refuseRequest } from './refuseRequest'

type Manifest = { node?: Record<string, { filename: string }> }

/** Which file each server action id of the production build comes from. */
export function serverActionFiles(manifestPath: string): Map<string, string> | undefined {
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest
  } catch {
    // A development server compiles actions as pages are asked for: no manifest to read yet.
    return undefined
  }
  return new Map(Object.entries(manifest.node ?? {}).map(([id, action]) => [id, action.filename]))
}

const refuse = (res: Response, message: string) => refuseRequest(res, 400, message)

const UNREADABLE_FORM = 'The form could not be read: it is not well-formed multipart/form-data'

type ActionCall = { id: string; reading: ReplyReading }

// As FormData.get, which React reads rows with: the first field of a name.
const firstOfEach = (fields: [string, string][]) => {
  const rows = new Map<string, string>()
  for (const [name, value] of fields) if (!rows.has(name)) rows.set(name, value)
  return rows
}

/**
 * The calls a form posted without script makes: React's `$ACTION_REF_<n>` fields name the action
 * and its bound arguments (`$ACTION_<n>:0`, `{ id, bound }`), and the action gets those and the
 * form; `$ACTION_ID_<id>` calls an action with the form alone.
 */
function formPostCalls(fields: [string, string][]): ActionCall[] | string {
  const calls: ActionCall[] = []
  for (const [name] of fields) {
    if (name.startsWith('$ACTION_ID_')) {
      calls.push({ id: name.slice('$ACTION_ID_'.length), reading: { args: [FORM_DATA] } })
      continue
    }
    if (!name.startsWith('$ACTION_REF_')) continue
    const prefix = `$ACTION_${name.slice('$ACTION_REF_'.length)}:`
    const rows = firstOfEach(
      fields
        .filter(([field]) => field.startsWith(prefix))
        .map(([field, value]): [string, string] => [field.slice(prefix.length), value]),
    )
    let meta: unknown
    try {
      meta = JSON.parse(rows.get('0') ?? '')
    } catch {
      return `The form's ${prefix}0 field must be JSON naming the action.`
    }
    const { id, bound } = (meta ?? {}) as { id?: unknown; bound?: unknown }
    if (typeof id !== 'string') return `The form's ${prefix}0 field must name the action.`
    if (bound === null || bound === undefined) {
      calls.push({ id, reading: { args: [FORM_DATA] } })
      continue
    }
    if (typeof bound !== 'string' || !/^\$@[0-9a-f]+$/.test(bound)) {
      return `The form's ${prefix}0 field refers to its arguments wrongly.`
    }
    const reading = readReply(rows, String(parseInt(bound.slice(2), 16)))
    calls.push({
      id,
      reading: 'problem' in reading ? reading : { args: [...reading.args, FORM_DATA] },
    })
  }
  return calls
}

/**
 * Server actions (the site's signing form, the admin panel's calls to Payload) are posted to
 * pages, and Next.js answers whatever their decoding throws with 500 and no message. Their
 * bodies are read here as React will read them, and a body React could not decode, or a call
 * none of this app's pages makes, is refused with 400 and a message first. An id Next.js does
 * not know is left to Next.js, which answers it with a 4xx itself.
 * Only for bodies whose size bodyLimits has already checked.
 */
export function refuseBrokenServerActions(
  actionFiles: Map<string, string> | undefined,
  config: SanitizedConfig,
): RequestHandler {
  const problemOf = ({ id, reading }: ActionCall) => {
    if ('problem' in reading) return reading.problem
    const file = actionFiles?.get(id)
    return file ? SERVER_ACTION_CALLS[file]?.(reading.args, config) : undefined
  }
  return async (req, res, next) => {
    if (req.method !== 'POST' || req.path.startsWith('/api/') || req.path.startsWith('/_next/')) {
      return next()
    }
    const actionId = req.headers['next-action']
    const fetchAction = typeof actionId === 'string'
    // As Next.js tells a form post from other posts (action-handler's request metadata).
    const contentType = req.headers['content-type'] ?? ''
    const multipart = contentType.startsWith('multipart/form-data')
    if (!fetchAction && !multipart) return next()
    if (fetchAction && actionFiles && !actionFiles.has(actionId)) return next()

    const handover = res.locals as Handover
    try {
      handover.body ??= await readBody(req)
    } catch {
      // The client went away: nothing to answer.
      return
    }
    const body = handover.body
    let calls: ActionCall[]
    if (multipart) {
      const parts = await readFormParts(body, contentType)
      if ('problem' in parts) return refuse(res, `${UNREADABLE_FORM} (${parts.problem}).`)
      if (fetchAction) {
        calls = [{ id: actionId, reading: readReply(firstOfEach(parts.fields)) }]
      } else {
        const found = formPostCalls(parts.fields)
        if (typeof found === 'string') return refuse(res, found)
        calls = found
      }
    } else {
      calls = [
        { id: actionId as string, reading: readReply(new Map([['0', body.toString('utf8')]])) },
      ]
    }
    for (const call of calls) {
      const problem = problemOf(call)
      if (problem) return refuse(res, problem)
    }
    next()
  }
}
