import type { Payload } from 'payload'

export type SigningSettings = {
  emailConfirmation: boolean
  confirmationHours: number
  retentionDays: number
}

/** Set in payload.config.ts from the environment, under `custom.signing`. */
export function signingSettings(payload: Payload): SigningSettings {
  const custom = payload.config.custom as { signing?: SigningSettings } | undefined
  return custom?.signing ?? { emailConfirmation: false, confirmationHours: 72, retentionDays: 90 }
}
