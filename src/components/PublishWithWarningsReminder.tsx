'use client'

import { PublishButton, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React from 'react'

/**
 * Payload's Publish button, with a reminder beside it while the content warnings are not yet
 * reviewed: publishing would be refused, and a tired editor should not have to find out why.
 */
export function PublishWithWarningsReminder() {
  const { hasPublishPermission } = useDocumentInfo()
  const reviewed = useFormFields(([fields]) => fields['contentWarnings.reviewed']?.value === true)
  return (
    <>
      {hasPublishPermission && !reviewed && (
        <p
          className="warnings-reminder"
          role="note"
          style={{ margin: 0, maxWidth: '16rem', fontSize: '0.85rem', lineHeight: 1.3 }}
        >
          Before publishing, check the content warnings and tick “I have checked these warnings”.
        </p>
      )}
      <PublishButton />
    </>
  )
}
