import type { GlobalConfig } from 'payload'

import { anyone } from '../../access/anyone'
import { isAdmin } from '../../access/isAdmin'

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  admin: {
    group: 'Admin',
    description: 'The site’s name, look, crisis notice, contact details and archive mode.',
  },
  access: { read: anyone, update: isAdmin },
  fields: [
    {
      name: 'siteName',
      type: 'text',
      label: 'Site name',
      required: true,
      defaultValue: '#StopSIM',
    },
    {
      name: 'contactEmail',
      type: 'email',
      label: 'Contact email',
      admin: { description: 'Shown publicly on the contact page.' },
    },
    {
      name: 'crisisNotice',
      type: 'textarea',
      label: 'Crisis notice',
      maxLength: 600,
      admin: {
        description:
          'Shown at the foot of every page: that the group cannot answer a crisis, and where to turn instead.',
      },
    },
    {
      name: 'helplines',
      type: 'array',
      label: 'Helplines',
      labels: { singular: 'Helpline', plural: 'Helplines' },
      maxRows: 8,
      admin: { description: 'Listed with the crisis notice on every page.' },
      fields: [
        { name: 'name', type: 'text', label: 'Name', required: true, maxLength: 120 },
        {
          name: 'contact',
          type: 'text',
          label: 'Phone number or text line',
          required: true,
          maxLength: 120,
        },
        { name: 'hours', type: 'text', label: 'When it is open', maxLength: 120 },
      ],
    },
    {
      name: 'accentColour',
      type: 'text',
      label: 'Accent colour',
      defaultValue: '#6b1f5c',
      validate: (value: string | null | undefined) =>
        !value ||
        /^#[0-9a-fA-F]{6}$/.test(value) ||
        'Give the colour as # and six hexadecimal digits, for example #6b1f5c.',
      admin: {
        description:
          'Used for the header and links, as #rrggbb. Choose a dark colour: white text sits on it.',
      },
    },
    {
      name: 'logo',
      type: 'upload',
      label: 'Logo',
      relationTo: 'media',
      filterOptions: { mimeType: { like: 'image/' } },
      admin: { description: 'Optional: shown beside the site name at the top of every page.' },
    },
    {
      name: 'archiveNotice',
      type: 'textarea',
      label: 'Archive notice',
      maxLength: 1000,
      admin: { description: 'Shown across the site once it is an archive.' },
    },
    {
      name: 'archiveMode',
      type: 'checkbox',
      label: 'Archive mode',
      defaultValue: false,
      admin: {
        description:
          'Makes the site read-only for everyone except admins and closes signing. For when the campaign ends.',
      },
    },
  ],
}
