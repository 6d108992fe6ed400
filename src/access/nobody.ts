import type { Access } from 'payload'

/** For what only the server does, through its own code: no request may, whoever sends it. */
export const nobody: Access = () => false
