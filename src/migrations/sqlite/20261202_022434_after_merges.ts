import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-sqlite'

/**
 * Changes nothing. Four branches added migrations side by side, each from the schema before
 * the others; their changes are all applied by those migrations. This one carries the snapshot
 * of the merged schema (the .json beside it), so the next `npm run migrate:create` compares
 * with the schema as it is, not with one branch's view of it.
 */
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
