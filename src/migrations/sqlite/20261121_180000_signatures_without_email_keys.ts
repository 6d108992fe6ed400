import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

// Data only: a signature without an email address gets a key of its own instead of NULL (see
// NO_EMAIL_KEY_PREFIX in src/collections/Signatories/normalise.ts). The schema is unchanged.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql`UPDATE \`signatories\` SET \`email_hash\` = 'none:' || \`id\` WHERE \`email_hash\` IS NULL`,
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(
    sql`UPDATE \`signatories\` SET \`email_hash\` = NULL WHERE \`email_hash\` LIKE 'none:%'`,
  )
}
