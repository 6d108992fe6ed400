import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql'
import { type FlattenedField, formatNames, type SanitizedConfig } from 'payload'

import type { CacheDependencies } from '../readCache/dependencies'
import { EVERYTHING } from '../readCache/writes'

type Root = { slug: string; fields: readonly FlattenedField[] }

// Deep enough for any chain of relationships in this config: see CacheDependencies.of.
const ALL_THE_WAY = 10

/**
 * What an anonymous GraphQL query's answer shows, as tags for the read cache, worked out from
 * the query and the config as for REST (src/server/apiQuestion.ts): each top-level field names
 * a collection or global (`Statements`, `Statement`, `countStatements`, `SiteSetting` …), and
 * the fields selected below it name what is populated: a relationship, upload or join field
 * selected with its own fields adds the collections it points to, rich text (whose links and
 * uploads Payload fills in) adds every collection. A filter or sort on a path through a
 * relationship (`relatedTrusts__name`) depends on whatever that path can reach. A field this cannot place (a custom
 * query, say) makes the answer show everything.
 */
export class GraphqlQuestions {
  private readonly roots = new Map<string, Root>()
  private readonly collections = new Map<string, readonly FlattenedField[]>()

  constructor(
    config: SanitizedConfig,
    private readonly dependencies: CacheDependencies,
  ) {
    for (const collection of config.collections) {
      this.collections.set(collection.slug, collection.flattenedFields)
      if (collection.graphQL === false) continue
      const names = formatNames(collection.slug)
      const singular = collection.graphQL?.singularName ?? names.singular
      const plural = collection.graphQL?.pluralName ?? names.plural
      const root = { slug: collection.slug, fields: collection.flattenedFields }
      for (const name of [plural, singular, `count${plural}`, `versions${plural}`]) {
        this.roots.set(name, root)
      }
      this.roots.set(`version${singular}`, root)
    }
    for (const global of config.globals) {
      if (global.graphQL === false) continue
      const name = global.graphQL?.name ?? formatNames(global.slug).singular
      const root = { slug: global.slug, fields: global.flattenedFields }
      for (const field of [name, `version${name}`, `versions${name}`]) this.roots.set(field, root)
    }
  }

  /** The tags of the answer to `operationName` (or the only operation) of `document`. */
  tagsOf(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): Set<string> {
    const operation = getOperationAST(document, operationName)
    if (!operation || operation.operation !== 'query') return new Set([EVERYTHING])
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition)
      }
    }
    const tags = new Set<string>()
    const walker = new Walker(this.dependencies, this.collections, fragments, tags)
    for (const field of walker.fieldsOf(operation.selectionSet)) {
      if (field.name.value === '__typename') continue
      const root = this.roots.get(field.name.value)
      if (!root) return new Set([EVERYTHING])
      walker.reach(root.slug)
      if (throughRelationships(field, root.fields, variables ?? {})) {
        for (const tag of this.dependencies.of(root.slug, ALL_THE_WAY)) tags.add(tag)
      }
      if (field.selectionSet) walker.walk(field.selectionSet, root.fields)
    }
    return tags
  }
}

class Walker {
  constructor(
    private readonly dependencies: CacheDependencies,
    private readonly collections: ReadonlyMap<string, readonly FlattenedField[]>,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly tags: Set<string>,
  ) {}

  /** A collection or global whose documents the answer shows, and what they always list. */
  reach(slug: string): void {
    for (const tag of this.dependencies.of(slug, 0, false)) this.tags.add(tag)
  }

  /** The fields of a selection, fragments spread in. */
  fieldsOf(selectionSet: SelectionSetNode, seen = new Set<string>()): FieldNode[] {
    const fields: FieldNode[] = []
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection)
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        fields.push(...this.fieldsOf(selection.selectionSet, seen))
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value)
        const fragment = this.fragments.get(selection.name.value)
        if (fragment) fields.push(...this.fieldsOf(fragment.selectionSet, seen))
      }
    }
    return fields
  }

  /**
   * The fields selected of documents with `fields`. A name that is no field of theirs is one of
   * Payload's wrappers (docs, version, value of a polymorphic relationship): looked into as it is.
   */
  walk(selectionSet: SelectionSetNode, fields: readonly FlattenedField[]): void {
    for (const selected of this.fieldsOf(selectionSet)) {
      const field = fields.find((candidate) => candidate.name === selected.name.value)
      const below = selected.selectionSet
      if (!field) {
        if (below) this.walk(below, fields)
        continue
      }
      switch (field.type) {
        case 'relationship':
        case 'upload':
        case 'join': {
          // Unselected, a relationship is only the related document's id.
          if (!below) break
          const targets = [field.type === 'join' ? field.collection : field.relationTo].flat()
          for (const target of targets) {
            this.reach(target)
            this.walk(below, this.collections.get(target) ?? [])
          }
          break
        }
        case 'richText':
          for (const slug of this.collections.keys()) this.reach(slug)
          break
        case 'array':
        case 'group':
        case 'tab':
          if (below) this.walk(below, field.flattenedFields)
          break
        case 'blocks':
          if (below) {
            const blockFields = field.blocks.flatMap((block) => block.flattenedFields)
            this.walk(below, blockFields)
          }
          break
      }
    }
  }
}

/** Whether a field's filter or sort follows a path through a relationship (a.b, or a__b). */
function throughRelationships(
  field: FieldNode,
  fields: readonly FlattenedField[],
  variables: Record<string, unknown>,
): boolean {
  for (const argument of field.arguments ?? []) {
    const name = argument.name.value
    if (name !== 'where' && name !== 'sort') continue
    const value = valueOf(argument.value, variables)
    const paths = name === 'sort' ? [value].flat().map(String) : pathsOf(value)
    if (paths.some((path) => reachesOut(path.replace(/^-/, '').split(/\.|__/), fields))) {
      return true
    }
  }
  return false
}

/**
 * Whether a field path leaves the document: through a relationship, upload or join, or to one
 * itself, since a filter on a relationship matches only the related documents the reader may
 * read (src/requestChecks/readableReferences.ts), which a write there changes.
 */
function reachesOut(path: readonly string[], fields: readonly FlattenedField[]): boolean {
  const [first, ...rest] = path
  const field = fields.find((candidate) => candidate.name === first)
  if (!field) return false
  switch (field.type) {
    case 'relationship':
    case 'upload':
    case 'join':
      return true
    case 'array':
    case 'group':
    case 'tab':
      return reachesOut(rest, field.flattenedFields)
    case 'blocks':
      return reachesOut(
        rest,
        field.blocks.flatMap((block) => block.flattenedFields),
      )
    default:
      return false
  }
}

const valueOf = (node: ValueNode, variables: Record<string, unknown>): unknown =>
  valueFromASTUntyped(node, variables)

/** The field paths a `where` filters on, however it nests AND and OR. */
function pathsOf(where: unknown): string[] {
  if (!where || typeof where !== 'object') return []
  if (Array.isArray(where)) return where.flatMap(pathsOf)
  return Object.entries(where).flatMap(([key, inner]) =>
    ['and', 'or'].includes(key.toLowerCase()) ? pathsOf(inner) : [key],
  )
}
