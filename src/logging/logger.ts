import { AsyncLocalStorage } from 'node:async_hooks'
import cluster from 'node:cluster'

import pino, { type DestinationStream, type LoggerOptions } from 'pino'

import type { LogLevel } from './logLevels'

/** What every log line written while serving a request carries, whichever code writes it. */
export type RequestContext = { requestId: string }

export const requestContext = new AsyncLocalStorage<RequestContext>()

// Whatever Payload or a library puts in a message (Payload's console email adapter names the
// recipient; a validation error can quote a value), these never reach the log. Scrubbing the
// finished line catches every field and message without knowing their names.
const EMAIL_ADDRESS = /[^\s"'\\<>(),;:@]+@[^\s"'\\<>(),;:@]+\.[^\s"'\\<>(),;:@]+/g
const JSON_WEB_TOKEN = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g
// Reset, confirmation and API tokens are long runs of hex or base64url; ids and request ids
// are shorter or hyphenated in short groups.
const LONG_TOKEN = /(?<![\w-])(?:[a-f0-9]{32,}|[A-Za-z0-9_-]{40,})(?![\w-])/g

export function scrubPersonalData(line: string): string {
  return line
    .replace(EMAIL_ADDRESS, '[email]')
    .replace(JSON_WEB_TOKEN, '[token]')
    .replace(LONG_TOKEN, '[token]')
}

type JsonLogger = { options: LoggerOptions; destination: DestinationStream }

// Opened on the first line written, once per process: Next's copy of the config builds a
// logger too, but only the server's instance of Payload ever writes.
const shared = globalThis as typeof globalThis & {
  stopsimLogOut?: pino.DestinationStream & { flushSync: () => void }
}

function standardOutput() {
  // Buffered: a synchronous write per request would cost the hot path a system call.
  return (shared.stopsimLogOut ??= pino.destination({ fd: 1, sync: false }))
}

/** Writes out what is buffered: before the process exits. */
export function flushLogs(): void {
  shared.stopsimLogOut?.flushSync()
}

/**
 * JSON lines on standard output for Payload's own logger (pino), so that the server, Payload
 * and the jobs write one format a log collector can read, each line with the request's id.
 */
export function jsonLogger(level: LogLevel): JsonLogger {
  return {
    options: {
      level,
      // One of several WEB_CONCURRENCY processes writes this line: its pid tells them apart
      // (and a restarted one from the one it replaced). A single process needs none.
      base: cluster.isWorker ? { pid: process.pid } : undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = requestContext.getStore()
        return context ? { requestId: context.requestId } : {}
      },
      // Belt and braces for fields whose names say what they hold.
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'email', '*.email', 'headers'],
        censor: '[redacted]',
      },
    },
    destination: { write: (line: string) => standardOutput().write(scrubPersonalData(line)) },
  }
}
