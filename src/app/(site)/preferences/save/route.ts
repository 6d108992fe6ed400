import { NextResponse } from 'next/server'

import { postedFromThisOrigin } from '../../../../access/cookiesFromThisOriginOnly'
import {
  HIDDEN_TOPICS_COOKIE,
  HIDDEN_TOPICS_MAX_AGE,
  parseHiddenTopics,
  serialiseHiddenTopics,
} from '../../../../site/hiddenTopics'
import { sitePayload } from '../../../../site/payload'

/**
 * Saves the topics to hide (a plain form post, no script) and goes back to the choices. Only
 * this site's own form may: the cookie keeps self-harm and other topics out of a reader's
 * way, and any page a reader visits could otherwise post an empty form here and clear it.
 */
export async function POST(request: Request) {
  const payload = await sitePayload()
  if (!postedFromThisOrigin(request.headers, payload.config.serverURL)) {
    return new NextResponse(
      'Your choices can only be changed from the preferences page on this site: go to /preferences and save them there.',
      {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      },
    )
  }
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
