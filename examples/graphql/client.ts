import type { TypedDocumentString } from './generated/graphql'

/** A GraphQL request typed by its document: what comes back has the shape the query asks for. */
export async function request<Result, Variables>(
  apiUrl: string,
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  const response = await fetch(`${apiUrl}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  })
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] }
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(
      `GraphQL ${response.status}: ${body.errors?.map(({ message }) => message).join('; ')}`,
    )
  }
  return body.data
}
