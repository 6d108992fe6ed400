import type { PayloadRequest } from 'payload'

import { hasRole } from './hasRole'

/** The job queue's own rules (run, queue, cancel) want a plain yes or no: admins only. */
export const isAdminRequest = ({ req }: { req: PayloadRequest }): boolean =>
  hasRole(req.user, 'admin')
