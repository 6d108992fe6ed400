import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { nobody } from '../../access/nobody'
import { WEBHOOK_EVENT_OPTIONS } from '../../webhooks/events'
import { resendEndpoint } from './resendEndpoint'

export const DELIVERY_STATUSES = [
  { value: 'scheduled', label: 'Waiting to be sent' },
  { value: 'retrying', label: 'Failed, will try again' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Gave up' },
  { value: 'cancelled', label: 'Not sent: webhook switched off or deleted' },
] as const

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]['value']

/** Every event sent to a webhook, with each attempt, for admins to read and send again. */
export const WebhookDeliveries: CollectionConfig = {
  slug: 'webhook-deliveries',
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    group: 'Admin',
    useAsTitle: 'event',
    defaultColumns: ['event', 'webhook', 'status', 'lastStatusCode', 'createdAt'],
    description:
      'What was sent to each webhook and how the receiver answered. Open one to send it again.',
  },
  defaultSort: '-createdAt',
  access: { create: nobody, read: isAdmin, update: nobody, delete: isAdmin },
  endpoints: [resendEndpoint],
  fields: [
    {
      name: 'resend',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/components/ResendDelivery#ResendDelivery' },
      },
    },
    {
      name: 'webhook',
      type: 'relationship',
      label: 'Webhook',
      relationTo: 'webhooks',
      // Not required: the record of what was sent outlives a deleted webhook.
      index: true,
    },
    {
      name: 'event',
      type: 'select',
      label: 'Event',
      required: true,
      options: WEBHOOK_EVENT_OPTIONS,
    },
    // The document the event is about, for "at most once a minute" per letter.
    { name: 'documentId', type: 'text', label: 'Document', index: true },
    { name: 'messageId', type: 'text', label: 'Message id (webhook-id)', required: true },
    { name: 'payload', type: 'json', label: 'What is sent', required: true },
    {
      name: 'status',
      type: 'select',
      label: 'Status',
      required: true,
      defaultValue: 'scheduled',
      index: true,
      options: [...DELIVERY_STATUSES],
      admin: { position: 'sidebar' },
    },
    {
      name: 'scheduledFor',
      type: 'date',
      label: 'Sent no earlier than',
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'deliveredAt', type: 'date', label: 'Delivered at', admin: { position: 'sidebar' } },
    { name: 'lastStatusCode', type: 'number', label: 'Last HTTP status' },
    { name: 'lastError', type: 'textarea', label: 'Last error' },
    {
      name: 'attempts',
      type: 'array',
      label: 'Attempts',
      fields: [
        {
          name: 'at',
          type: 'date',
          label: 'At',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'statusCode', type: 'number', label: 'HTTP status' },
        { name: 'error', type: 'text', label: 'Error' },
        { name: 'durationMs', type: 'number', label: 'Took (ms)' },
      ],
    },
  ],
}
