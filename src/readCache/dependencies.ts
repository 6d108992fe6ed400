import type { FlattenedBlock, FlattenedField, SanitizedConfig } from 'payload'

import { EVERYTHING } from './writes'

/**
 * `ids`: the collections a relationship or upload field points to. Even left unpopulated, such
 * a value depends on them: it lists only the documents the reader may read (see
 * src/fields/hiddenReferences.ts), so publishing one changes it.
 */
type Edges = { references: Set<string>; joins: Set<string>; ids: Set<string> }

/**
 * Which collections and globals an anonymous answer may show, worked out from the config, so
 * that a write drops only the answers it can change, and collections added later are covered
 * without a list to keep up to date.
 *
 * An answer about a collection shows that collection, and the documents of its join fields
 * (which are listed whatever the depth). From depth 1, Payload fills in relationships, uploads
 * and the links, relationships and uploads of rich text, each a level further down, up to the
 * depth asked for. Rich text may link to any collection, so it counts as all of them. An upload
 * collection's documents are public once something public uses them (see publishedMediaOrOwn),
 * so an answer about one also depends on the collections that refer to it.
 */
export class CacheDependencies {
  private readonly edges = new Map<string, Edges>()
  private readonly referrers = new Map<string, Set<string>>()
  private readonly uploadCollections = new Set<string>()

  constructor(config: Pick<SanitizedConfig, 'blocks' | 'collections' | 'globals'>) {
    const collections = config.collections.map((collection) => collection.slug)
    const blocks = new Map((config.blocks ?? []).map((block) => [block.slug, block]))
    for (const collection of config.collections) {
      if (collection.upload) this.uploadCollections.add(collection.slug)
      this.edges.set(collection.slug, edgesOf(collection.flattenedFields, collections, blocks))
    }
    for (const global of config.globals) {
      this.edges.set(global.slug, edgesOf(global.flattenedFields, collections, blocks))
    }
    // References to accounts are never hidden (see hiddenReferences.ts).
    for (const collection of config.collections) {
      if (!collection.auth) continue
      for (const { ids } of this.edges.values()) ids.delete(collection.slug)
    }
    for (const [slug, { references }] of this.edges) {
      for (const target of references) {
        if (!this.referrers.has(target)) this.referrers.set(target, new Set())
        this.referrers.get(target)!.add(slug)
      }
    }
  }

  /**
   * The tags of an answer about the collection or global `slug` at population `depth`.
   * `idsShown`: whether relationships left unpopulated appear as ids (REST) or not at all
   * (GraphQL, where a relationship is always a selection of the related document).
   */
  of(slug: string, depth: number, idsShown = true): Set<string> {
    if (!this.edges.has(slug)) return new Set([EVERYTHING])
    const tags = new Set<string>([slug])
    if (this.uploadCollections.has(slug)) {
      for (const referrer of this.referrers.get(slug) ?? []) tags.add(referrer)
    }
    for (const joined of this.edges.get(slug)!.joins) tags.add(joined)
    // A collection reached at a shallower level has already been followed further.
    const followed = new Set<string>()
    let level = [slug]
    for (let current = 0; current <= depth && level.length > 0; current += 1) {
      const next: string[] = []
      for (const source of level) {
        if (followed.has(source)) continue
        followed.add(source)
        const { references, joins, ids } = this.edges.get(source) ?? {
          references: [],
          joins: [],
          ids: [],
        }
        if (idsShown) for (const target of ids) tags.add(target)
        // The last level's relationships stay ids: only their visibility counts.
        if (current === depth) continue
        for (const target of [...references, ...joins]) {
          tags.add(target)
          for (const joined of this.edges.get(target)?.joins ?? []) tags.add(joined)
          next.push(target)
        }
      }
      level = next
    }
    return tags
  }
}

function edgesOf(
  fields: readonly FlattenedField[],
  collections: readonly string[],
  blocks: ReadonlyMap<string, FlattenedBlock | { flattenedFields?: FlattenedField[] }>,
  edges: Edges = { references: new Set(), joins: new Set(), ids: new Set() },
): Edges {
  for (const field of fields) {
    switch (field.type) {
      case 'relationship':
      case 'upload':
        for (const target of [field.relationTo].flat()) {
          edges.references.add(target)
          edges.ids.add(target)
        }
        break
      case 'join':
        for (const target of [field.collection].flat()) edges.joins.add(target)
        break
      case 'richText':
        for (const target of collections) edges.references.add(target)
        break
      case 'array':
      case 'group':
      case 'tab':
        edgesOf(field.flattenedFields, collections, blocks, edges)
        break
      case 'blocks':
        for (const block of [...field.blocks, ...(field.blockReferences ?? [])]) {
          const resolved = typeof block === 'string' ? blocks.get(block) : block
          edgesOf(resolved?.flattenedFields ?? [], collections, blocks, edges)
        }
        break
    }
  }
  return edges
}
