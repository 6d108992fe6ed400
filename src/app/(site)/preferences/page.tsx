import type { Metadata } from 'next'

import { WARNING_CATEGORIES } from '../../../fields/contentWarnings'
import { hiddenTopics } from '../../../site/readerChoices'
import { siteQuery } from '../../../site/siteQueries'

export const metadata: Metadata = { title: 'Choose topics to hide', robots: { index: false } }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The reader's topics to hide, kept in a cookie on their device: no account, no tracking. */
export default async function PreferencesPage({ searchParams }: Props) {
  const hidden = await hiddenTopics()
  const { saved } = siteQuery('/preferences', await searchParams)
  return (
    <>
      <h1>Choose topics to hide</h1>
      {saved ? (
        <p className="notice" role="status">
          Saved.{' '}
          {hidden.length
            ? 'Lists leave out anything on the topics you ticked.'
            : 'Nothing is hidden.'}
        </p>
      ) : null}
      <p>
        Tick any topic you never want to see listed. Statements, updates, trusts and artwork that
        carry a warning for it are left out of lists; if you open one directly, it stays folded
        behind its warning.
      </p>
      <p>
        Your choice is kept in a cookie on this device only. It is not linked to you and we do not
        track it.
      </p>
      <form method="post" action="/preferences/save">
        <fieldset className="field">
          <legend>Topics to hide</legend>
          {WARNING_CATEGORIES.map((topic) => (
            <div className="field check" key={topic.value}>
              <input
                id={`hide-${topic.value}`}
                type="checkbox"
                name="hide"
                value={topic.value}
                defaultChecked={hidden.includes(topic.value)}
              />
              <label htmlFor={`hide-${topic.value}`}>{topic.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">Save my choice</button>
      </form>
    </>
  )
}
