/** Plain validators shared by fields; each returns true or a message for the editor. */

export const validateHttpUrl = (value: unknown): true | string => {
  if (value === undefined || value === null || value === '') return true
  try {
    const url = new URL(String(value))
    if (url.protocol === 'http:' || url.protocol === 'https:') return true
  } catch {
    // fall through to the message
  }
  return 'Enter a full web address starting with https:// (or http://).'
}

// A day's grace, so a date entered late in the evening in another time zone is accepted.
export const validateNotInFuture = (value: unknown): true | string => {
  if (!value) return true
  const time = new Date(String(value)).getTime()
  if (Number.isNaN(time)) return 'Enter a valid date.'
  return time <= Date.now() + 24 * 60 * 60 * 1000 || 'This date is in the future.'
}
