import type { Plugin, TaskConfig, TaskHandler } from 'payload'

import { metrics } from '../metrics'

type InputOutput = { input: object; output: object }

function countedTask<IO extends InputOutput>(task: TaskConfig<IO>): TaskConfig<IO> {
  const handler = task.handler
  // A task given as a file path runs in another process; there is nothing here to count.
  if (typeof handler !== 'function') return task
  const counted: TaskHandler<IO> = async (args) => {
    try {
      const result = await handler(args)
      metrics.jobs.inc({
        task: task.slug,
        result: result.state === 'failed' ? 'failed' : 'succeeded',
      })
      return result
    } catch (error) {
      metrics.jobs.inc({ task: task.slug, result: 'failed' })
      throw error
    }
  }
  return { ...task, handler: counted }
}

/** Every task's runs, whoever added the task, are counted in the metrics by slug and result. */
export const countJobRuns: Plugin = (config) =>
  config.jobs?.tasks
    ? { ...config, jobs: { ...config.jobs, tasks: config.jobs.tasks.map(countedTask) } }
    : config
