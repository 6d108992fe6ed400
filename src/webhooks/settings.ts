import type { Payload } from 'payload'

export type WebhookSettings = {
  allowPrivate: boolean
  retryAttempts: number
  retryDelayMs: number
}

/** The webhook settings from the environment, as the config carries them. */
export const webhookSettings = (payload: Payload): WebhookSettings =>
  (payload.config.custom as { webhooks: WebhookSettings }).webhooks
