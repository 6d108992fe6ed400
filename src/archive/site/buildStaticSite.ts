import fsp from 'node:fs/promises'
import path from 'node:path'

import type { FlattenedField, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { SLUG_PATTERN } from '../../fields/slug'
import {
  type ArchiveData,
  type ArchivedDoc,
  childFields,
  optionLabel,
  uploadPath,
} from '../archiveData'
import type { Progress } from '../progress'
import { type Reference, referenceKey } from '../references'
import { html, type SafeHtml } from './html'
import { richTextToHtml } from './richText'
import { STYLESHEET } from './style'

type Page = { path: string; title: string; body: SafeHtml }
type Json = Record<string, unknown>

/** Collections shown in their own way; any other gets a plain list and a page per document. */
const SHOWN_ELSEWHERE = new Set(['signatories', 'media'])

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || !value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  // Stored at noon UTC: the same day in every UK and European time zone.
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

const formatSize = (bytes: unknown) =>
  typeof bytes === 'number'
    ? bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`
    : ''

/** From one page of the site to another file of it, as a relative address. */
const relative = (from: string, to: string) => '../'.repeat(from.split('/').length - 1) + to

const pluralLabel = (collection: SanitizedCollectionConfig) =>
  typeof collection.labels?.plural === 'string' ? collection.labels.plural : collection.slug

/**
 * The static copy of the site under `site/`: plain HTML and one stylesheet, relative links only,
 * no script, so it opens from a folder, a USB stick or any static host, and stays readable long
 * after the CMS is gone. Everything it shows comes from the archive's data and files.
 */
export async function buildStaticSite(
  config: SanitizedConfig,
  data: ArchiveData,
  { root, site, progress }: { root: string; site: string; progress: Progress },
): Promise<void> {
  const builder = new SiteBuilder(config, data)
  const pages = builder.pages()
  progress.stage('writing the static site', pages.length)
  for (const page of pages) {
    const target = path.join(root, site, page.path)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.writeFile(target, builder.layout(page))
    progress.advance(1)
  }
  await fsp.writeFile(path.join(root, site, 'style.css'), STYLESHEET)
  for (const file of [...builder.usedFiles].sort()) {
    const target = path.join(root, site, file)
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.copyFile(path.join(root, file), target)
  }
}

class SiteBuilder {
  readonly usedFiles = new Set<string>()
  private readonly collections: SanitizedCollectionConfig[]
  private readonly docs = new Map<
    string,
    { collection: SanitizedCollectionConfig; doc: ArchivedDoc }
  >()
  private readonly settings: Json

  constructor(
    config: SanitizedConfig,
    private readonly data: ArchiveData,
  ) {
    this.collections = config.collections.filter((collection) =>
      data.collections.has(collection.slug),
    )
    for (const collection of this.collections) {
      for (const doc of data.collections.get(collection.slug) ?? []) {
        this.docs.set(referenceKey({ collection: collection.slug, id: doc.id }), {
          collection,
          doc,
        })
      }
    }
    this.settings = data.globals.get('site-settings') ?? {}
  }

  private get siteName() {
    return text(this.settings.siteName) || 'The campaign'
  }

  private fieldsOf(slug: string): readonly FlattenedField[] {
    return this.collections.find((collection) => collection.slug === slug)?.flattenedFields ?? []
  }

  private docsOf(slug: string): ArchivedDoc[] {
    return this.data.collections.get(slug) ?? []
  }

  private find(reference: Reference) {
    return this.docs.get(referenceKey(reference))
  }

  // ---------------------------------------------------------------------------------------
  // Addresses and titles

  private hasPages(collection: SanitizedCollectionConfig) {
    return !collection.upload && !SHOWN_ELSEWHERE.has(collection.slug)
  }

  private pagePath(collection: SanitizedCollectionConfig, doc: ArchivedDoc): string | undefined {
    if (!this.hasPages(collection)) return undefined
    const slug = text(doc.slug)
    const name = SLUG_PATTERN.test(slug) ? slug : String(doc.id).replace(/[^A-Za-z0-9_-]/g, '-')
    return `${collection.slug}/${name}.html`
  }

  private titleOf(collection: SanitizedCollectionConfig, doc: ArchivedDoc): string {
    const field = collection.admin?.useAsTitle
    const title = (field && text(doc[field])) || text(doc.title) || text(doc.name)
    return title || `${collection.slug} ${String(doc.id)}`
  }

  private linkTo(from: string, reference: Reference): SafeHtml | undefined {
    const found = this.find(reference)
    const target = found && this.pagePath(found.collection, found.doc)
    if (!found || !target) return undefined
    return html`<a href="${relative(from, target)}"
      >${this.titleOf(found.collection, found.doc)}</a
    >`
  }

  private useFile(collection: string, filename: string) {
    const file = uploadPath(collection, filename)
    this.usedFiles.add(file)
    return file
  }

  // ---------------------------------------------------------------------------------------
  // Shared pieces

  private warningText(categories: unknown, note: unknown, level?: unknown): string {
    const warningFields = childFields(this.fieldsOf('statements'), 'contentWarnings')
    const topics = list(categories)
      .map((category) => optionLabel(warningFields, 'categories', category))
      .join(', ')
    const how = level ? ` (${optionLabel(warningFields, 'level', level).toLowerCase()})` : ''
    const words = text(note)
    return `Content warning${topics ? `: ${topics}` : ''}${how}.${words ? ` ${words}` : ''}`
  }

  /** Content behind its warning, folded away until the reader opens it. */
  private behindWarning(
    warnings: unknown,
    content: SafeHtml,
    extra?: string,
    open = 'Open to read.',
  ): SafeHtml {
    const { categories, note, level } = isObject(warnings) ? warnings : ({} as Json)
    const warned = list(categories).length > 0 || text(note) !== ''
    if (!warned && !extra) return content
    const summary = [warned ? this.warningText(categories, note, level) : '', extra ?? '']
      .filter(Boolean)
      .join(' ')
    return html`<details class="warning">
      <summary>${summary} ${open}</summary>
      <div class="warned">${content}</div>
    </details>`
  }

  private richText(from: string, value: unknown): SafeHtml {
    return richTextToHtml(value, {
      pageOf: (reference) => {
        const found = this.find(reference)
        const target = found && this.pagePath(found.collection, found.doc)
        return target ? relative(from, target) : undefined
      },
      titleOf: (reference) => {
        const found = this.find(reference)
        return found ? this.titleOf(found.collection, found.doc) : undefined
      },
      upload: (reference) => this.upload(from, reference),
      warning: (categories, note) => this.warningText(categories, note),
    })
  }

  /** An image (a stored size, linking to the original) or a link to a document file. */
  private upload(from: string, reference: Reference, size = 'card'): SafeHtml | undefined {
    const found = this.find(reference)
    if (!found?.collection.upload) return undefined
    const { doc } = found
    const slug = found.collection.slug
    const filename = text(doc.filename)
    if (!filename) return undefined
    const original = relative(from, this.useFile(slug, filename))
    const caption = [text(doc.caption), text(doc.credit)].filter(Boolean).join(' · ')
    if (!text(doc.mimeType).startsWith('image/')) {
      return html`<p class="document">
        <a href="${original}">${caption || filename}</a>
        (${text(doc.mimeType) === 'application/pdf' ? 'PDF' : text(doc.mimeType)},
        ${formatSize(doc.filesize)})
      </p>`
    }
    const sizes = isObject(doc.sizes) ? doc.sizes : {}
    const chosen = isObject(sizes[size]) && text(sizes[size].filename) ? sizes[size] : doc
    const src = relative(from, this.useFile(slug, text(chosen.filename)))
    return html`<figure>
      <a href="${original}"
        ><img
          src="${src}"
          alt="${text(doc.alt)}"
          width="${String(chosen.width ?? '')}"
          height="${String(chosen.height ?? '')}"
          loading="lazy" /></a
      >${caption ? html`<figcaption>${caption}</figcaption>` : ''}
    </figure>`
  }

  private references(from: string, collection: string, ids: unknown, heading: string) {
    const links = list(ids)
      .map((id) =>
        typeof id === 'number' || typeof id === 'string'
          ? this.linkTo(from, { collection, id })
          : undefined,
      )
      .filter((link): link is SafeHtml => link !== undefined)
    if (!links.length) return ''
    return html`<section>
      <h2>${heading}</h2>
      <ul>
        ${links.map((link) => html`<li>${link}</li>`)}
      </ul>
    </section>`
  }

  private documentList(
    from: string,
    slug: string,
    docs: ArchivedDoc[],
    describe?: (doc: ArchivedDoc) => string,
  ) {
    const collection = this.collections.find((candidate) => candidate.slug === slug)
    if (!collection || !docs.length) return html`<p>None.</p>`
    return html`<ul class="documents">
      ${docs.map((doc) => {
        const link = this.linkTo(from, { collection: slug, id: doc.id })
        const detail = describe?.(doc)
        const summary = text(doc.summary)
        return html`<li>
          ${link}${detail ? html` <span class="meta">${detail}</span>` : ''}${summary ? html`<br /><span class="summary">${summary}</span>` : ''}
        </li>`
      })}
    </ul>`
  }

  layout(page: Page): string {
    const to = (target: string) => relative(page.path, target)
    const navigation: [string, string][] = [['index.html', 'Home']]
    for (const collection of this.collections) {
      if (this.hasPages(collection) && collection.slug !== 'pages') {
        navigation.push([`${collection.slug}/index.html`, pluralLabel(collection)])
      } else if (collection.slug === 'artwork' && this.docsOf('artwork').length) {
        navigation.push(['artwork/index.html', 'Artwork'])
      }
    }
    for (const doc of this.docsOf('pages')) {
      const collection = this.collections.find((candidate) => candidate.slug === 'pages')
      const target = collection && this.pagePath(collection, doc)
      if (collection && target) navigation.push([target, this.titleOf(collection, doc)])
    }
    const notice = text(this.settings.archiveNotice)
    return `<!doctype html>\n${
      html`<html lang="en-GB">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta
            http-equiv="Content-Security-Policy"
            content="script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
          />
          <title>
            ${page.title === this.siteName ? page.title : `${page.title} · ${this.siteName}`}
          </title>
          <link rel="stylesheet" href="${to('style.css')}" />
        </head>
        <body>
          <header>
            <p class="archived">
              This is an archived copy of the ${this.siteName} website. It is no longer
              updated.${notice ? html` ${notice}` : ''}
            </p>
            <nav aria-label="Site">
              <ul>
                ${navigation.map(([target, label]) => html`<li><a href="${to(target)}" ${target === page.path ? html` aria-current="page"` : ''}>${label}</a></li>`)}
              </ul>
            </nav>
          </header>
          <main>${page.body}</main>
          <footer>
            <p>
              ${this.siteName}: archived copy. Contact details on these pages may no longer be
              answered.
            </p>
          </footer>
        </body>
      </html>`.value
    }\n`
  }

  // ---------------------------------------------------------------------------------------
  // Pages

  pages(): Page[] {
    const pages: Page[] = [this.home()]
    for (const collection of this.collections) {
      if (collection.slug === 'artwork') pages.push(this.gallery(collection))
      if (!this.hasPages(collection)) continue
      const docs = this.docsOf(collection.slug)
      if (collection.slug !== 'pages') pages.push(this.index(collection, docs))
      for (const doc of docs) pages.push(this.documentPage(collection, doc))
    }
    return pages
  }

  private home(): Page {
    const from = 'index.html'
    const statements = this.docsOf('statements')
    const letters = statements.filter((doc) => doc.kind === 'open_letter')
    const sections: SafeHtml[] = []
    if (letters.length) {
      sections.push(
        html`<section>
          <h2>Open letters</h2>
          ${this.documentList(from, 'statements', letters, (doc) => {
            const count = this.data.signatureCounts.find((entry) => entry.letter === doc.id)
            return count
              ? `${count.signatures} ${count.signatures === 1 ? 'signature' : 'signatures'}`
              : ''
          })}
        </section>`,
      )
    }
    for (const collection of this.collections) {
      if (!this.hasPages(collection)) continue
      let docs = this.byDate(collection.slug, this.docsOf(collection.slug))
      if (collection.slug === 'statements') docs = docs.filter((doc) => doc.kind !== 'open_letter')
      if (collection.slug === 'trusts') {
        sections.push(
          html`<section>
            <h2>${pluralLabel(collection)}</h2>
            <p>
              <a href="trusts/index.html">The evidence register</a>: ${docs.length} NHS trusts and
              what is known about their use of SIM or similar schemes.
            </p>
          </section>`,
        )
        continue
      }
      sections.push(
        html`<section>
          <h2>${pluralLabel(collection)}</h2>
          ${this.documentList(from, collection.slug, docs, (doc) => formatDate(doc.publishedDate ?? doc.date))}
        </section>`,
      )
    }
    const artwork = this.docsOf('artwork')
    if (artwork.length) {
      sections.push(
        html`<section>
          <h2>Artwork</h2>
          <p>
            <a href="artwork/index.html">Supporters’ artwork</a>: ${artwork.length}
            ${artwork.length === 1 ? 'piece' : 'pieces'}.
          </p>
        </section>`,
      )
    }
    return {
      path: from,
      title: this.siteName,
      body: html`<h1>${this.siteName}</h1>
        ${sections}`,
    }
  }

  private byDate(slug: string, docs: ArchivedDoc[]): ArchivedDoc[] {
    const dateOf = (doc: ArchivedDoc) => text(doc.publishedDate) || text(doc.date)
    if (slug === 'trusts') return [...docs].sort((a, b) => text(a.name).localeCompare(text(b.name)))
    if (!docs.some((doc) => dateOf(doc))) return docs
    return [...docs].sort((a, b) => (dateOf(a) < dateOf(b) ? 1 : dateOf(a) > dateOf(b) ? -1 : 0))
  }

  private index(collection: SanitizedCollectionConfig, docs: ArchivedDoc[]): Page {
    const from = `${collection.slug}/index.html`
    const title = pluralLabel(collection)
    if (collection.slug === 'trusts') return this.register(collection, docs)
    const fields = collection.flattenedFields
    return {
      path: from,
      title,
      body: html`<h1>${title}</h1>
        ${this.documentList(from, collection.slug, this.byDate(collection.slug, docs), (doc) =>
          [
            doc.kind ? optionLabel(fields, 'kind', doc.kind) : '',
            doc.category ? optionLabel(fields, 'category', doc.category) : '',
            formatDate(doc.publishedDate ?? doc.date),
          ]
            .filter(Boolean)
            .join(' · '),
        )}`,
    }
  }

  /** The evidence register as one table. */
  private register(collection: SanitizedCollectionConfig, docs: ArchivedDoc[]): Page {
    const from = 'trusts/index.html'
    const fields = collection.flattenedFields
    const rows = this.byDate('trusts', docs).map(
      (doc) =>
        html`<tr>
          <th scope="row">${this.linkTo(from, { collection: 'trusts', id: doc.id })}</th>
          <td>${text(doc.odsCode)}</td>
          <td>${doc.region ? optionLabel(fields, 'region', doc.region) : ''}</td>
          <td>${optionLabel(fields, 'simStatus', doc.simStatus)}</td>
          <td>${text(doc.policeForce)}</td>
          <td>${formatDate(doc.startedOn)}</td>
          <td>${formatDate(doc.endedOn)}</td>
        </tr>`,
    )
    return {
      path: from,
      title: 'Evidence register',
      body: html`<h1>Evidence register</h1>
        <p>
          ${docs.length} NHS trusts and what the evidence shows about their use of SIM or similar
          schemes.
        </p>
        <table class="register">
          <caption>
            NHS trusts in the evidence register
          </caption>
          <thead>
            <tr>
              <th scope="col">Trust</th>
              <th scope="col">ODS code</th>
              <th scope="col">Region</th>
              <th scope="col">SIM status</th>
              <th scope="col">Partner police force</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`,
    }
  }

  private gallery(collection: SanitizedCollectionConfig): Page {
    const from = 'artwork/index.html'
    const fields = collection.flattenedFields
    const pieces = this.docsOf('artwork').map((doc) => {
      const image = this.upload(from, { collection: 'artwork', id: doc.id }) ?? html``
      const shown = this.behindWarning(
        doc.contentWarnings,
        image,
        doc.sensitive === true ? 'The artist marked this image as sensitive.' : undefined,
        'Open to see it.',
      )
      return html`<article class="artwork">
        <h2>${text(doc.title)}</h2>
        ${shown}
        <p class="meta">
          By ${text(doc.artistCredit) || 'Anonymous'} ·
          ${optionLabel(fields, 'licence', doc.licence)}
        </p>
        ${text(doc.description) ? html`<p>${text(doc.description)}</p>` : ''}
      </article>`
    })
    return {
      path: from,
      title: 'Artwork',
      body: html`<h1>Supporters’ artwork</h1>
        ${pieces.length ? pieces : html`<p>None.</p>`}`,
    }
  }

  private documentPage(collection: SanitizedCollectionConfig, doc: ArchivedDoc): Page {
    const from = this.pagePath(collection, doc) ?? `${collection.slug}/${String(doc.id)}.html`
    const title = this.titleOf(collection, doc)
    const fields = collection.flattenedFields
    const body = this.richText(from, doc.body)
    const warned = this.behindWarning(doc.contentWarnings, body)
    switch (collection.slug) {
      case 'statements': {
        const recipients = list(doc.recipients)
          .map((recipient) => (isObject(recipient) ? text(recipient.name) : ''))
          .filter(Boolean)
        const attachments = list(doc.attachments)
          .map((id) =>
            typeof id === 'number' || typeof id === 'string'
              ? this.upload(from, { collection: 'media', id })
              : undefined,
          )
          .filter((item): item is SafeHtml => item !== undefined)
        return {
          path: from,
          title,
          body: html`<article>
            <p class="meta">
              ${optionLabel(fields, 'kind', doc.kind)}${formatDate(doc.publishedDate) ? ` · ${formatDate(doc.publishedDate)}` : ''}
            </p>
            <h1>${title}</h1>
            ${recipients.length ? html`<p class="recipients">To: ${recipients.join('; ')}</p>` : ''}
            ${text(doc.summary) ? html`<p class="summary">${text(doc.summary)}</p>` : ''} ${warned}
            ${
              attachments.length
                ? html`<section>
                    <h2>Attachments</h2>
                    ${attachments}
                  </section>`
                : ''
            }
            ${this.references(from, 'trusts', doc.relatedTrusts, 'NHS trusts mentioned')}
            ${doc.kind === 'open_letter' ? this.signatures(doc) : ''}
          </article>`,
        }
      }
      case 'updates': {
        const hero =
          typeof doc.heroImage === 'number' || typeof doc.heroImage === 'string'
            ? this.upload(from, { collection: 'media', id: doc.heroImage })
            : undefined
        return {
          path: from,
          title,
          body: html`<article>
            <p class="meta">
              ${optionLabel(fields, 'category', doc.category)} · ${formatDate(doc.date)}
            </p>
            <h1>${title}</h1>
            ${hero ?? ''}
            ${text(doc.summary) ? html`<p class="summary">${text(doc.summary)}</p>` : ''} ${warned}
            ${this.references(from, 'statements', doc.relatedStatements, 'Related statements')}
            ${this.references(from, 'trusts', doc.relatedTrusts, 'NHS trusts mentioned')}
          </article>`,
        }
      }
      case 'pages':
        return {
          path: from,
          title,
          body: html`<article>
            <h1>${title}</h1>
            ${warned}
          </article>`,
        }
      case 'trusts':
        return { path: from, title, body: this.trust(from, collection, doc) }
      default:
        return { path: from, title, body: this.generic(from, collection, doc) }
    }
  }

  private signatures(letter: ArchivedDoc): SafeHtml {
    const signatories = this.docsOf('signatories').filter((doc) => doc.letter === letter.id)
    const count = this.data.signatureCounts.find((entry) => entry.letter === letter.id)
    const total = Math.max(count?.signatures ?? 0, signatories.length)
    const unlisted = total - signatories.length
    const people = total === 1 ? 'person' : 'people'
    const items = signatories.map((doc) => {
      const details = [text(doc.publicRole), text(doc.publicOrganisation)]
        .filter(Boolean)
        .join(', ')
      const onBehalf =
        doc.onBehalfOfOrganisation === true && text(doc.publicOrganisation)
          ? ' (signing for the organisation)'
          : ''
      return html`<li>
        <span class="name">${text(doc.publicName)}</span>${details ? `, ${details}` : ''}${onBehalf}
      </li>`
    })
    return html`<section id="signatures">
      <h2>Signatures</h2>
      <p>
        ${total} ${people} signed this
        letter.${unlisted > 0 ? ` ${unlisted} of them asked not to be listed by name.` : ''} Signing
        is closed.
      </p>
      ${
        items.length
          ? html`<ol class="signatories">
              ${items}
            </ol>`
          : ''
      }
    </section>`
  }

  private trust(from: string, collection: SanitizedCollectionConfig, doc: ArchivedDoc): SafeHtml {
    const fields = collection.flattenedFields
    const historyFields = childFields(fields, 'statusHistory')
    const evidenceFields = childFields(fields, 'evidence')
    const facts: [string, string][] = [
      ['ODS code', text(doc.odsCode)],
      ['Region', doc.region ? optionLabel(fields, 'region', doc.region) : ''],
      ['SIM status', optionLabel(fields, 'simStatus', doc.simStatus)],
      ['Partner police force', text(doc.policeForce)],
      ['Started', formatDate(doc.startedOn)],
      ['Ended', formatDate(doc.endedOn)],
      [
        'Names the scheme went by',
        list(doc.schemeNames)
          .map((entry) => (isObject(entry) ? text(entry.name) : ''))
          .filter(Boolean)
          .join('; '),
      ],
    ]
    const history = list(doc.statusHistory).filter(isObject)
    const evidence = list(doc.evidence).filter(isObject)
    const mentions = (slug: string, heading: string) =>
      this.references(
        from,
        slug,
        this.docsOf(slug)
          .filter((other) => list(other.relatedTrusts).includes(doc.id))
          .map((other) => other.id),
        heading,
      )
    const evidenceItems = evidence.map((item) => {
      const source = text(item.sourceUrl)
      const documentId = item.document
      const copy =
        typeof documentId === 'number' || typeof documentId === 'string'
          ? this.upload(from, { collection: 'media', id: documentId })
          : undefined
      return html`<li>
        <p class="meta">
          ${optionLabel(evidenceFields, 'kind', item.kind)}${formatDate(item.date) ? ` · ${formatDate(item.date)}` : ''}
        </p>
        <p>${text(item.summary)}</p>
        ${/^https?:\/\//i.test(source) ? html`<p>Source: <a href="${source}">${source}</a></p>` : source ? html`<p>Source: ${source}</p>` : ''}${copy ? html`<div class="copy">Our copy: ${copy}</div>` : ''}
      </li>`
    })
    const details = html`<dl class="facts">
        ${facts
          .filter(([, value]) => value)
          .map(
            ([term, value]) =>
              html`<dt>${term}</dt>
                <dd>${value}</dd>`,
          )}
      </dl>
      ${
        history.length
          ? html`<section>
              <h2>Status history</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Status</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  ${history.map(
                    (entry) =>
                      html`<tr>
                        <td>${formatDate(entry.date)}</td>
                        <td>${optionLabel(historyFields, 'status', entry.status)}</td>
                        <td>${text(entry.note)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </section>`
          : ''
      }
      ${
        evidenceItems.length
          ? html`<section>
              <h2>Evidence</h2>
              <ul class="evidence">
                ${evidenceItems}
              </ul>
            </section>`
          : ''
      }`
    return html`<article>
      <p class="meta"><a href="index.html">Evidence register</a></p>
      <h1>${this.titleOf(collection, doc)}</h1>
      ${this.behindWarning(doc.contentWarnings, details)}
      ${mentions('statements', 'Statements mentioning this trust')}
      ${mentions('updates', 'Updates mentioning this trust')}
    </article>`
  }

  /** A collection this site has no special page for: its plain fields, as a list. */
  private generic(from: string, collection: SanitizedCollectionConfig, doc: ArchivedDoc): SafeHtml {
    const rows = collection.flattenedFields
      .filter((field) => !['id', 'createdAt', 'updatedAt', '_status'].includes(field.name))
      .map((field) => {
        const value = doc[field.name]
        let shown: SafeHtml | string = ''
        if (field.type === 'richText') shown = this.richText(from, value)
        else if (field.type === 'date') shown = formatDate(value)
        else if (field.type === 'select' || field.type === 'radio')
          shown = list(value).length
            ? list(value)
                .map((entry) => optionLabel([field], field.name, entry))
                .join(', ')
            : value
              ? optionLabel([field], field.name, value)
              : ''
        else if (['text', 'textarea', 'number', 'email', 'checkbox'].includes(field.type))
          shown = value === null || value === undefined ? '' : String(value)
        const label = typeof field.label === 'string' ? field.label : field.name
        return shown === ''
          ? ''
          : html`<dt>${label}</dt>
              <dd>${shown}</dd>`
      })
    return html`<article>
      <h1>${this.titleOf(collection, doc)}</h1>
      <dl class="facts">${rows}</dl>
    </article>`
  }
}
