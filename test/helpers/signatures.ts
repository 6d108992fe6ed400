/** Addresses the old signing form took and Payload's email field then refused. */
export const DOUBTFUL_EMAILS = ['x@y.c', 'a..b@example.org', 'zoë@example.org'] as const
