import type { TextareaField } from 'payload'

export function summaryField(): TextareaField {
  return {
    name: 'summary',
    type: 'textarea',
    label: 'Summary',
    maxLength: 600,
    admin: { description: 'One or two sentences, shown in lists and when shared.' },
  }
}
