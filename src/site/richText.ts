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

import { escapeHtml } from './html'
import { hrefOf } from './links'
import { topicList } from './format'

type WarningSectionFields = { categories?: string[]; note?: string | null; content?: unknown }

const isEditorState = (value: unknown): value is SerializedEditorState =>
  typeof value === 'object' &&
  value !== null &&
  'root' in value &&
  typeof (value as { root: unknown }).root === 'object'

type Populated = { relationTo: string; value: unknown }
const docOf = (node: Populated) =>
  typeof node.value === 'object' && node.value !== null
    ? (node.value as Record<string, unknown>)
    : undefined

/**
 * Lexical rich text as HTML, with Payload's own converters for ordinary nodes (they escape
 * text and refuse `javascript:` links) and ours for what only this site has: a section behind
 * a content warning becomes a closed <details>, opened only by the reader, with no script.
 * Relationships and uploads appear only when the anonymous read populated them, that is, when
 * the public may see them.
 */
export function richTextToHtml(value: unknown): string {
  if (!isEditorState(value)) return ''
  const converters: HTMLConverters = {
    ...LinkHTMLConverter({
      internalDocToHref: ({ linkNode }) => {
        const doc = linkNode.fields.doc as Populated | undefined
        const target = doc && docOf(doc)
        return (target && hrefOf(doc.relationTo, target)) ?? '#'
      },
    }),
    blocks: {
      contentWarningSection: ({ node }: { node: SerializedBlockNode<WarningSectionFields> }) => {
        const topics = topicList(node.fields.categories)
        const note = node.fields.note ? ` ${escapeHtml(node.fields.note)}` : ''
        return `<details class="cw cw-section"><summary><span class="cw-label">Content warning: ${escapeHtml(topics)}.</span>${note} <span class="cw-action">Show this section</span></summary><div class="cw-body">${richTextToHtml(node.fields.content)}</div></details>`
      },
    },
    upload: ({ node }: { node: SerializedUploadNode }) => {
      const doc = docOf(node as unknown as Populated)
      if (!doc || typeof doc.url !== 'string') return ''
      const alt = typeof doc.alt === 'string' ? doc.alt : ''
      if (String(doc.mimeType ?? '').startsWith('image/')) {
        return `<figure><img src="${escapeHtml(doc.url)}" alt="${escapeHtml(alt)}" loading="lazy"${
          doc.width ? ` width="${Number(doc.width)}" height="${Number(doc.height)}"` : ''
        }>${doc.caption ? `<figcaption>${escapeHtml(String(doc.caption))}</figcaption>` : ''}</figure>`
      }
      return `<p><a href="${escapeHtml(doc.url)}">${escapeHtml(String(doc.filename ?? 'Download'))}</a></p>`
    },
    relationship: ({ node }: { node: SerializedRelationshipNode }) => {
      const doc = docOf(node as unknown as Populated)
      const href = doc && hrefOf(node.relationTo, doc)
      if (!doc || !href) return ''
      return `<p class="related"><a href="${escapeHtml(href)}">${escapeHtml(String(doc.title ?? doc.name ?? href))}</a></p>`
    },
    // Payload's list items carry a random id for check lists; pages must come out the same
    // every time they are drawn, for the archive.
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
  return convertLexicalToHTML({
    data: value,
    converters: ({ defaultConverters }) => ({ ...defaultConverters, ...converters }),
    disableContainer: true,
  })
}
