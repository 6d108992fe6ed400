import type {
  SerializedBlockNode,
  SerializedListItemNode,
  SerializedRelationshipNode,
  SerializedUploadNode,
} from '@payloadcms/richtext-lexical'
import type {
  SerializedEditorState,
  SerializedLexicalNode,
} from '@payloadcms/richtext-lexical/lexical'

import {
  convertLexicalToHTML,
  type HTMLConverters,
  LinkHTMLConverter,
} from '@payloadcms/richtext-lexical/html'

import type { Reference } from '../references'
import { html, type SafeHtml, trusted } from './html'

export type RichTextContext = {
  /** Relative address of an archived document's page, if it has one. */
  pageOf: (reference: Reference) => string | undefined
  titleOf: (reference: Reference) => string | undefined
  /** An uploaded file shown in the text: an image, or a link to a document. */
  upload: (reference: Reference) => SafeHtml | undefined
  /** The words of a content warning for the given topics and note. */
  warning: (categories: unknown, note: unknown) => string
}

const isEditorState = (value: unknown): value is SerializedEditorState =>
  typeof value === 'object' &&
  value !== null &&
  'root' in value &&
  typeof (value as { root: unknown }).root === 'object'

const referenceOf = (node: { relationTo: string; value: unknown }): Reference | undefined => {
  const { value } = node
  if (typeof value === 'number' || typeof value === 'string') {
    return { collection: node.relationTo, id: value }
  }
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id
    if (typeof id === 'number' || typeof id === 'string') return { collection: node.relationTo, id }
  }
  return undefined
}

type WarningSectionFields = { categories?: unknown; note?: unknown; content?: unknown }

/**
 * Lexical rich text as HTML, with Payload's own converters for ordinary nodes (they escape
 * text and refuse `javascript:` links) and ours for what only this site has: sections behind a
 * content warning become a closed <details> notice, uploads and internal links point into the
 * archive, and nothing depends on a server or on script.
 */
export function richTextToHtml(value: unknown, context: RichTextContext): SafeHtml {
  if (!isEditorState(value)) return trusted('')
  const converters: HTMLConverters = {
    ...LinkHTMLConverter({
      internalDocToHref: ({ linkNode }) => {
        const doc = linkNode.fields.doc
        const reference = doc ? referenceOf(doc) : undefined
        return (reference && context.pageOf(reference)) ?? '#'
      },
    }),
    blocks: {
      contentWarningSection: ({ node }: { node: SerializedBlockNode<WarningSectionFields> }) =>
        html`<details class="warning">
          <summary>${context.warning(node.fields.categories, node.fields.note)}</summary>
          <div class="warned">${richTextToHtml(node.fields.content, context)}</div>
        </details>`.value,
    },
    upload: ({ node }: { node: SerializedUploadNode }) => {
      const reference = referenceOf(node)
      return (reference && context.upload(reference)?.value) ?? ''
    },
    relationship: ({ node }: { node: SerializedRelationshipNode }) => {
      const reference = referenceOf(node)
      const href = reference && context.pageOf(reference)
      if (!reference || !href) return ''
      return html`<p class="related">
        <a href="${href}">${context.titleOf(reference) ?? href}</a>
      </p>`.value
    },
    // Payload's list items carry a random id for check lists; an archive must come out the
    // same every time it is made.
    listitem: ({ node, nodesToHTML, parent }) => {
      const item = node as SerializedListItemNode
      const children = nodesToHTML({ nodes: item.children }).join('')
      const checkList = 'listType' in parent && parent.listType === 'check'
      const box = checkList ? (item.checked ? '☑ ' : '☐ ') : ''
      return `<li>${box}${children}</li>`
    },
    unknown: ({ node, nodesToHTML }) => {
      const children = (node as SerializedLexicalNode & { children?: SerializedLexicalNode[] })
        .children
      return Array.isArray(children) ? nodesToHTML({ nodes: children }).join('') : ''
    },
  }
  return trusted(
    convertLexicalToHTML({
      data: value,
      converters: ({ defaultConverters }) => ({ ...defaultConverters, ...converters }),
      disableContainer: true,
    }),
  )
}
