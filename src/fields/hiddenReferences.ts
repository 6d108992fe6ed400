import type {
  CollectionConfig,
  Field,
  FieldHook,
  GlobalConfig,
  PayloadRequest,
  Plugin,
  Where,
} from 'payload'

type Reference = { collection: string; id: number | string }
type Verdicts = Map<string, Promise<boolean>>
type Batch = { ids: Map<string, Reference['id']>; settle: Map<string, (readable: boolean) => void> }

/**
 * Per request and collection: what has been asked, and what is waiting to be asked. The ids of
 * every document in an answer arrive from their own field hooks, one after the other in the
 * same turn of the event loop; they are asked together, once, after that turn.
 */
const perRequest = new WeakMap<PayloadRequest, Map<string, { verdicts: Verdicts; batch?: Batch }>>()

const keyOf = (id: Reference['id']) => String(id)

/**
 * What the reader of `req` may read of a collection: all of it, none of it, or the documents a
 * filter matches (the collection's own read rule, as Payload applies it to a list).
 */
export async function readRuleOf(
  req: PayloadRequest,
  collection: string,
): Promise<boolean | Where> {
  const config = req.payload.collections[collection as keyof typeof req.payload.collections]?.config
  // Not a collection of this config (a stale polymorphic value): nothing to read it by.
  if (!config) return false
  const rule = config.access?.read
  const verdict = rule ? await rule({ req }) : Boolean(req.user)
  return typeof verdict === 'object' && verdict !== null ? verdict : Boolean(verdict)
}

/** The ids (as strings) among `ids` of documents the reader of `req` may read. */
export async function readableAmong(
  req: PayloadRequest,
  collection: string,
  ids: Reference['id'][],
): Promise<Set<string>> {
  const config = req.payload.collections[collection as keyof typeof req.payload.collections]?.config
  const verdict = await readRuleOf(req, collection)
  if (verdict === true) return new Set(ids.map(keyOf))
  if (!verdict || !config || !ids.length) return new Set()
  // The collection's own read rule, on the stored documents, with no hooks: the same answer
  // Payload would give a read of each, in one query.
  const { docs } = await req.payload.db.find<{ id: Reference['id'] }>({
    collection: config.slug,
    limit: 0,
    pagination: false,
    req,
    select: { id: true },
    where: { and: [{ id: { in: ids } }, verdict as Where] },
  })
  return new Set(docs.map((doc) => keyOf(doc.id)))
}

function mayRead(req: PayloadRequest, { collection, id }: Reference): Promise<boolean> {
  let collections = perRequest.get(req)
  if (!collections) perRequest.set(req, (collections = new Map()))
  let state = collections.get(collection)
  if (!state) collections.set(collection, (state = { verdicts: new Map() }))
  const known = state.verdicts.get(keyOf(id))
  if (known) return known
  if (!state.batch) {
    const batch: Batch = { ids: new Map(), settle: new Map() }
    state.batch = batch
    const current = state
    setImmediate(() => {
      current.batch = undefined
      readableAmong(req, collection, [...batch.ids.values()]).then(
        (readable) => {
          for (const [key, settle] of batch.settle) settle(readable.has(key))
        },
        // A failed check hides rather than shows; the read itself goes on.
        (error: unknown) => {
          req.payload.logger.error({ err: error, msg: `checking references to ${collection}` })
          for (const settle of batch.settle.values()) settle(false)
        },
      )
    })
  }
  const batch = state.batch
  const verdict = new Promise<boolean>((resolve) => {
    batch.ids.set(keyOf(id), id)
    batch.settle.set(keyOf(id), resolve)
  })
  state.verdicts.set(keyOf(id), verdict)
  return verdict
}

type ReferenceField = Extract<Field, { type: 'relationship' | 'upload' }>

/** The collection and id an item of a relationship or upload value points to. */
function referenceIn(field: ReferenceField, item: unknown): Reference | undefined {
  let collection: unknown = field.relationTo
  let target: unknown = item
  if (Array.isArray(field.relationTo)) {
    if (typeof item !== 'object' || item === null || !('relationTo' in item)) return undefined
    collection = item.relationTo
    target = 'value' in item ? item.value : undefined
  }
  const id = typeof target === 'object' && target !== null && 'id' in target ? target.id : target
  if (typeof collection !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
    return undefined
  }
  return { collection, id }
}

// Accounts are not content: an account's id tells nothing unpublished, the fields that hold
// one (createdBy, an artwork's artist) have read rules of their own, and those who review need
// to see whose work it is without reading the account itself.
export const isAccountCollection = (req: PayloadRequest, collection: string) =>
  Boolean(req.payload.collections[collection as keyof typeof req.payload.collections]?.config.auth)

const hidden = async (req: PayloadRequest, field: ReferenceField, item: unknown) => {
  const reference = referenceIn(field, item)
  if (!reference || isAccountCollection(req, reference.collection)) return false
  return !(await mayRead(req, reference))
}

/**
 * Set in `req.context` by server code that must see every reference as stored, as the reader
 * it acts for would see the documents: working out which media published content uses (which
 * is what decides whether media may be read, so it cannot wait on that answer itself).
 */
export const EVERY_REFERENCE = 'everyReference'

/**
 * Payload shows the ids in a relationship whether or not the reader may read what they point
 * to ("ids are visible regardless of access controls"), so a published statement listed the id
 * of a trust that was never published, telling anyone that it exists. A reader is shown only
 * what they may read. Field hooks run before population, so deeper levels, versions, GraphQL
 * and the admin are all served the same filtered value. Server code (overrideAccess) sees all.
 */
export const hideUnreadableReferences: FieldHook = async ({
  context,
  field,
  overrideAccess,
  req,
  value,
}) => {
  if (overrideAccess || context?.[EVERY_REFERENCE] || value === null || value === undefined) {
    return value
  }
  if (field.type !== 'relationship' && field.type !== 'upload') return value
  if (!Array.isArray(value)) return (await hidden(req, field, value)) ? null : value
  const hide = await Promise.all(value.map((item: unknown) => hidden(req, field, item)))
  return value.filter((_item: unknown, index: number) => !hide[index])
}

const sameReference = (field: ReferenceField, a: unknown, b: unknown) => {
  const [first, second] = [referenceIn(field, a), referenceIn(field, b)]
  return (
    first !== undefined &&
    second !== undefined &&
    first.collection === second.collection &&
    String(first.id) === String(second.id)
  )
}

/**
 * What a writer was not shown, they cannot remove: a form or a client that saves back what it
 * read would otherwise drop every reference hidden from it. The hidden ones stay, after those
 * sent; a single reference hidden from the writer stays unless they choose another.
 */
export const keepHiddenReferences: FieldHook = async ({
  field,
  operation,
  previousValue,
  req,
  value,
}) => {
  if (operation !== 'update' || !req.user || value === undefined) return value
  if (field.type !== 'relationship' && field.type !== 'upload') return value
  if (previousValue === null || previousValue === undefined) return value
  if (!Array.isArray(previousValue)) {
    const cleared = value === null || value === '' || (Array.isArray(value) && !value.length)
    return cleared && (await hidden(req, field, previousValue)) ? previousValue : value
  }
  const sent: unknown[] = Array.isArray(value) ? value : value === null ? [] : [value]
  const kept: unknown[] = []
  for (const item of previousValue as unknown[]) {
    if (sent.some((other) => sameReference(field, item, other))) continue
    if (await hidden(req, field, item)) kept.push(item)
  }
  return kept.length ? [...sent, ...kept] : value
}

function withReferenceHooks(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'relationship' || field.type === 'upload') {
      return {
        ...field,
        hooks: {
          ...field.hooks,
          afterRead: [...(field.hooks?.afterRead ?? []), hideUnreadableReferences],
          beforeChange: [...(field.hooks?.beforeChange ?? []), keepHiddenReferences],
        },
      } as Field
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: withReferenceHooks(field.fields) } as Field
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: withReferenceHooks(tab.fields) })),
      }
    }
    if (field.type === 'blocks') {
      return {
        ...field,
        blocks: field.blocks.map((block) => ({
          ...block,
          fields: withReferenceHooks(block.fields),
        })),
      }
    }
    return field
  })
}

/**
 * Every relationship and upload field of every collection and global of the config, those
 * added by plugins and later collections included, shows a reader only what they may read.
 */
export const hideUnreadableReferencesEverywhere: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection): CollectionConfig => ({
    ...collection,
    fields: withReferenceHooks(collection.fields),
  })),
  globals: (config.globals ?? []).map((global): GlobalConfig => ({
    ...global,
    fields: withReferenceHooks(global.fields),
  })),
})
