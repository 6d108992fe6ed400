import type { Response } from 'express'

import { metrics } from '../metrics'

export type LaneBounds = {
  /** Requests this lane lets Payload work on at once. */
  concurrency: number
  /** Requests that may wait for a turn; beyond that, 503 at once. */
  queue: number
  /** Longest wait for a turn before 503. */
  maxWaitMs: number
}

/**
 * Bounded concurrency with a bounded queue, in arrival order. Work beyond what the machine can
 * do is refused quickly with a 503 rather than piling up until every request times out, and
 * what waits here holds no more than a socket: what runs elsewhere (cache hits, health checks,
 * another lane) goes on unaffected.
 */
export class Lane {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    readonly name: string,
    private readonly bounds: LaneBounds,
  ) {}

  /** Resolves with a function that gives the turn back, or undefined when refused. */
  enter(): Promise<(() => void) | undefined> {
    if (this.running < this.bounds.concurrency) {
      this.running += 1
      return Promise.resolve(this.leaver())
    }
    if (this.waiting.length >= this.bounds.queue) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      const turn = () => {
        clearTimeout(timer)
        this.running += 1
        resolve(this.leaver())
      }
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(turn)
        if (index >= 0) this.waiting.splice(index, 1)
        resolve(undefined)
      }, this.bounds.maxWaitMs)
      this.waiting.push(turn)
    })
  }

  /** Runs `work` in this lane once `res` has a turn, or answers 503 with Retry-After. */
  async admit(res: Response, work: () => unknown): Promise<void> {
    const turn: { gone: boolean; leave?: () => void } = { gone: false }
    // However the response ends (sent, failed, the client gone while waiting), the turn is
    // given back once.
    res.once('close', () => {
      turn.gone = true
      turn.leave?.()
    })
    turn.leave = await this.enter()
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

  private leaver(): () => void {
    let left = false
    return () => {
      if (left) return
      left = true
      this.running -= 1
      this.waiting.shift()?.()
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
