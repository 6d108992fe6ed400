import type { PayloadRequest } from 'payload'

// Access functions run many times per request (the admin asks for every collection's
// permissions at once): read the setting once per request, never across requests, so a change
// made through the admin takes effect on the very next request in every process.
const perRequest = new WeakMap<PayloadRequest, Promise<boolean>>()

/** Archive mode is on: forced by ARCHIVE_MODE, or switched on in site settings. */
export function siteIsArchived(req: PayloadRequest): Promise<boolean> {
  if (req.payload.config.custom?.archiveMode === true) return Promise.resolve(true)
  let known = perRequest.get(req)
  if (!known) {
    known = req.payload
      .findGlobal({
        slug: 'site-settings',
        depth: 0,
        overrideAccess: true,
        req,
        select: { archiveMode: true },
      })
      .then((settings) => settings.archiveMode === true)
    perRequest.set(req, known)
  }
  return known
}
