/** Marks a value to be written as a GraphQL enum (unquoted), e.g. `_status: published`. */
export class GraphQLEnum {
  constructor(readonly value: string) {}
}

export const gqlEnum = (value: string) => new GraphQLEnum(value)

/** Writes a JS value as a GraphQL input literal, so tests need not know input type names. */
export function toGraphQLLiteral(value: unknown): string {
  if (value instanceof GraphQLEnum) return value.value
  if (Array.isArray(value)) return `[${value.map(toGraphQLLiteral).join(', ')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, inner]) => `${key}: ${toGraphQLLiteral(inner)}`,
    )
    return `{ ${entries.join(', ')} }`
  }
  return JSON.stringify(value)
}
