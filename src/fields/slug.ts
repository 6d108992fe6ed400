import type { FieldHook, TextField } from 'payload'

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_SLUG_LENGTH = 96

/** "Réponse à la Police (2024)!" → "reponse-a-la-police-2024" */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '')

const fillSlug =
  (sourceField: string): FieldHook =>
  async ({ collection, data, originalDoc, req, value }) => {
    if (typeof value === 'string' && value.trim()) return slugify(value)
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    if (typeof source !== 'string' || !source.trim() || !collection) return value
    // A slug made for the editor must not collide; one they typed themselves may, and then
    // the unique index refuses it with a message naming the field.
    const base = slugify(source) || 'untitled'
    for (let attempt = 1; attempt < 100; attempt++) {
      const candidate = attempt === 1 ? base : `${base}-${attempt}`
      const { totalDocs } = await req.payload.count({
        collection: collection.slug,
        overrideAccess: true,
        req,
        where: {
          and: [
            { slug: { equals: candidate } },
            ...(originalDoc?.id !== undefined ? [{ id: { not_equals: originalDoc.id } }] : []),
          ],
        },
      })
      if (totalDocs === 0) return candidate
    }
    return `${base}-${Date.now()}`
  }

export function slugField(sourceField = 'title'): TextField {
  return {
    name: 'slug',
    type: 'text',
    label: 'Web address',
    unique: true,
    index: true,
    maxLength: MAX_SLUG_LENGTH,
    hooks: { beforeValidate: [fillSlug(sourceField)] },
    validate: (value: string | null | undefined) =>
      !value ||
      SLUG_PATTERN.test(value) ||
      'Use lower-case letters, numbers and hyphens only, for example our-response-to-sim.',
    admin: {
      position: 'sidebar',
      description:
        'The last part of this page’s address on the website. Made from the title if you leave it empty.',
    },
  }
}
