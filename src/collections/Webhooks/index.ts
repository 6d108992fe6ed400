import type {
  CollectionBeforeChangeHook,
  CollectionConfig,
  TextFieldSingleValidation,
} from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { checkDestination, parseWebhookUrl } from '../../webhooks/address'
import { WEBHOOK_EVENT_OPTIONS } from '../../webhooks/events'
import { newWebhookSecret } from '../../webhooks/send'
import { webhookSettings } from '../../webhooks/settings'

const validateUrl: TextFieldSingleValidation = async (value, { req }) => {
  try {
    await checkDestination(parseWebhookUrl(value), webhookSettings(req.payload).allowPrivate)
    return true
  } catch (error) {
    return (error as Error).message
  }
}

// Switching an endpoint back on is the admin saying it is fixed: forget why it was switched off.
const clearSwitchOffWhenEnabled: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data.enabled === true && originalDoc?.enabled === false) {
    return { ...data, switchedOffAt: null, switchedOffReason: null }
  }
  return data
}

export const Webhooks: CollectionConfig = {
  slug: 'webhooks',
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  admin: {
    group: 'Admin',
    useAsTitle: 'url',
    defaultColumns: ['url', 'events', 'enabled', 'switchedOffAt', 'updatedAt'],
    description:
      'Addresses told when something is published, taken down or deleted, so a front end can rebuild. Each delivery is signed with the secret (Standard Webhooks).',
  },
  access: { create: isAdmin, read: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { beforeChange: [clearSwitchOffWhenEnabled] },
  fields: [
    {
      name: 'url',
      type: 'text',
      label: 'Address',
      required: true,
      maxLength: 2000,
      validate: validateUrl,
      admin: { description: 'Where to send each event, e.g. a deploy hook: https://…' },
    },
    {
      name: 'events',
      type: 'select',
      label: 'Events',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENT_OPTIONS,
      admin: { description: 'What this address should be told about.' },
    },
    {
      name: 'secret',
      type: 'text',
      label: 'Signing secret',
      required: true,
      maxLength: 200,
      defaultValue: newWebhookSecret,
      validate: (value: string | null | undefined) =>
        /^whsec_[A-Za-z0-9+/=]{16,}$/.test(value ?? '') ||
        'The secret must start with whsec_ followed by base64, as made for you when left as it is.',
      admin: {
        description:
          'Give this to the receiver so it can check each delivery came from here. Made for you; change it if it leaks.',
      },
    },
    {
      name: 'enabled',
      type: 'checkbox',
      label: 'On',
      defaultValue: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'switchedOffAt',
      type: 'date',
      label: 'Switched off automatically at',
      admin: {
        position: 'sidebar',
        readOnly: true,
        date: { pickerAppearance: 'dayAndTime' },
        condition: (data) => Boolean(data?.switchedOffAt),
      },
    },
    {
      name: 'switchedOffReason',
      type: 'textarea',
      label: 'Why it was switched off',
      admin: {
        position: 'sidebar',
        readOnly: true,
        condition: (data) => Boolean(data?.switchedOffReason),
      },
    },
  ],
}
