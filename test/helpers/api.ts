/** Small HTTP client for the real server: REST, GraphQL and login, with JWT or cookie auth. */
export type Auth = { token?: string; cookie?: string }

export type JsonResponse<T = Record<string, unknown>> = {
  status: number
  headers: Headers
  body: T
}

type RequestOptions = {
  method?: string
  /** Sent as JSON. */
  body?: unknown
  /** Sent as it is, with the content type given in `headers`. */
  rawBody?: string
  auth?: Auth
  headers?: Record<string, string>
}

export function api(baseUrl: string) {
  const request = async <T = Record<string, unknown>>(
    path: string,
    { method = 'GET', body, rawBody, auth, headers = {} }: RequestOptions = {},
  ): Promise<JsonResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(auth?.token ? { authorization: `JWT ${auth.token}` } : {}),
        ...(auth?.cookie ? { cookie: auth.cookie } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : rawBody,
      redirect: 'manual',
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : {}
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T }
  }

  return {
    request,
    graphql: <T = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown> = {},
      auth?: Auth,
      headers?: Record<string, string>,
    ) =>
      request<{ data?: T; errors?: { message: string; extensions?: { statusCode?: number } }[] }>(
        '/api/graphql',
        { method: 'POST', body: { query, variables }, auth, headers },
      ),
    login: async (email: string, password: string): Promise<Auth & { userId: number | string }> => {
      const response = await request<{ token?: string; user?: { id: number | string } }>(
        '/api/users/login',
        { method: 'POST', body: { email, password } },
      )
      if (response.status !== 200 || !response.body.token || !response.body.user) {
        throw new Error(
          `login for ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
        )
      }
      const cookie = (response.headers.getSetCookie?.() ?? [])
        .map((entry) => entry.split(';')[0])
        .find((entry) => entry.startsWith('payload-token='))
      return { token: response.body.token, cookie, userId: response.body.user.id }
    },
  }
}
