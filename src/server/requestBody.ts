import { IncomingMessage } from 'node:http'

// Bodies read before Express (see earlyAnswers.ts): the stream can be read only once.
const bodiesRead = new WeakMap<IncomingMessage, Buffer>()

/** The body readBodyOnce read, if it did. */
export const bodyReadBefore = (req: IncomingMessage): Buffer | undefined => bodiesRead.get(req)

/** As readBody, and every later readBody of this request is given the same body. */
export async function readBodyOnce(req: IncomingMessage): Promise<Buffer> {
  const body = await readBody(req)
  bodiesRead.set(req, body)
  return body
}

/**
 * The body of a request, read in full. Only for bodies whose size bodyLimits has already
 * checked: it refuses bodies without a declared length, and Node's parser stops at that length.
 * (Plain events: node:stream/consumers goes through a Blob, several times slower for the small
 * bodies of GraphQL queries.)
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  const read = bodiesRead.get(req)
  if (read) return Promise.resolve(read)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    req.once('error', reject)
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went away before sending the whole body'))
    })
  })
}

/**
 * A copy of a request whose body can be read again. Next.js reads the body from the request
 * stream itself, so once the server has read it (to check a GraphQL query or key the cache),
 * Next must be handed this copy instead.
 */
export function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket)
  copy.method = req.method
  copy.url = req.url
  copy.headers = req.headers
  copy.rawHeaders = req.rawHeaders
  copy.httpVersion = req.httpVersion
  copy.httpVersionMajor = req.httpVersionMajor
  copy.httpVersionMinor = req.httpVersionMinor
  // Otherwise Node takes the copy for an aborted upload once it is read, and closes the socket.
  copy.complete = true
  copy.push(body)
  copy.push(null)
  return copy
}
