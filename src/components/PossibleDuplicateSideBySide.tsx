import type { UIFieldServerProps } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'
import type { Signatory } from '../payload-types'

const ROWS: { label: string; value: (doc: Partial<Signatory>) => unknown }[] = [
  { label: 'Name', value: (doc) => doc.name },
  { label: 'Role or profession', value: (doc) => doc.role },
  { label: 'Organisation', value: (doc) => doc.organisation },
  { label: 'Email address', value: (doc) => doc.email },
  { label: 'Shown as', value: (doc) => doc.display },
  { label: 'Review', value: (doc) => doc.status },
  { label: 'Came from', value: (doc) => doc.source },
  {
    label: 'Signed at',
    value: (doc) => (doc.createdAt ? new Date(doc.createdAt).toLocaleString('en-GB') : ''),
  },
]

const cell = { padding: '0.35rem 0.6rem', borderBottom: '1px solid var(--theme-elevation-150)' }

/**
 * This signature beside the one it may duplicate, so a moderator can decide without opening
 * both: the flag alone says only that the names are alike.
 */
export async function PossibleDuplicateSideBySide({ data, payload, req }: UIFieldServerProps) {
  const otherId = data?.possibleDuplicateOf
  if (!otherId || !hasRole(req.user, 'moderator', 'editor', 'admin')) return null
  const other = await payload
    .findByID({
      collection: 'signatories',
      id: typeof otherId === 'object' ? otherId.id : otherId,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      disableErrors: true,
    })
    .catch(() => null)
  if (!other) return null
  const mine = data as Partial<Signatory>
  return (
    <section aria-labelledby="possible-duplicate-heading" style={{ marginBottom: '1.5rem' }}>
      <h3 id="possible-duplicate-heading">Possibly the same person</h3>
      <p style={{ margin: '0.25rem 0 0.75rem' }}>
        Compare the two. If they are one person, set this one’s review to “Duplicate”.
      </p>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th scope="col" style={{ ...cell, textAlign: 'left' }} />
            <th scope="col" style={{ ...cell, textAlign: 'left' }}>
              This signature
            </th>
            <th scope="col" style={{ ...cell, textAlign: 'left' }}>
              <a href={`/admin/collections/signatories/${other.id}`}>The earlier signature</a>
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(({ label, value }) => {
            const left = String(value(mine) ?? '')
            const right = String(value(other) ?? '')
            return (
              <tr key={label}>
                <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 600 }}>
                  {label}
                </th>
                <td style={cell}>{left || '—'}</td>
                <td style={{ ...cell, fontWeight: left !== right ? 600 : undefined }}>
                  {right || '—'}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
