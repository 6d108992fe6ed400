import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "signatories" ADD COLUMN "name_block_key" varchar;
  CREATE INDEX "letter_nameBlockKey_idx" ON "signatories" USING btree ("letter_id","name_block_key");
  CREATE INDEX "letter_status_createdAt_idx" ON "signatories" USING btree ("letter_id","status","created_at");`)
  // Data: the key of every signature already stored, from its name key, as nameBlockKey()
  // in src/collections/Signatories/rules.ts works it out (surname, space, first initial).
  await db.execute(sql`
  UPDATE "signatories" SET "name_block_key" = CASE
    WHEN position(' ' in "name_key") > 0
      THEN regexp_replace("name_key", '^.* ', '') || ' ' || left("name_key", 1)
    ELSE "name_key" END
  WHERE "name_key" IS NOT NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "letter_nameBlockKey_idx";
  DROP INDEX "letter_status_createdAt_idx";
  ALTER TABLE "signatories" DROP COLUMN "name_block_key";`)
}
