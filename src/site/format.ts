import { WARNING_CATEGORIES, WARNING_LEVELS } from '../fields/contentWarnings'

/** "2 December 2026", in British English whatever the server's locale. */
export function longDate(value: string | null | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
}

/** The machine-readable form for <time dateTime>. */
export const isoDate = (value: string | null | undefined) =>
  value ? new Date(value).toISOString().slice(0, 10) : undefined

export function labelOf(
  options: readonly { value: string; label: string }[],
  value: string | null | undefined,
): string {
  return options.find((option) => option.value === value)?.label ?? ''
}

export const topicLabel = (value: string) => labelOf(WARNING_CATEGORIES, value) || value
export const levelLabel = (value: string | null | undefined) => labelOf(WARNING_LEVELS, value)

/** "Police, restraint and detention or sectioning". */
export function topicList(categories: readonly string[] | null | undefined): string {
  const names = (categories ?? []).map((value, index) => {
    const label = topicLabel(value)
    return index === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1)
  })
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
