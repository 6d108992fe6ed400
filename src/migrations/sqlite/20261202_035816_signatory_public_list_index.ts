import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`letter_status_createdAt_idx\`;`)
  await db.run(
    sql`CREATE INDEX \`letter_status_createdAt_display_idx\` ON \`signatories\` (\`letter_id\`,\`status\`,\`created_at\`,\`display\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`letter_status_createdAt_display_idx\`;`)
  await db.run(
    sql`CREATE INDEX \`letter_status_createdAt_idx\` ON \`signatories\` (\`letter_id\`,\`status\`,\`created_at\`);`,
  )
}
