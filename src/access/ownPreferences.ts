import type { Access, Where } from 'payload'

/** Admin-panel preferences (columns, open panels): each account its own, nobody else's. */
export const ownPreferences: Access = ({ req }) => {
  if (!req.user) return false
  const own: Where = {
    and: [
      { 'user.value': { equals: req.user.id } },
      { 'user.relationTo': { equals: req.user.collection } },
    ],
  }
  return own
}
