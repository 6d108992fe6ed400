import { cookies } from 'next/headers'

import { HIDDEN_TOPICS_COOKIE, parseHiddenTopics } from './hiddenTopics'

/** The topics this reader asked never to see listed (from their cookie). */
export async function hiddenTopics() {
  return parseHiddenTopics((await cookies()).get(HIDDEN_TOPICS_COOKIE)?.value)
}
