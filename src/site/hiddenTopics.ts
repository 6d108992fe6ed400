import type { Where } from 'payload'

import { WARNING_CATEGORIES, type WarningCategory } from '../fields/contentWarnings'

/** The reader's own choice of topics never to list; kept in their browser only. */
export const HIDDEN_TOPICS_COOKIE = 'hide-topics'
export const HIDDEN_TOPICS_MAX_AGE = 60 * 60 * 24 * 365

const KNOWN: readonly string[] = WARNING_CATEGORIES.map(({ value }) => value)

export function parseHiddenTopics(value: string | undefined | null): WarningCategory[] {
  if (!value) return []
  const topics = value
    .split(/[.,\s]+/)
    .filter((topic): topic is WarningCategory => KNOWN.includes(topic))
  return [...new Set(topics)].sort()
}

export const serialiseHiddenTopics = (topics: readonly string[]) => topics.join('.')

/** The API's own topic filter: documents carrying none of these topics. */
export function withoutHiddenTopics(topics: readonly WarningCategory[]): Where | undefined {
  if (!topics.length) return undefined
  return { 'contentWarnings.categories': { not_in: [...topics] } }
}

export function carriesHiddenTopic(
  categories: readonly string[] | null | undefined,
  hidden: readonly string[],
): string[] {
  return (categories ?? []).filter((topic) => hidden.includes(topic))
}
