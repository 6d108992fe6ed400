import type { RelationshipField } from 'payload'

import { isSignedInField } from '../access/isSignedInField'

/** Who created the document: decides which drafts a contributor may edit. Set by the server. */
export function createdByField(): RelationshipField {
  return {
    name: 'createdBy',
    type: 'relationship',
    label: 'Created by',
    relationTo: 'users',
    index: true,
    // Only the id: populating would copy the account (email, sessions) into every document.
    maxDepth: 0,
    access: { read: isSignedInField, create: () => false, update: () => false },
    hooks: {
      beforeChange: [
        ({ operation, req, value }) => (operation === 'create' && req.user ? req.user.id : value),
      ],
    },
    admin: { position: 'sidebar', readOnly: true },
  }
}
