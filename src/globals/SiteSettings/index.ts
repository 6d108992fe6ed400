import type { GlobalConfig } from 'payload'

import { anyone } from '../../access/anyone'
import { isAdmin } from '../../access/isAdmin'

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  admin: { group: 'Admin', description: 'The site’s name, contact details and archive mode.' },
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
