import busboy from 'busboy'

export type FormParts = { fields: [name: string, value: string][]; files: string[] }

/**
 * The fields of a multipart/form-data body and the names of its files, or why it cannot be
 * read (no boundary, a cut-off part, a control character in a name): the parsers behind
 * Payload and Next.js report those as server errors.
 */
export function readFormParts(
  body: Buffer,
  contentType: string,
): Promise<FormParts | { problem: string }> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: { 'content-type': contentType } })
    } catch (error) {
      resolve({ problem: (error as Error).message })
      return
    }
    const parts: FormParts = { fields: [], files: [] }
    parser.on('file', (name, stream) => {
      parts.files.push(name)
      stream.resume()
    })
    parser.on('field', (name, value) => parts.fields.push([name, value]))
    parser.on('error', (error: Error) => resolve({ problem: error.message }))
    parser.on('close', () => resolve(parts))
    parser.end(body)
  })
}
