export const ROLES = ['admin', 'editor', 'moderator', 'contributor', 'artist'] as const

export type Role = (typeof ROLES)[number]

export const ROLE_OPTIONS: { label: string; value: Role }[] = [
  { label: 'Admin: everything, including accounts and settings', value: 'admin' },
  { label: 'Editor: writes, publishes and moderates all content', value: 'editor' },
  { label: 'Moderator: reviews signatures and artwork', value: 'moderator' },
  { label: 'Contributor: writes drafts for an editor to publish', value: 'contributor' },
  { label: 'Artist: uploads their own artwork', value: 'artist' },
]
