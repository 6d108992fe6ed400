import type { CollectionSlug, Payload, ServerProps, Where } from 'payload'

import React from 'react'

import { hasRole } from '../access/hasRole'

type Task = { key: string; text: string; href: string }
type Scheduled = { key: string; text: string; href: string; when: string }

const EDITORIAL: { slug: CollectionSlug; one: string; many: string }[] = [
  { slug: 'statements', one: 'statement', many: 'statements' },
  { slug: 'updates', one: 'update', many: 'updates' },
  { slug: 'pages', one: 'page', many: 'pages' },
  {
    slug: 'trusts',
    one: 'trust in the evidence register',
    many: 'trusts in the evidence register',
  },
]

const AWAITING_SIGNATURES = ['pending', 'verified']

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** A list URL with its filter, as the admin's own filter controls would write it. */
function listUrl(slug: string, where: Record<string, Record<string, string | string[]>>): string {
  const params = new URLSearchParams()
  for (const [field, conditions] of Object.entries(where)) {
    for (const [operator, value] of Object.entries(conditions)) {
      if (Array.isArray(value)) {
        value.forEach((item, index) =>
          params.append(`where[${field}][${operator}][${index}]`, item),
        )
      } else {
        params.append(`where[${field}][${operator}]`, value)
      }
    }
  }
  return `/admin/collections/${slug}?${params.toString()}`
}

async function count(payload: Payload, collection: CollectionSlug, where: Where) {
  const { totalDocs } = await payload.count({ collection, where, overrideAccess: true })
  return totalDocs
}

async function moderationTasks(payload: Payload): Promise<Task[]> {
  const [signatures, artwork] = await Promise.all([
    count(payload, 'signatories', { status: { in: AWAITING_SIGNATURES } }),
    count(payload, 'artwork', { moderationStatus: { equals: 'pending' } }),
  ])
  return [
    {
      key: 'signatures',
      text: `${plural(signatures, 'signature', 'signatures')} to review`,
      href: listUrl('signatories', { status: { in: AWAITING_SIGNATURES } }),
    },
    {
      key: 'artwork',
      text: `${plural(artwork, 'piece of artwork', 'pieces of artwork')} to review`,
      href: listUrl('artwork', { moderationStatus: { equals: 'pending' } }),
    },
  ]
}

/** Drafts are what editors publish; for contributors, their own drafts waiting for an editor. */
async function draftTasks(payload: Payload, authorId?: number | string): Promise<Task[]> {
  const tasks = await Promise.all(
    EDITORIAL.map(async ({ slug, one, many }) => {
      const filter: Record<string, Record<string, string>> = authorId
        ? { _status: { equals: 'draft' }, createdBy: { equals: String(authorId) } }
        : { _status: { equals: 'draft' } }
      // The list's filter is the count's query too: what is counted is what the link shows.
      const drafts = await count(payload, slug, filter)
      return {
        key: `drafts-${slug}`,
        text: authorId
          ? `${plural(drafts, `draft ${one}`, `draft ${many}`)} of yours waiting for an editor`
          : `${plural(drafts, `draft ${one}`, `draft ${many}`)} not yet published`,
        href: listUrl(slug, filter),
        drafts,
      }
    }),
  )
  // Contributors see only what they have; editors always see the four lists.
  return tasks.filter((task) => !authorId || task.drafts > 0)
}

async function scheduledItems(payload: Payload): Promise<Scheduled[]> {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: 'schedulePublish' } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
    sort: 'waitUntil',
    limit: 10,
    depth: 0,
    overrideAccess: true,
  })
  return docs.flatMap((job) => {
    const input = job.input as { doc?: { relationTo: string; value: string }; type?: string }
    if (!input?.doc || !job.waitUntil) return []
    const when = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/London',
    }).format(new Date(job.waitUntil))
    const collection = EDITORIAL.find(({ slug }) => slug === input.doc?.relationTo)
    return [
      {
        key: String(job.id),
        text: `${input.type === 'unpublish' ? 'Unpublish' : 'Publish'} a ${collection?.one ?? 'document'}`,
        href: `/admin/collections/${input.doc.relationTo}/${input.doc.value}`,
        when,
      },
    ]
  })
}

async function artistTasks(payload: Payload, artistId: number | string): Promise<Task[]> {
  const mine = (status: string) =>
    count(payload, 'artwork', {
      and: [{ artist: { equals: artistId } }, { moderationStatus: { equals: status } }],
    })
  const [pending, rejected] = await Promise.all([mine('pending'), mine('rejected')])
  return [
    {
      key: 'artwork-pending',
      text: `${plural(pending, 'piece', 'pieces')} of your artwork waiting for review`,
      href: listUrl('artwork', { moderationStatus: { equals: 'pending' } }),
    },
    {
      key: 'artwork-rejected',
      text: `${plural(rejected, 'piece', 'pieces')} of your artwork not approved: see the moderator’s message`,
      href: listUrl('artwork', { moderationStatus: { equals: 'rejected' } }),
    },
  ]
}

/**
 * The first thing on the dashboard: what is waiting for this person, by role, each line a link
 * to the list already filtered. Counts come from the database on every visit.
 */
export async function WhatNeedsDoing({ payload, user }: ServerProps) {
  if (!user) return null
  const moderates = hasRole(user, 'moderator', 'editor', 'admin')
  const publishes = hasRole(user, 'editor', 'admin')
  const contributes = hasRole(user, 'contributor') && !publishes
  const [moderation, drafts, scheduled, artwork] = await Promise.all([
    moderates ? moderationTasks(payload) : [],
    publishes ? draftTasks(payload) : contributes ? draftTasks(payload, user.id) : [],
    publishes ? scheduledItems(payload) : [],
    hasRole(user, 'artist') ? artistTasks(payload, user.id) : [],
  ])
  const tasks = [...moderation, ...artwork, ...drafts]
  if (!tasks.length && !scheduled.length && !publishes) return null

  return (
    <section
      aria-labelledby="what-needs-doing"
      className="what-needs-doing"
      style={{
        marginBottom: '2rem',
        padding: '1rem 1.5rem',
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: '4px',
      }}
    >
      <h2 id="what-needs-doing" style={{ marginTop: 0 }}>
        Waiting for you
      </h2>
      {tasks.length > 0 && (
        <ul>
          {tasks.map((task) => (
            <li key={task.key}>
              <a href={task.href}>{task.text}</a>
            </li>
          ))}
        </ul>
      )}
      {publishes && (
        <>
          <h3>Scheduled</h3>
          {scheduled.length ? (
            <ul>
              {scheduled.map((item) => (
                <li key={item.key}>
                  <a href={item.href}>
                    {item.text} on {item.when}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p>Nothing is scheduled to be published or unpublished.</p>
          )}
        </>
      )}
    </section>
  )
}
