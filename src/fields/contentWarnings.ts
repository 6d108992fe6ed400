import type { CollectionBeforeOperationHook, Field, GroupField, Option, Where } from 'payload'

import { isPublishing } from '../access/isPublishing'

// The safer-spaces policy's list. Values are API names (front ends filter on them); labels
// are what editors and readers see.
export const WARNING_CATEGORIES = [
  { value: 'police', label: 'Police' },
  { value: 'restraint', label: 'Restraint' },
  { value: 'detention', label: 'Detention or sectioning' },
  { value: 'self_harm', label: 'Self-harm' },
  { value: 'suicide', label: 'Suicide' },
  { value: 'coercion', label: 'Coercion or threats' },
  { value: 'withholding_care', label: 'Withholding of care' },
  { value: 'discrimination', label: 'Discrimination or racism' },
  { value: 'death', label: 'Death' },
  { value: 'abuse', label: 'Abuse' },
] as const satisfies readonly Option[]

export type WarningCategory = (typeof WARNING_CATEGORIES)[number]['value']

export const WARNING_LEVELS = [
  { value: 'mention', label: 'Mentioned in passing' },
  { value: 'discussion', label: 'Discussed' },
  { value: 'detailed', label: 'Described in detail' },
] as const satisfies readonly Option[]

export const MAX_WARNING_NOTE_LENGTH = 280

export const warningCategoriesField = (overrides: { required?: boolean } = {}): Field => ({
  name: 'categories',
  type: 'select',
  label: 'Topics that need a warning',
  hasMany: true,
  options: [...WARNING_CATEGORIES],
  required: overrides.required,
  admin: { description: 'Choose every topic a reader may want to be warned about.' },
})

export const warningNoteField = (): Field => ({
  name: 'note',
  type: 'textarea',
  label: 'Note for readers',
  maxLength: MAX_WARNING_NOTE_LENGTH,
  admin: { description: 'Optional, up to 280 characters: what to expect, in plain words.' },
})

type Options = {
  /** Whether the document being saved is going live (artwork uses moderation, not drafts). */
  goingLive?: (data: unknown) => boolean
}

/**
 * Content warnings, the same on every kind of content. Publishing is refused until an editor
 * has ticked "reviewed"; drafts can be saved without it.
 */
export function contentWarnings({ goingLive = isPublishing }: Options = {}): GroupField {
  return {
    name: 'contentWarnings',
    type: 'group',
    label: 'Content warnings',
    admin: {
      description:
        'Our safer-spaces policy asks for a warning before difficult topics. Readers can hide content by topic, so list every topic that applies, then tick “reviewed”.',
    },
    fields: [
      warningCategoriesField(),
      {
        name: 'level',
        type: 'select',
        label: 'How much detail',
        options: [...WARNING_LEVELS],
        admin: { description: 'How closely the topics are described.' },
      },
      warningNoteField(),
      {
        // Payload's `not_in` on a hasMany select matches a document if any one of its topics is
        // outside the list, and never matches one without topics; this one-column copy lets
        // excludeWarnedTopics answer "none of these topics" correctly on every database.
        name: 'flags',
        type: 'text',
        access: { create: () => false, update: () => false },
        hooks: { beforeChange: [({ siblingData }) => toFlags(siblingData?.categories)] },
        admin: { hidden: true, readOnly: true },
      },
      {
        name: 'reviewed',
        type: 'checkbox',
        label: 'I have checked these warnings',
        defaultValue: false,
        validate: (value: boolean | null | undefined, { data }: { data: unknown }) =>
          !goingLive(data) ||
          value === true ||
          'Check the content warnings and tick “I have checked these warnings” before publishing.',
        admin: { description: 'Needed before publishing. Drafts can be saved without it.' },
      },
    ],
  }
}

const CATEGORIES_PATH = 'contentWarnings.categories'

/** "|police|death|"; "|" for none, never null, so NOT LIKE keeps documents without warnings. */
export const toFlags = (categories: unknown): string =>
  Array.isArray(categories) && categories.length ? `|${categories.join('|')}|` : '|'

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : String(value ?? '').split(','))
    .map((entry) => String(entry).trim())
    .filter(Boolean)

// An unknown topic never gets here: the request checks (src/requestChecks) hold every select
// field's filter values to its options, this one's included, before any hook runs.
function withoutTopics(value: unknown, wildcard: string): Where {
  const topics = listOf(value)
  return {
    and: topics.map((topic) => ({
      'contentWarnings.flags': { not_like: `${wildcard}|${topic}|${wildcard}` },
    })),
  }
}

function rewrite(where: Where, wildcard: string): Where {
  const result: Where = {}
  const extra: Where[] = []
  for (const [key, condition] of Object.entries(where)) {
    // GraphQL writes AND/OR; REST and the Local API and/or.
    if (['and', 'or'].includes(key.toLowerCase()) && Array.isArray(condition)) {
      result[key] = condition.map((inner) => rewrite(inner, wildcard))
      continue
    }
    // GraphQL spells nested paths with __ (contentWarnings__categories).
    if (
      key.replace(/__/g, '.') !== CATEGORIES_PATH ||
      !condition ||
      typeof condition !== 'object'
    ) {
      result[key] = condition
      continue
    }
    const { not_in: notIn, not_equals: notEquals, ...rest } = condition as Record<string, unknown>
    if (notIn === undefined && notEquals === undefined) {
      result[key] = condition
      continue
    }
    extra.push(withoutTopics([...listOf(notIn ?? []), ...listOf(notEquals ?? [])], wildcard))
    if (Object.keys(rest).length) extra.push({ [key]: rest } as Where)
  }
  if (extra.length) result.and = [...((result.and as Where[] | undefined) ?? []), ...extra]
  return result
}

/**
 * Lets a front end ask for content with none of some topics, through REST or GraphQL `where`:
 * `contentWarnings.categories` with `not_in` (or `not_equals`) means "carries none of these".
 */
export const excludeWarnedTopics: CollectionBeforeOperationHook = ({ args, operation }) => {
  if ((operation === 'read' || operation === 'count') && 'where' in args && args.where) {
    // SQL adapters pass `not_like` through as a LIKE pattern; MongoDB's already means "contains".
    const wildcard = args.req?.payload.db.name === 'mongoose' ? '' : '%'
    return { ...args, where: rewrite(args.where, wildcard) }
  }
  return args
}
