import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { nameBlockKey } from '../../collections/Signatories/rules'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`signatories\` ADD \`name_block_key\` text;`)
  await db.run(
    sql`CREATE INDEX \`letter_nameBlockKey_idx\` ON \`signatories\` (\`letter_id\`,\`name_block_key\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`letter_status_createdAt_idx\` ON \`signatories\` (\`letter_id\`,\`status\`,\`created_at\`);`,
  )
  // Data: the key of every signature already stored, from its name key.
  const rows = await db.all<{ id: number; name_key: string }>(
    sql`SELECT \`id\`, \`name_key\` FROM \`signatories\` WHERE \`name_key\` IS NOT NULL`,
  )
  for (const row of rows) {
    await db.run(
      sql`UPDATE \`signatories\` SET \`name_block_key\` = ${nameBlockKey(row.name_key)} WHERE \`id\` = ${row.id}`,
    )
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`letter_nameBlockKey_idx\`;`)
  await db.run(sql`DROP INDEX \`letter_status_createdAt_idx\`;`)
  await db.run(sql`ALTER TABLE \`signatories\` DROP COLUMN \`name_block_key\`;`)
}
