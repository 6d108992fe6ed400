import { ArchiveError } from '../archive/manifest'

export function usageError(usage: string): never {
  console.error(usage)
  process.exit(2)
}

type Refusal = Error & {
  status?: number
  data?: { errors?: { path?: string; message?: string }[] }
}

// Payload's refusals (validation, access) carry a 4xx status; anything else is a fault.
const isRefusal = (error: unknown): error is Refusal =>
  error instanceof ArchiveError ||
  // By name: importing the environment module would load Payload into `archive:verify`.
  (error instanceof Error && error.name === 'ConfigurationError') ||
  (error instanceof Error &&
    typeof (error as Refusal).status === 'number' &&
    (error as Refusal).status! < 500)

/**
 * What went wrong, in a sentence for the operator: refusals the code expects are told as they
 * are; anything else is a fault, shown in full for a bug report. Returns the exit code.
 */
export function exitWith(error: unknown, context: string): number {
  if (isRefusal(error)) {
    const fields = error.data?.errors?.map((entry) => `${entry.path}: ${entry.message}`)
    console.error(`${context}: ${error.message}${fields?.length ? ` (${fields.join('; ')})` : ''}`)
  } else {
    console.error(`${context}:`, error)
  }
  return 1
}
