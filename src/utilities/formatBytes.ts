/** A size in the units a person reads: KB, MB, or GB from a gigabyte up. */
export function formatBytes(bytes: number): string {
  const gigabyte = 1024 * 1024 * 1024
  if (bytes >= gigabyte) return `${Math.round((bytes / gigabyte) * 10) / 10} GB`
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`
}
