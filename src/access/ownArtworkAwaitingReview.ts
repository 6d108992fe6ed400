import type { Where } from 'payload'

/** An artist's own artwork that nobody has approved yet: theirs to change or take back. */
export const ownArtworkAwaitingReview = (userId: number | string): Where => ({
  and: [{ artist: { equals: userId } }, { moderationStatus: { not_equals: 'approved' } }],
})
