import { readFormParts } from '../utilities/multipart'

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

const refusal = (message: string) => Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * Why a multipart body cannot be read, or null when it can. Payload's own parser reports a
 * malformed body (a control character in a file name, a cut-off part, `_payload` that is not
 * JSON) as a server error; checked here first, the sender is told what is wrong instead.
 */
export async function multipartProblem(body: Buffer, contentType: string): Promise<string | null> {
  const parts = await readFormParts(body, contentType)
  if ('problem' in parts) {
    return `The upload could not be read (${parts.problem.toLowerCase()}). Send it as multipart/form-data with the file in a “file” field.`
  }
  const notJson = (value: string) => {
    try {
      JSON.parse(value)
      return false
    } catch {
      return true
    }
  }
  if (parts.fields.some(([name, value]) => name === '_payload' && notJson(value))) {
    return 'The _payload field of the upload must be JSON, e.g. {"alt": "…"}.'
  }
  return null
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
