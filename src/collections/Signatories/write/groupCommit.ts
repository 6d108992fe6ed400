/**
 * Group commit: work that arrives together is handed over as one batch, so one transaction and
 * one fsync serve many requests. A batch goes when it is full or when its first item has waited
 * `maxWaitMs`; one batch is written at a time, and whatever arrives meanwhile forms the next.
 * Each caller's promise settles with its own item's result, only once its batch has run.
 *
 * Plain TypeScript with no Payload in it: the signing ceiling in bench/ batches with this same
 * class, so the comparison is with the same batching.
 */
export type BatchWriter<Item, Result> = (items: Item[]) => Promise<Result[]>

type Waiting<Item, Result> = {
  item: Item
  since: number
  resolve: (result: Result) => void
  reject: (error: unknown) => void
}

export type GroupCommitOptions = { maxBatch: number; maxWaitMs: number }

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxBatch: 128, maxWaitMs: 4 }

export class GroupCommit<Item, Result> {
  private queue: Waiting<Item, Result>[] = []
  private writing = false
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly write: BatchWriter<Item, Result>,
    private readonly options: GroupCommitOptions = GROUP_COMMIT_DEFAULTS,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, since: Date.now(), resolve, reject })
      this.schedule()
    })
  }

  /** Items waiting or being written; for tests and metrics. */
  get pending(): number {
    return this.queue.length
  }

  private schedule(): void {
    if (this.writing || !this.queue.length) return
    if (this.queue.length >= this.options.maxBatch) {
      this.flush()
      return
    }
    if (this.timer) return
    const waited = Date.now() - this.queue[0].since
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.options.maxWaitMs - waited))
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    if (this.writing || !this.queue.length) return
    this.writing = true
    const batch = this.queue.splice(0, this.options.maxBatch)
    void this.write(batch.map(({ item }) => item))
      .then(
        (results) => {
          if (results.length !== batch.length) {
            throw new Error(`a batch of ${batch.length} gave ${results.length} results`)
          }
          batch.forEach((waiting, index) => waiting.resolve(results[index]))
        },
        (error: unknown) => {
          for (const waiting of batch) waiting.reject(error)
        },
      )
      .catch((error: unknown) => {
        for (const waiting of batch) waiting.reject(error)
      })
      .finally(() => {
        this.writing = false
        this.schedule()
      })
  }
}
