import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

const DRAFTED_COLLECTIONS = ['statements', 'updates', 'pages', 'trusts'] as const

// Data only. `_status` was once stored as sent, so a document could hold a value that is
// neither "draft" nor "published": it was listed in the public search and its GraphQL reads
// failed. Such documents become drafts and leave the search index. PostgreSQL stores
// `_status` as an enum and never held such values, so it needs no migration.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const collection of DRAFTED_COLLECTIONS) {
    const odd = sql.raw(
      `SELECT \`id\` FROM \`${collection}\` WHERE \`_status\` NOT IN ('draft', 'published')`,
    )
    await db.run(
      sql`DELETE FROM \`search\` WHERE \`id\` IN (SELECT \`parent_id\` FROM \`search_rels\` WHERE ${sql.raw(`\`${collection}_id\``)} IN (${odd}))`,
    )
    await db.run(
      sql.raw(
        `UPDATE \`${collection}\` SET \`_status\` = 'draft' WHERE \`_status\` NOT IN ('draft', 'published')`,
      ),
    )
    await db.run(
      sql.raw(
        `UPDATE \`_${collection}_v\` SET \`version__status\` = 'draft' WHERE \`version__status\` NOT IN ('draft', 'published')`,
      ),
    )
  }
}

// The odd values are not kept: there is nothing to put back.
export async function down(_args: MigrateDownArgs): Promise<void> {}
