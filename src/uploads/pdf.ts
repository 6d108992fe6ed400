import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFStream,
} from 'pdf-lib'

import { uploadRefusal } from './refusal'

// Names that make a reader run, open or play something: scripts, launching programs,
// attached files, embedded media, and forms that send data away. Campaign documents need none.
const ACTIVE_CONTENT = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'FileAttachment',
  'RichMedia',
  'Movie',
  'Sound',
  'Screen',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
  // Opening another file (over UNC or the web, a tracking beacon) or playing a rendition.
  'GoToR',
  'Rendition',
  // Actions run on events (opening a page, closing the document, ...), of whatever kind.
  'AA',
])

// Where a PDF keeps who made it, with what and when, besides its text.
const METADATA_KEYS = ['Metadata', 'PieceInfo', 'LastModified']
// A comment's author and dates. Form fields (widgets) use /T for the field's own name.
const ANNOTATION_PERSONAL_KEYS = ['T', 'M', 'CreationDate']

/**
 * Reads a PDF the way a reader would, object streams decompressed and escaped names decoded,
 * so active content cannot hide from the check (a byte search misses both).
 */
export async function readPdf(bytes: Buffer): Promise<PDFDocument> {
  let document: PDFDocument
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false })
    // pdf-lib reads what it can of a broken file; one without a page is no document at all.
    if (document.getPageCount() === 0) throw new Error('no pages')
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      throw uploadRefusal(
        'This PDF is password-protected or encrypted, so it cannot be checked. Please save a copy without protection and retry.',
        400,
      )
    }
    throw uploadRefusal(
      'The PDF could not be read. It may be damaged; please save it again and retry.',
      400,
    )
  }
  if (everyDictionary(document).some(hasActiveContent)) {
    throw uploadRefusal(
      'This PDF contains scripts, actions that open other files or web addresses, attachments, embedded media or a form that sends data. Please save it as a plain PDF (for example with “Print to PDF”) and retry.',
      400,
    )
  }
  return document
}

/**
 * The same PDF without what says who made it: the document information (author, creator,
 * producer, dates, title), XMP metadata streams, application data, comment authors, and
 * everything earlier revisions left behind. The text and pictures are kept as they are.
 */
export async function withoutPdfMetadata(document: PDFDocument): Promise<Buffer> {
  const { context } = document
  context.trailerInfo.Info = undefined
  for (const dict of everyDictionary(document)) {
    for (const key of METADATA_KEYS) dict.delete(PDFName.of(key))
    if (isCommentAnnotation(dict)) {
      for (const key of ANNOTATION_PERSONAL_KEYS) dict.delete(PDFName.of(key))
    }
  }
  // An incremental save keeps the old document information and metadata as objects nothing
  // points at any more; a full rewrite would still write them out.
  const reachable = reachableFrom(context.trailerInfo.Root, (ref) => context.lookup(ref))
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref)
  }
  const saved = await document.save({
    addDefaultPage: false,
    updateFieldAppearances: false,
    useObjectStreams: false,
  })
  return Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength)
}

// What an object holds directly: a stream its dictionary, a dictionary its values, an array its
// items. The walks below keep their own stack, so a deeply nested file cannot overflow the call
// stack, and push children one by one, as a huge array could exceed the limit on arguments.
function childrenOf(object: PDFObject | undefined): PDFObject[] {
  if (object instanceof PDFStream) return [object.dict]
  if (object instanceof PDFDict) return object.entries().map(([, value]) => value)
  if (object instanceof PDFArray) return object.asArray()
  return []
}

function everyDictionary(document: PDFDocument): PDFDict[] {
  const dictionaries: PDFDict[] = []
  const pending = document.context.enumerateIndirectObjects().map(([, object]) => object)
  while (pending.length) {
    const object = pending.pop()
    if (object instanceof PDFDict) dictionaries.push(object)
    for (const child of childrenOf(object)) pending.push(child)
  }
  return dictionaries
}

// A name may be written with #xx escapes in either case: /J#61vaScript is /JavaScript.
const plainName = (name: PDFName) =>
  name
    .asString()
    .slice(1)
    .replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

function hasActiveContent(dict: PDFDict): boolean {
  return dict.entries().some(
    ([key, value]) =>
      ACTIVE_CONTENT.has(plainName(key)) ||
      (value instanceof PDFName && ACTIVE_CONTENT.has(plainName(value))) ||
      // Opening at a page (a destination, an array) is ordinary; any action on opening
      // (a web address, another file) is not.
      (plainName(key) === 'OpenAction' && !(value instanceof PDFArray)),
  )
}

// Every annotation has a subtype and a rectangle; all but form widgets are comments and marks.
function isCommentAnnotation(dict: PDFDict): boolean {
  const subtype = dict.get(PDFName.of('Subtype'))
  return (
    subtype instanceof PDFName && plainName(subtype) !== 'Widget' && dict.has(PDFName.of('Rect'))
  )
}

function reachableFrom(
  root: PDFObject | undefined,
  lookup: (ref: PDFRef) => PDFObject | undefined,
): Set<PDFRef> {
  const seen = new Set<PDFRef>()
  const pending: (PDFObject | undefined)[] = [root]
  while (pending.length) {
    const object = pending.pop()
    if (object instanceof PDFRef) {
      if (seen.has(object)) continue
      seen.add(object)
      pending.push(lookup(object))
    } else {
      for (const child of childrenOf(object)) pending.push(child)
    }
  }
  return seen
}
