import type { RunJobAccess } from 'payload'

import { declareAccess } from './assertAccessDeclared'

/**
 * Jobs run on the elected job runner only (src/jobs/oneRunner.ts): a run started over HTTP would
 * claim jobs on whichever instance the load balancer picked, beside the runner. Nobody, admins
 * included, starts one that way.
 */
export const noJobRunsOverHttp: RunJobAccess = () => false

declareAccess({ run: noJobRunsOverHttp })
