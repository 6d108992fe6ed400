import type { DateField } from 'payload'

import { isPublishing } from '../access/isPublishing'

/** The date shown on the site; set to the moment of publishing unless an editor chose one. */
export function publishedDateField(): DateField {
  return {
    name: 'publishedDate',
    type: 'date',
    label: 'Date published',
    index: true,
    hooks: {
      beforeChange: [
        ({ siblingData, value }) =>
          value ?? (isPublishing(siblingData) ? new Date().toISOString() : value),
      ],
    },
    admin: {
      position: 'sidebar',
      date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMMM yyyy' },
      description: 'Shown on the site. Filled in when first published if left empty.',
    },
  }
}
