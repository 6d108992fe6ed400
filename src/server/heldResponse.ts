import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http'

export type Reply = (status: number, headers: OutgoingHttpHeaders, body?: Buffer) => void

type Headers = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined

/**
 * Buffers what Next.js writes to `res` (through whatever it wraps around `res` itself, such as
 * its compression) and hands it to `done` at the end, with a function that sends the real
 * response. Bodies over `maxBytes` are not held: they stream out as usual.
 */
export function holdResponse(
  res: ServerResponse,
  maxBytes: number,
  done: (body: Buffer, reply: Reply) => void,
): void {
  const original = {
    write: res.write,
    end: res.end,
    writeHead: res.writeHead,
    flushHeaders: res.flushHeaders,
  }
  const passOn = (method: keyof typeof original, args: unknown[]) =>
    Reflect.apply(original[method], res, args)
  const chunks: Buffer[] = []
  let size = 0
  let holding = true

  res.flushHeaders = function flushHeaders() {
    if (!holding) passOn('flushHeaders', [])
  }
  // Node calls this before the first write; while holding, only remember what it says.
  res.writeHead = function writeHead(...args: unknown[]) {
    if (!holding) return passOn('writeHead', args)
    const [statusCode, reason, headers] = args
    res.statusCode = statusCode as number
    if (typeof reason === 'string') res.statusMessage = reason
    setHeaders(res, (typeof reason === 'string' ? headers : reason) as Headers)
    return res
  } as ServerResponse['writeHead']
  res.write = function write(...args: unknown[]) {
    if (!holding) return passOn('write', args)
    const [chunk, encoding, callback] = args
    chunks.push(toBuffer(chunk, encoding))
    size += chunks[chunks.length - 1].length
    if (size > maxBytes) {
      holding = false
      passOn('writeHead', [res.statusCode])
      for (const held of chunks.splice(0)) passOn('write', [held])
    }
    const written = typeof encoding === 'function' ? encoding : callback
    if (typeof written === 'function') process.nextTick(written as () => void)
    return true
  } as ServerResponse['write']
  res.end = function end(...args: unknown[]) {
    if (!holding) return passOn('end', args)
    holding = false
    const [chunk, encoding] = args
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      chunks.push(toBuffer(chunk, encoding))
    }
    const finished = args.find((arg) => typeof arg === 'function')
    if (finished) res.once('finish', finished as () => void)
    done(Buffer.concat(chunks), (status, headers, body) => {
      setHeaders(res, headers)
      if (status === 304) res.removeHeader('content-type')
      passOn('writeHead', [status])
      passOn('end', body ? [body] : [])
    })
    return res
  } as ServerResponse['end']
}

/** Sends a response on `res` itself, for answers that were never written to it. */
export const replyTo =
  (res: ServerResponse): Reply =>
  (status, headers, body) => {
    setHeaders(res, headers)
    if (status === 304) res.removeHeader('content-type')
    res.writeHead(status)
    res.end(body)
  }

function setHeaders(res: ServerResponse, headers: Headers): void {
  if (!headers) return
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) res.setHeader(name, value)
    }
    return
  }
  // A flat list: name, value, name, value…
  for (let index = 0; index + 1 < headers.length; index += 2) {
    res.setHeader(String(headers[index]), headers[index + 1] as string)
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
  }
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
  throw new TypeError('unexpected response chunk')
}
