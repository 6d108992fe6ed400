/** Whether a create or update asks for the document to go live. */
export const isPublishing = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && '_status' in data && data._status === 'published'
