import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "site_settings_helplines" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"contact" varchar NOT NULL,
  	"hours" varchar
  );
  
  ALTER TABLE "site_settings" ADD COLUMN "crisis_notice" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "accent_colour" varchar DEFAULT '#6b1f5c';
  ALTER TABLE "site_settings" ADD COLUMN "logo_id" integer;
  ALTER TABLE "site_settings_helplines" ADD CONSTRAINT "site_settings_helplines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."site_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "site_settings_helplines_order_idx" ON "site_settings_helplines" USING btree ("_order");
  CREATE INDEX "site_settings_helplines_parent_id_idx" ON "site_settings_helplines" USING btree ("_parent_id");
  ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_logo_id_media_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "site_settings_logo_idx" ON "site_settings" USING btree ("logo_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "site_settings_helplines" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "site_settings_helplines" CASCADE;
  ALTER TABLE "site_settings" DROP CONSTRAINT "site_settings_logo_id_media_id_fk";
  
  DROP INDEX "site_settings_logo_idx";
  ALTER TABLE "site_settings" DROP COLUMN "crisis_notice";
  ALTER TABLE "site_settings" DROP COLUMN "accent_colour";
  ALTER TABLE "site_settings" DROP COLUMN "logo_id";`)
}
