import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { LINK_REFUSED } from '../src/fields/safeLinks'
import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'

const bodyLinkingTo = (url: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: 'ltr' as const,
        format: '' as const,
        indent: 0,
        textFormat: 0,
        children: [
          {
            type: 'link',
            version: 3,
            direction: 'ltr' as const,
            format: '' as const,
            indent: 0,
            fields: { linkType: 'custom', url, newTab: false },
            children: [
              {
                type: 'text',
                version: 1,
                text: 'a link',
                format: 0,
                detail: 0,
                mode: 'normal',
                style: '',
              },
            ],
          },
        ],
      },
    ],
  },
})

// Front ends draw the API's rich text as it comes: an address that runs code must never be stored.
describe.each(testDialects())('links in rich text on $dialect', ({ dialect, skip }) => {
  let local: LocalPayload

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
  })
  afterAll(async () => {
    await local?.stop()
  })

  it.skipIf(skip)('refuses addresses that run code, however they are spelt', async () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      await expect(
        local.payload.create({
          collection: 'statements',
          draft: true,
          data: { title: 'A statement with a bad link', body: bodyLinkingTo(url) },
        }),
        JSON.stringify(url),
      ).rejects.toMatchObject({ status: 400, message: LINK_REFUSED })
    }
  })

  it.skipIf(skip)('keeps web, mail, phone, relative and anchor links', async () => {
    for (const url of [
      'https://example.org/a?b=c',
      'http://example.org',
      'mailto:team@example.org',
      'tel:+441234567890',
      '/statements/an-example',
      '#section',
    ]) {
      const created = await local.payload.create({
        collection: 'statements',
        draft: true,
        data: { title: `A statement linking to ${url}`, body: bodyLinkingTo(url) },
      })
      expect(JSON.stringify(created.body)).toContain(JSON.stringify(url).slice(1, -1))
    }
  })

  it('says why in the editor’s words', () => {
    expect(LINK_REFUSED).toMatch(/https:\/\//)
  })
})
