import { formatBytes } from '../utilities/formatBytes'

export type Progress = {
  /** A new stage: how many items (and bytes, when known) it will go through. */
  stage: (label: string, totalItems: number, totalBytes?: number) => void
  advance: (items: number, bytes?: number) => void
  /** A line of its own, e.g. a summary. */
  note: (line: string) => void
}

const percent = (done: number, total: number) =>
  total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : ''

/**
 * Progress for long runs, one line at a time (no carriage returns, so it reads the same in a
 * terminal, a log file or a CI job): at most one line a second per stage, and one when it ends.
 */
export function progressTo(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  intervalMs = 1000,
): Progress {
  let label = ''
  let totalItems = 0
  let totalBytes: number | undefined
  let items = 0
  let bytes = 0
  let lastWritten = 0
  const line = () => {
    const count = `${items}/${totalItems}`
    const size =
      totalBytes === undefined
        ? ''
        : `, ${formatBytes(bytes)} of ${formatBytes(totalBytes)}${percent(bytes, totalBytes)}`
    return `${label}: ${count}${size}`
  }
  return {
    stage: (nextLabel, nextTotalItems, nextTotalBytes) => {
      label = nextLabel
      totalItems = nextTotalItems
      totalBytes = nextTotalBytes
      items = 0
      bytes = 0
      lastWritten = Date.now()
      if (totalItems === 0) write(line())
    },
    advance: (moreItems, moreBytes = 0) => {
      if (moreItems === 0 && moreBytes === 0) return
      items += moreItems
      bytes += moreBytes
      const now = Date.now()
      if (items >= totalItems || now - lastWritten >= intervalMs) {
        lastWritten = now
        write(line())
      }
    },
    note: write,
  }
}

/** For callers that want no output, such as tests that only check the result. */
export const silentProgress: Progress = { stage: () => {}, advance: () => {}, note: () => {} }
