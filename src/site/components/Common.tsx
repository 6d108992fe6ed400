import type { ReactNode } from 'react'

import { isoDate, longDate, topicList } from '../format'
import { richTextToHtml } from '../richText'
import { type Warnings, WarningMark } from './Warnings'

export function DateText({ value }: { value: string | null | undefined }) {
  if (!value) return null
  return <time dateTime={isoDate(value)}>{longDate(value)}</time>
}

export function RichText({ value }: { value: unknown }) {
  const markup = richTextToHtml(value)
  if (!markup) return null
  return <div className="prose" dangerouslySetInnerHTML={{ __html: markup }} />
}

/** One entry in a list of documents: title, what and when, summary, and its warning mark. */
export function Card({
  href,
  title,
  meta,
  summary,
  warnings,
  heading = 'h2',
}: {
  href: string
  title: string
  meta?: ReactNode
  summary?: string | null
  warnings: Warnings
  heading?: 'h2' | 'h3'
}) {
  const Heading = heading
  return (
    <li>
      <Heading>
        <a href={href}>{title}</a>
      </Heading>
      {meta ? <p className="meta">{meta}</p> : null}
      <WarningMark warnings={warnings} />
      {summary ? <p>{summary}</p> : null}
    </li>
  )
}

export function HiddenNote({ topics }: { topics: readonly string[] }) {
  if (!topics.length) return null
  return (
    <p className="notice">
      Anything about {topicList(topics).toLowerCase()} is left out, as you chose.{' '}
      <a href="/preferences">Change what is hidden</a>.
    </p>
  )
}
