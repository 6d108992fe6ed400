import type { EmailAdapter } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'

import type { Environment } from './environment'

/** Mail goes out only when SMTP_URL is set; otherwise Payload writes emails to the log. */
export function emailAdapter(environment: Environment): Promise<EmailAdapter> | undefined {
  if (!environment.smtpUrl) return undefined
  return nodemailerAdapter({
    defaultFromAddress: environment.emailFrom,
    defaultFromName: environment.emailFromName,
    transport: nodemailer.createTransport(environment.smtpUrl),
    // A mail server that is down must not stop the CMS from starting.
    skipVerify: true,
  })
}
