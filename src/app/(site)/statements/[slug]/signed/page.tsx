import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { findBySlug } from '../../../../../site/queries'

export const metadata: Metadata = { title: 'Thank you for signing', robots: { index: false } }

type Props = { params: Promise<{ slug: string }> }

/** Where the signing form leads without script, once the signature is taken. */
export default async function SignedPage({ params }: Props) {
  const { slug } = await params
  const letter = await findBySlug('statements', slug, 0)
  if (!letter || letter.kind !== 'open_letter') notFound()
  return (
    <div className="notice" id="signed">
      <h1>Thank you for signing</h1>
      <p>
        Your signature to “{letter.title}” has been received and will appear once our team has
        checked it.
      </p>
      <p>
        <a href={`/statements/${slug}`}>Back to the letter</a>
      </p>
    </div>
  )
}
