import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "letter_status_createdAt_idx";
  CREATE INDEX "letter_status_createdAt_display_idx" ON "signatories" USING btree ("letter_id","status","created_at","display");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "letter_status_createdAt_display_idx";
  CREATE INDEX "letter_status_createdAt_idx" ON "signatories" USING btree ("letter_id","status","created_at");`)
}
