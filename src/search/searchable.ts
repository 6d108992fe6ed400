/** The collections whose published documents are in the search index. */
export const SEARCHABLE_COLLECTIONS = ['statements', 'updates', 'pages', 'trusts'] as const
