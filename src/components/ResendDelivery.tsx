'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

/** "Send again" on a webhook delivery, for admins (the endpoint checks). */
export function ResendDelivery() {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null

  const resend = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${serverURL}${api}/webhook-deliveries/${id}/resend`, {
        method: 'POST',
        credentials: 'include',
      })
      const body = (await response.json().catch(() => ({}))) as {
        message?: string
        errors?: { message: string }[]
      }
      setMessage(
        response.ok
          ? 'Queued: it will be sent within a minute. Reload to see the attempt.'
          : (body.errors?.[0]?.message ?? `Could not resend (HTTP ${response.status}).`),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ marginBottom: '1.5rem' }}>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void resend()}>
        Send again
      </Button>
      {message && <p role="status">{message}</p>}
    </div>
  )
}
