import type { ReactNode } from 'react'

import { levelLabel, topicList } from '../format'

export type Warnings =
  | {
      categories?: readonly string[] | null
      level?: string | null
      note?: string | null
    }
  | null
  | undefined

export const hasWarnings = (warnings: Warnings) => Boolean(warnings?.categories?.length)

/** The words of a warning: "Police and restraint, discussed. <note>". */
export function warningText(warnings: Warnings): string {
  const topics = topicList(warnings?.categories)
  const level = levelLabel(warnings?.level)
  return `${topics}${level ? ` (${level.toLowerCase()})` : ''}.`
}

/**
 * A document's content behind its warning: the topics, level and note come first, and the
 * content stays folded in a <details> until the reader opens it, which needs no script.
 */
export function WarnedContent({
  warnings,
  hidden = [],
  what,
  children,
}: {
  warnings: Warnings
  /** Topics the reader chose to hide that this document carries. */
  hidden?: readonly string[]
  what: string
  children: ReactNode
}) {
  if (!hasWarnings(warnings)) return <>{children}</>
  return (
    <>
      <section className="cw-notice" aria-labelledby="cw-heading">
        <h2 id="cw-heading">Content warning</h2>
        <p>
          This {what} covers: <strong>{warningText(warnings)}</strong>
        </p>
        {warnings?.note ? <p>{warnings.note}</p> : null}
        {hidden.length ? (
          <p>
            You chose to hide {topicList(hidden).toLowerCase()}. It is left out of lists, and stays
            folded here.
          </p>
        ) : null}
      </section>
      <details className="cw cw-doc">
        <summary>
          <span className="cw-action">Show the {what}</span>
        </summary>
        <div className="cw-body">{children}</div>
      </details>
    </>
  )
}

/** The mark on a warned item in a list. */
export function WarningMark({ warnings }: { warnings: Warnings }) {
  if (!hasWarnings(warnings)) return null
  return <p className="cw-mark">Content warning: {warningText(warnings)}</p>
}
