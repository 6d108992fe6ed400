import type { Response } from 'express'

import { metrics } from '../metrics'

export type LaneBounds = {
  /** Requests this lane lets Payload work on at once. */
  concurrency: number
  /** Requests that may wait for a turn; beyond that, 503 at once. */
  queue: number
  /** Longest wait for a turn before 503. */
  maxWaitMs: number
  /**
   * Turns one holder (an account) may have at once; its further requests wait while others
   * pass them by. Without it, one account's slow requests (uploads sent a byte at a time) could
   * hold every turn.
   */
  perHolder?: number
}

type Waiting = { holder: string | undefined; turn: () => void }

/**
 * Bounded concurrency with a bounded queue, in arrival order. Work beyond what the machine can
 * do is refused quickly with a 503 rather than piling up until every request times out, and
 * what waits here holds no more than a socket: what runs elsewhere (cache hits, health checks,
 * another lane) goes on unaffected.
 */
export class Lane {
  private running = 0
  private readonly held = new Map<string, number>()
  private readonly waiting: Waiting[] = []

  constructor(
    readonly name: string,
    private readonly bounds: LaneBounds,
  ) {}

  /** Resolves with a function that gives the turn back, or undefined when refused. */
  enter(holder?: string): Promise<(() => void) | undefined> {
    if (this.mayRun(holder)) return Promise.resolve(this.take(holder))
    if (this.waiting.length >= this.bounds.queue) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      const waiting: Waiting = {
        holder,
        turn: () => {
          clearTimeout(timer)
          resolve(this.take(holder))
        },
      }
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiting)
        if (index >= 0) this.waiting.splice(index, 1)
        resolve(undefined)
      }, this.bounds.maxWaitMs)
      this.waiting.push(waiting)
    })
  }

  /**
   * Runs `work` in this lane once `res` has a turn, or answers 503 with Retry-After. `holder`:
   * whose request it is, for the share of each (see LaneBounds.perHolder).
   */
  async admit(res: Response, work: () => unknown, holder?: string): Promise<void> {
    const turn: { gone: boolean; leave?: () => void } = { gone: false }
    // However the response ends (sent, failed, the client gone while waiting), the turn is
    // given back once.
    res.once('close', () => {
      turn.gone = true
      turn.leave?.()
    })
    turn.leave = await this.enter(holder)
    if (!turn.leave) {
      refuseBusy(res)
      return
    }
    if (turn.gone) {
      turn.leave()
      return
    }
    work()
  }

  /** Whether a request of `holder` (whose it is, if anyone's) may have a turn now. */
  private mayRun(holder: string | undefined): boolean {
    if (this.running >= this.bounds.concurrency) return false
    const { perHolder } = this.bounds
    return holder === undefined || !perHolder || (this.held.get(holder) ?? 0) < perHolder
  }

  private take(holder: string | undefined): () => void {
    this.running += 1
    if (holder !== undefined) this.held.set(holder, (this.held.get(holder) ?? 0) + 1)
    let left = false
    return () => {
      if (left) return
      left = true
      this.running -= 1
      if (holder !== undefined) {
        const count = (this.held.get(holder) ?? 1) - 1
        if (count > 0) this.held.set(holder, count)
        else this.held.delete(holder)
      }
      // The first waiting in arrival order whose holder has a turn to spare.
      const next = this.waiting.findIndex((waiting) => this.mayRun(waiting.holder))
      if (next >= 0) this.waiting.splice(next, 1)[0].turn()
    }
  }
}

// Long enough for a spike to pass, short enough that a reader is not put off for good.
const RETRY_AFTER_SECONDS = 5

export function refuseBusy(res: Response): void {
  if (res.headersSent) return
  metrics.requestsShed.inc({ reason: 'busy' })
  res
    .status(503)
    .set({ 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' })
    .json({
      errors: [
        {
          message: `The site is busy right now. Please try again in ${RETRY_AFTER_SECONDS} seconds.`,
        },
      ],
    })
}
