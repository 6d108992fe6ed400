const MAX_BASE_LENGTH = 60

/**
 * A file name that is safe on every file system and in every URL: lower-case ASCII letters,
 * digits and hyphens, with the extension of the type the bytes really are. Path separators,
 * dots, control and invisible characters cannot survive, so `../../x` or a name with a
 * right-to-left override becomes plain words. Payload adds -1, -2… when the name is taken.
 */
export function safeFilename(wanted: string | undefined, extension: string, fallback: string) {
  const withoutExtension = (wanted ?? '').replace(/\.[^.]*$/, '')
  const base = withoutExtension
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/-+$/, '')
  return `${base || fallback}.${extension}`
}
