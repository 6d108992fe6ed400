import { configToSchema } from '@payloadcms/graphql'
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  type OperationTypeNode,
  getOperationAST,
  parse,
  type SelectionSetNode,
  Source,
  TokenKind,
  type ValueNode,
  visit,
} from 'graphql'
import { formatNames, type SanitizedConfig } from 'payload'

import { WHERE_LIMITS } from '../requestChecks/whereProblem'
import { MAX_PAGE_SIZE, type Reader } from './restLimits'

/**
 * Limits on the shape of a GraphQL document, checked on the raw text before Payload parses,
 * validates or runs it. Validation itself is the expensive part of a flood (comparing every
 * pair of fields that share a name is quadratic), and each aliased copy of a list query is
 * another database query, so floods are refused here, in time proportional to the text.
 */
export const GRAPHQL_LIMITS = {
  /** Tokens in the document: far above any real front-end query, and bounds parsing. */
  tokens: 2000,
  /** Aliased fields: each alias of a list is another database query. */
  aliases: 15,
  /** Fields in total, fragments counted each time they are used. */
  fields: 500,
  /** The same field (or alias) selected again within one selection. */
  repeats: 10,
  /** Nested selections, not counting introspection (whose type references nest deeply). */
  depth: 12,
  directives: 20,
  /**
   * The estimated cost of a query (see graphqlCostProblem): each field resolved counts once for
   * every document it is resolved on. A page of 100 documents showing their related documents
   * costs a few thousand; walking joins inside joins costs millions.
   */
  cost: 20_000,
} as const

type Shape = { fields: number; aliases: number; directives: number; depth: number }

const NOTHING: Shape = { fields: 0, aliases: 0, directives: 0, depth: 0 }
const INTROSPECTION = new Set(['__schema', '__type'])

export type GraphqlRequest = {
  query: string
  variables?: Record<string, unknown> | null
  operationName?: string | null
}

/** A document to refuse (`problem`), or one to pass on (`document` unset if it does not parse). */
export type InspectedGraphql =
  | { problem: string }
  | { document: DocumentNode | undefined; operation: OperationTypeNode | undefined }

const TOO_LONG = `The query is too long: at most ${GRAPHQL_LIMITS.tokens} tokens. Split it into several requests.`

/** Variables nested deeper than this are refused: no input type of this schema comes close. */
const MAX_VARIABLE_NESTING = 20

/**
 * What is wrong with the variables, if anything: GraphQL coerces every value of a list before
 * Payload sees it, so a list of tens of thousands of filter values costs seconds before the
 * filter checks (src/requestChecks) can refuse it. The same list limit applies here, at once.
 */
function variablesProblem(variables: GraphqlRequest['variables']): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }]
  while (pending.length) {
    const { value, depth } = pending.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_VARIABLE_NESTING) {
      return `The variables nest more than ${MAX_VARIABLE_NESTING} levels deep.`
    }
    const children = Array.isArray(value) ? value : Object.values(value)
    if (Array.isArray(value) && value.length > WHERE_LIMITS.listValues) {
      return `A list in the variables has ${value.length} values; at most ${WHERE_LIMITS.listValues} are allowed. Split it into several requests.`
    }
    for (const child of children) pending.push({ value: child, depth: depth + 1 })
  }
  return undefined
}

/** Parses the query within the token limit and measures it; `problem` says what to refuse. */
export function inspectGraphql({
  query,
  operationName,
  variables,
}: GraphqlRequest): InspectedGraphql {
  const variableProblem = variablesProblem(variables)
  if (variableProblem) return { problem: variableProblem }
  const early = scanProblem(query)
  if (early) return { problem: early }
  let document: DocumentNode
  try {
    document = parse(query, { maxTokens: GRAPHQL_LIMITS.tokens, noLocation: true })
  } catch (error) {
    if (
      error instanceof GraphQLError &&
      error.message.includes(`${GRAPHQL_LIMITS.tokens} tokens`)
    ) {
      return { problem: TOO_LONG }
    }
    // Any other syntax error is Payload's to report, in its usual shape.
    return { document: undefined, operation: undefined }
  }
  const measured = new DocumentShape(document)
  const problem = measured.problem()
  if (problem) return { problem }
  return { document, operation: getOperationAST(document, operationName)?.operation }
}

/**
 * A first pass over the tokens alone, which stops as soon as the query has too many of them or
 * too many aliases, so that a flood is refused having read only its beginning. Outside
 * parentheses (arguments, variable definitions) a colon can only follow an alias. Syntax errors
 * are left for the parser to report.
 */
function scanProblem(query: string): string | undefined {
  const lexer = new Lexer(new Source(query))
  let tokens = 0
  let parentheses = 0
  let aliases = 0
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1
      if (tokens > GRAPHQL_LIMITS.tokens) return TOO_LONG
      if (token.kind === TokenKind.PAREN_L) parentheses += 1
      else if (token.kind === TokenKind.PAREN_R) parentheses -= 1
      else if (token.kind === TokenKind.COLON && parentheses === 0) {
        aliases += 1
        if (aliases > GRAPHQL_LIMITS.aliases) {
          return `The query uses more than ${GRAPHQL_LIMITS.aliases} aliases. Split it into several requests.`
        }
      }
    }
  } catch {
    return undefined
  }
  return undefined
}

/**
 * What is wrong with the page sizes a document asks for, if anything: every `limit` argument
 * (lists and joins) at most 100, and for anonymous readers at least 1, with no
 * `pagination: false`. Variables are read from the request, falling back to their defaults.
 */
export function graphqlPageSizeProblem(
  document: DocumentNode,
  variables: GraphqlRequest['variables'],
  reader: Reader,
): string | undefined {
  const defaults = new Map<string, ValueNode>()
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, variable.defaultValue)
    }
  }
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value
      if (variables && name in variables) return variables[name]
      const fallback = defaults.get(name)
      return fallback ? valueOf(fallback) : undefined
    }
    if (node.kind === Kind.INT) return Number(node.value)
    if (node.kind === Kind.BOOLEAN) return node.value
    return undefined
  }

  let problem: string | undefined
  visit(document, {
    Argument(node: ArgumentNode) {
      if (problem) return
      const value = valueOf(node.value)
      if (node.name.value === 'limit' && typeof value === 'number') {
        if (value > MAX_PAGE_SIZE || (reader === 'anonymous' && value < 1)) {
          problem =
            reader === 'anonymous'
              ? `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}: ask for the next page instead.`
              : `limit can be at most ${MAX_PAGE_SIZE}: ask for the next page instead.`
        }
      }
      if (node.name.value === 'pagination' && value === false && reader === 'anonymous') {
        problem = `pagination: false is only for signed-in users: page through the results with limit (at most ${MAX_PAGE_SIZE}) and page.`
      }
    },
  })
  return problem
}

/**
 * What to refuse if the document calls one of `unavailable` (root field name → why) at its
 * top level: operations Payload's schema offers that this configuration does not support.
 */
export function unavailableFieldProblem(
  document: DocumentNode,
  unavailable: ReadonlyMap<string, string>,
): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue
      const why = unavailable.get(selection.name.value)
      if (why) return why
    }
  }
  return undefined
}

// Each checks a password, sends an email or hands out a token: work an attacker wants repeated.
const AUTH_OPERATIONS = [
  'login',
  'forgotPassword',
  'resetPassword',
  'unlock',
  'verifyEmail',
  'refreshToken',
] as const

/** The root fields of Payload's schema that run an account operation, for every auth collection. */
export function authGraphqlFields(config: SanitizedConfig): ReadonlySet<string> {
  const names = new Set<string>()
  for (const collection of config.collections) {
    if (!collection.auth || collection.graphQL === false) continue
    const singular = collection.graphQL?.singularName ?? formatNames(collection.slug).singular
    for (const operation of AUTH_OPERATIONS) names.add(`${operation}${singular}`)
  }
  return names
}

export const AUTH_OPERATIONS_REFUSAL =
  'Send one account operation (log in, reset or forgotten password, unlock, verify, refresh) per request.'

/**
 * What to refuse if the document asks for more than one account operation, through aliases or
 * fragments: GraphQL runs every one of them, so fifteen aliased logins were fifteen password
 * checks in one request, around the per-request login limit.
 */
export function authOperationsProblem(
  document: DocumentNode,
  authFields: ReadonlySet<string>,
): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition)
    }
  }
  let count = 0
  const countIn = (selectionSet: SelectionSetNode, visiting: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (authFields.has(selection.name.value)) count++
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        countIn(selection.selectionSet, visiting)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (!fragment || visiting.has(name)) continue
        countIn(fragment.selectionSet, new Set([...visiting, name]))
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) countIn(definition.selectionSet, new Set())
  }
  return count > 1 ? AUTH_OPERATIONS_REFUSAL : undefined
}

/** Sizes of a document, each fragment measured once however often it is used. */
class DocumentShape {
  private readonly fragments = new Map<string, FragmentDefinitionNode>()
  private readonly fragmentShapes = new Map<string, Shape | 'measuring'>()
  private readonly fragmentKeys = new Map<string, Map<string, number> | 'measuring'>()
  private repeated: string | undefined
  private cycle: string | undefined

  constructor(private readonly document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition)
      }
    }
  }

  problem(): string | undefined {
    const total = { ...NOTHING }
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue
      const shape = this.measure(definition.selectionSet)
      total.fields += shape.fields
      total.aliases += shape.aliases
      total.directives += shape.directives + (definition.directives?.length ?? 0)
      total.depth = Math.max(total.depth, shape.depth)
    }
    const limits = GRAPHQL_LIMITS
    // Payload's complexity rule follows fragments before GraphQL's own validation would refuse
    // the cycle, and recurses until the stack runs out.
    if (this.cycle) return `Fragment "${this.cycle}" spreads itself, directly or through others.`
    if (this.repeated) {
      return `The query selects ${this.repeated} more than ${limits.repeats} times in one place.`
    }
    if (total.aliases > limits.aliases) {
      return `The query uses ${total.aliases} aliases, counting fragments each time they are used; at most ${limits.aliases} are allowed. Split it into several requests.`
    }
    if (total.fields > limits.fields) {
      return `The query selects ${total.fields} fields; at most ${limits.fields} are allowed.`
    }
    if (total.depth > limits.depth) {
      return `The query nests ${total.depth} levels deep; at most ${limits.depth} are allowed.`
    }
    if (total.directives > limits.directives) {
      return `The query uses ${total.directives} directives; at most ${limits.directives} are allowed.`
    }
    return undefined
  }

  private measure(selectionSet: SelectionSetNode | undefined): Shape {
    if (!selectionSet) return NOTHING
    this.checkRepeats(selectionSet)
    const shape = { ...NOTHING }
    for (const selection of selectionSet.selections) {
      shape.directives += selection.directives?.length ?? 0
      let inner: Shape
      let depth: number
      if (selection.kind === Kind.FIELD) {
        inner = this.measure(selection.selectionSet)
        shape.fields += 1
        if (selection.alias) shape.aliases += 1
        depth = INTROSPECTION.has(selection.name.value) ? 0 : inner.depth + 1
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet)
        depth = inner.depth
      } else {
        inner = this.measureFragment(selection.name.value)
        depth = inner.depth
      }
      shape.fields += inner.fields
      shape.aliases += inner.aliases
      shape.directives += inner.directives
      shape.depth = Math.max(shape.depth, depth)
    }
    return shape
  }

  private measureFragment(name: string): Shape {
    const known = this.fragmentShapes.get(name)
    if (known === 'measuring') {
      this.cycle ??= name
      return NOTHING
    }
    if (known) return known
    const fragment = this.fragments.get(name)
    if (!fragment) return NOTHING
    this.fragmentShapes.set(name, 'measuring')
    const shape = this.measure(fragment.selectionSet)
    this.fragmentShapes.set(name, shape)
    return shape
  }

  private checkRepeats(selectionSet: SelectionSetNode): void {
    if (this.repeated) return
    for (const [key, count] of this.keysAt(selectionSet)) {
      if (count > GRAPHQL_LIMITS.repeats) {
        this.repeated = `"${key}"`
        return
      }
    }
  }

  /** How often each response name is selected at this level, fragments included. */
  private keysAt(selectionSet: SelectionSetNode): Map<string, number> {
    const keys = new Map<string, number>()
    const add = (key: string, count: number) => keys.set(key, (keys.get(key) ?? 0) + count)
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        add(selection.alias?.value ?? selection.name.value, 1)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        for (const [key, count] of this.keysAt(selection.selectionSet)) add(key, count)
      } else {
        for (const [key, count] of this.fragmentKeysOf(selection.name.value)) add(key, count)
      }
    }
    return keys
  }

  private fragmentKeysOf(name: string): Map<string, number> {
    const known = this.fragmentKeys.get(name)
    if (known === 'measuring') return new Map()
    if (known) return known
    const fragment = this.fragments.get(name)
    if (!fragment) return new Map()
    this.fragmentKeys.set(name, 'measuring')
    const keys = this.keysAt(fragment.selectionSet)
    this.fragmentKeys.set(name, keys)
    return keys
  }
}

/** A hasMany relationship or upload without maxRows: how many documents it is counted as. */
const DEFAULT_FAN_OUT = 10
/** Payload's page size when a list query gives no limit. */
const DEFAULT_LIMIT = 10

type CostedField = {
  extensions?: {
    complexity?: unknown
    field?: { type?: string; hasMany?: boolean; maxRows?: number }
  }
  args: readonly { name: string }[]
  type: GraphQLOutputType
}

/**
 * Estimates what a GraphQL document makes Payload do, from the schema Payload builds out of the
 * config, so collections and fields added later are counted too. Payload's own maxComplexity
 * adds costs up without multiplying: a join inside a relationship inside a list of 100 costs
 * the same as one field, so a small query could fetch a million documents. Here each field
 * costs its weight (Payload's complexity extension, 10 for relationships, uploads and joins;
 * 1 otherwise) plus its selection times how many documents it yields: a list query or join its
 * `limit` (a join without one fetches every document it joins: counted as the largest page), a
 * hasMany relationship or upload its maxRows, any other list DEFAULT_FAN_OUT.
 */
export function graphqlCostEstimator(
  config: SanitizedConfig,
): (document: DocumentNode, variables: GraphqlRequest['variables']) => number {
  // An analysis copy, never executed. Built at start-up: building it takes seconds on a busy
  // machine, which the first GraphQL request would otherwise wait for.
  const { schema } = configToSchema(config)
  return (document, variables) => new DocumentCost(schema, document, variables ?? {}).total()
}

/** What to refuse if `cost` is over the budget. */
export function graphqlCostProblem(cost: number): string | undefined {
  if (cost <= GRAPHQL_LIMITS.cost) return undefined
  const shown = cost >= 1e9 ? cost.toExponential(1) : String(Math.round(cost))
  return `The query would cost about ${shown}; at most ${GRAPHQL_LIMITS.cost} is allowed. Ask for fewer documents (limit) or fewer nested relationships and joins, or split it into several requests.`
}

class DocumentCost {
  private readonly fragments = new Map<string, FragmentDefinitionNode>()
  private readonly defaults = new Map<string, ValueNode>()

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition)
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        for (const variable of definition.variableDefinitions ?? []) {
          if (variable.defaultValue) {
            this.defaults.set(variable.variable.name.value, variable.defaultValue)
          }
        }
      }
    }
  }

  total(): number {
    let total = 0
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue
      const root = this.schema.getRootType(definition.operation)
      if (root) total += this.selectionCost(definition.selectionSet, root, new Set())
    }
    return total
  }

  private selectionCost(
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLNamedType,
    spreading: ReadonlySet<string>,
  ): number {
    if (!selectionSet) return 0
    let cost = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += this.fieldCost(selection, type, spreading)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : type
        cost += this.selectionCost(selection.selectionSet, on ?? type, spreading)
      } else {
        const name = selection.name.value
        const fragment = this.fragments.get(name)
        // Cycles are refused before this runs; the guard keeps a missed one finite.
        if (!fragment || spreading.has(name)) continue
        const on = this.schema.getType(fragment.typeCondition.name.value) ?? type
        cost += this.selectionCost(fragment.selectionSet, on, new Set([...spreading, name]))
      }
    }
    return cost
  }

  private fieldCost(node: FieldNode, parent: GraphQLNamedType, spreading: ReadonlySet<string>) {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 1
    const field = parent.getFields()[node.name.value] as CostedField | undefined
    if (!field) return 1
    const complexity = field.extensions?.complexity
    const weight = typeof complexity === 'number' ? complexity : 1
    const inner = this.selectionCost(node.selectionSet, getNamedType(field.type), spreading)
    return weight + this.documentsOf(node, field, parent) * inner
  }

  /** How many documents (or list items) the field's selection is resolved on. */
  private documentsOf(node: FieldNode, field: CostedField, parent: GraphQLNamedType): number {
    if (field.args.some((arg) => arg.name === 'limit')) {
      const limit = this.argument(node, 'limit')
      const unpaged = this.argument(node, 'pagination') === false
      const join = field.extensions?.field?.type === 'join'
      if (unpaged || (join && !(typeof limit === 'number' && limit > 0))) return MAX_PAGE_SIZE
      return typeof limit === 'number' && limit > 0
        ? Math.min(limit, 10 * MAX_PAGE_SIZE)
        : DEFAULT_LIMIT
    }
    if (!isListType(getNullableType(field.type))) return 1
    // A page's documents: counted by the limit of the field that gave the page.
    if (node.name.value === 'docs' && isObjectType(parent) && 'totalDocs' in parent.getFields()) {
      return 1
    }
    const maxRows = field.extensions?.field?.maxRows
    return typeof maxRows === 'number' && maxRows > 0 ? maxRows : DEFAULT_FAN_OUT
  }

  private argument(node: FieldNode, name: string): unknown {
    const argument = node.arguments?.find((candidate) => candidate.name.value === name)
    return argument ? this.valueOf(argument.value) : undefined
  }

  private valueOf(node: ValueNode): unknown {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value
      if (name in this.variables) return this.variables[name]
      const fallback = this.defaults.get(name)
      return fallback ? this.valueOf(fallback) : undefined
    }
    if (node.kind === Kind.INT) return Number(node.value)
    if (node.kind === Kind.BOOLEAN) return node.value
    return undefined
  }
}
