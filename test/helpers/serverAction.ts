import fs from 'node:fs'
import path from 'node:path'

import type { Auth } from './api'

const MANIFEST = path.resolve('.next/server/server-reference-manifest.json')

type Manifest = {
  node: Record<string, { filename: string; workers: Record<string, unknown> }>
}

/**
 * The id Next gave the admin layout's server action (the one the admin panel calls for every
 * Payload server function), read from the production build the test server runs.
 */
export const adminServerActionId = () => serverActionIdOf('src/app/(payload)/layout.tsx')

/** The id of the site's signing form's action (src/site/signing.ts). */
export const signFormActionId = () => serverActionIdOf('src/site/signing.ts')

/** The id Next gave the server action compiled from `file`, as its manifest names it. */
export function serverActionIdOf(file: string): string {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest
  const found = Object.entries(manifest.node).find(([, action]) => action.filename === file)
  if (!found) throw new Error(`no server action of ${file} in ${MANIFEST}`)
  return found[0]
}

export type ServerActionAnswer = { status: number; body: string; result: unknown }

/**
 * Calls a Payload server function as the admin panel's browser does: a POST to an admin page
 * with the `Next-Action` header, the arguments encoded as React encodes a reply (plain JSON
 * here, a `$D` prefix for dates), signed in with the auth cookie. `result` is the function's
 * answer, taken from the RSC stream (row 1), or undefined when there is none.
 */
export async function callServerFunction(
  baseUrl: string,
  auth: Auth,
  name: string,
  args: Record<string, unknown>,
): Promise<ServerActionAnswer> {
  if (!auth.cookie) throw new Error('a server action needs the auth cookie')
  const response = await fetch(`${baseUrl}/admin`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      cookie: auth.cookie,
      'next-action': adminServerActionId(),
      origin: baseUrl,
    },
    body: JSON.stringify([{ name, args }]),
    redirect: 'manual',
  })
  const body = await response.text()
  const row = body.split('\n').find((line) => line.startsWith('1:'))
  let result: unknown
  try {
    result = row ? JSON.parse(row.slice(2)) : undefined
  } catch {
    result = undefined
  }
  return { status: response.status, body, result }
}
