import busboy from 'busboy'

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

const refusal = (message: string) => Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * Why a multipart body cannot be read, or null when it can. Payload's own parser reports a
 * malformed body (a control character in a file name, a cut-off part, `_payload` that is not
 * JSON) as a server error; checked here first, the sender is told what is wrong instead.
 */
export function multipartProblem(body: Buffer, contentType: string): Promise<string | null> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: { 'content-type': contentType } })
    } catch (error) {
      resolve(`The upload could not be read: ${(error as Error).message}.`)
      return
    }
    let problem: string | null = null
    parser.on('file', (_name, stream) => stream.resume())
    parser.on('field', (name, value) => {
      if (name !== '_payload' || problem) return
      try {
        JSON.parse(value)
      } catch {
        problem = 'The _payload field of the upload must be JSON, e.g. {"alt": "…"}.'
      }
    })
    parser.on('error', (error: Error) =>
      resolve(
        `The upload could not be read (${error.message.toLowerCase()}). Send it as multipart/form-data with the file in a “file” field.`,
      ),
    )
    parser.on('close', () => resolve(problem))
    parser.end(body)
  })
}

/** Wraps a REST route so malformed multipart bodies get a 400 before Payload parses them. */
export function withWellFormedMultipart<Context>(
  handler: RouteHandler<Context>,
): RouteHandler<Context> {
  return async (request, context) => {
    const contentType = request.headers.get('content-type') ?? ''
    if (!contentType.toLowerCase().startsWith('multipart/') || !request.body) {
      return handler(request, context)
    }
    // Payload holds the whole upload in memory anyway; the size was checked before this.
    const body = Buffer.from(await request.arrayBuffer())
    const problem = await multipartProblem(body, contentType)
    if (problem) return refusal(problem)
    return handler(new Request(request, { body }), context)
  }
}
