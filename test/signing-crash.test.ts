import crypto from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { api } from './helpers/api'
import { createTestDatabase, testDialects } from './helpers/databases'
import { type RunningServer, startServerOn } from './helpers/server'

const SIGNATURES = 300
const CONNECTIONS = 32
// Killed once this many have been answered: the burst is in full flow, batches in the air.
const KILL_AFTER = 80

describe.each(testDialects())('a crash in the middle of a signing burst on $dialect', (dialect) => {
  it.skipIf(dialect.skip)(
    'keeps every signature answered 202, exactly once, after SIGKILL and a restart',
    async () => {
      const database = await createTestDatabase(dialect.dialect)
      const env = {
        PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
        SIGN_RATE_LIMIT_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      }
      let crashed: RunningServer | undefined
      let restarted: RunningServer | undefined
      try {
        crashed = await startServerOn(database, env, { keepDatabase: true })
        const client = api(crashed.url)
        const admin = { email: 'crash@team.example', password: 'a-long-enough-test-password' }
        expect(
          (
            await client.request('/api/users/first-register', {
              method: 'POST',
              body: { ...admin, name: 'Crash' },
            })
          ).status,
        ).toBe(200)
        const auth = await client.login(admin.email, admin.password)
        const letter = await client.request<{ doc: { id: number; slug: string } }>(
          '/api/statements',
          {
            method: 'POST',
            auth,
            body: {
              title: 'Letter signed through a crash',
              kind: 'open_letter',
              signing: { open: true },
              _status: 'published',
              contentWarnings: { reviewed: true },
            },
          },
        )
        expect(letter.status).toBe(201)

        const accepted: string[] = []
        const refused: number[] = []
        let next = 0
        let killing: Promise<unknown> | undefined
        const server = crashed
        const worker = async () => {
          while (next < SIGNATURES) {
            const email = `crash-${next++}@example.org`
            try {
              const response = await fetch(`${server.url}/api/signatories/sign`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                  letter: letter.body.doc.slug,
                  name: `Crash Signer ${email}`,
                  email,
                  consent: true,
                }),
              })
              await response.text()
              if (response.status === 202) accepted.push(email)
              else refused.push(response.status)
            } catch {
              // The server died with this request in the air: it was never answered 202.
              return
            }
            if (accepted.length >= KILL_AFTER && !killing) killing = server.signal('SIGKILL')
          }
        }
        await Promise.all(Array.from({ length: CONNECTIONS }, worker))
        expect(await killing).toBeNull()
        expect(refused).toEqual([])
        expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER)
        expect(accepted.length).toBeLessThan(SIGNATURES)

        restarted = await startServerOn(database, env)
        const after = api(restarted.url)
        const again = await after.login(admin.email, admin.password)
        const list = await after.request<{ docs: { email: string }[] }>(
          `/api/signatories?pagination=false&depth=0&select[email]=true&where[letter][equals]=${letter.body.doc.id}`,
          { auth: again },
        )
        expect(list.status).toBe(200)
        const stored = list.body.docs.map((doc) => doc.email)
        const counts = new Map<string, number>()
        for (const email of stored) counts.set(email, (counts.get(email) ?? 0) + 1)
        expect(accepted.filter((email) => counts.get(email) !== 1)).toEqual([])
        expect([...counts.values()].every((count) => count === 1)).toBe(true)
        // The restarted server takes signatures again.
        const late = await after.request('/api/signatories/sign', {
          method: 'POST',
          body: {
            letter: letter.body.doc.slug,
            name: 'After The Crash',
            email: 'after@example.org',
            consent: true,
          },
        })
        expect(late.status).toBe(202)
      } finally {
        if (crashed) await crashed.signal('SIGKILL').then(() => crashed?.stop())
        if (restarted) await restarted.stop()
        else await database.drop()
      }
    },
    240_000,
  )
})
