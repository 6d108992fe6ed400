import { NextResponse } from 'next/server'

import {
  HIDDEN_TOPICS_COOKIE,
  HIDDEN_TOPICS_MAX_AGE,
  parseHiddenTopics,
  serialiseHiddenTopics,
} from '../../../../site/hiddenTopics'

/** Saves the topics to hide (a plain form post, no script) and goes back to the choices. */
export async function POST(request: Request) {
  let topics: string[]
  try {
    const form = await request.formData()
    topics = parseHiddenTopics(form.getAll('hide').map(String).join('.'))
  } catch {
    return new NextResponse('Send the form as it is on the page.', { status: 400 })
  }
  // Relative, so it works behind any proxy or host name.
  const response = new NextResponse(null, {
    status: 303,
    headers: { location: '/preferences?saved=1', 'cache-control': 'no-store' },
  })
  if (topics.length) {
    response.cookies.set(HIDDEN_TOPICS_COOKIE, serialiseHiddenTopics(topics), {
      path: '/',
      maxAge: HIDDEN_TOPICS_MAX_AGE,
      sameSite: 'lax',
      httpOnly: true,
    })
  } else {
    response.cookies.delete(HIDDEN_TOPICS_COOKIE)
  }
  return response
}
