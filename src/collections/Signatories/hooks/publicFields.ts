import type { CollectionBeforeChangeHook } from 'payload'

import type { DisplayChoice } from '../options'

export const ANONYMOUS_NAME = 'Anonymous'

type Shown = { publicName: string; publicRole: string | null; publicOrganisation: string | null }

/**
 * What the public may see of a signatory, decided when it is saved. The real name, role and
 * organisation are readable by moderators only, so no query or sort by the public can reveal
 * who signed anonymously.
 */
export function shownFor(
  display: DisplayChoice | null | undefined,
  {
    name,
    role,
    organisation,
  }: { name?: string | null; role?: string | null; organisation?: string | null },
): Shown {
  switch (display) {
    case 'name_only':
      return { publicName: name ?? '', publicRole: null, publicOrganisation: null }
    case 'anonymous':
      return { publicName: ANONYMOUS_NAME, publicRole: role ?? null, publicOrganisation: null }
    case 'counted_only':
      return { publicName: ANONYMOUS_NAME, publicRole: null, publicOrganisation: null }
    default:
      return {
        publicName: name ?? '',
        publicRole: role ?? null,
        publicOrganisation: organisation ?? null,
      }
  }
}

// A withdrawn signature keeps nothing that could be shown again.
const WITHDRAWN = { publicName: null, publicRole: null, publicOrganisation: null }

export const setPublicFields: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const merged = { ...originalDoc, ...data }
  if (merged.status === 'withdrawn') return { ...data, ...WITHDRAWN }
  return { ...data, ...shownFor(merged.display, merged) }
}
