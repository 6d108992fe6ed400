import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_signatories_display" AS ENUM('full', 'name_only', 'anonymous', 'counted_only');
  CREATE TYPE "public"."enum_signatories_status" AS ENUM('pending', 'verified', 'approved', 'rejected', 'duplicate', 'withdrawn');
  CREATE TYPE "public"."enum_signatories_source" AS ENUM('form', 'import', 'admin');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'expireUnconfirmedSignatures' BEFORE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'expireUnconfirmedSignatures' BEFORE 'schedulePublish';
  CREATE TABLE "signatories" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"letter_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"role" varchar,
  	"organisation" varchar,
  	"on_behalf_of_organisation" boolean DEFAULT false,
  	"display" "enum_signatories_display" DEFAULT 'full' NOT NULL,
  	"public_name" varchar,
  	"public_role" varchar,
  	"public_organisation" varchar,
  	"email" varchar,
  	"status" "enum_signatories_status" DEFAULT 'pending' NOT NULL,
  	"possible_duplicate_of_id" integer,
  	"moderation_note" varchar,
  	"source" "enum_signatories_source" DEFAULT 'admin',
  	"consent_notice" varchar,
  	"consent_version" varchar,
  	"consent_given_at" timestamp(3) with time zone,
  	"verified_at" timestamp(3) with time zone,
  	"email_hash" varchar,
  	"confirm_token_hash" varchar,
  	"confirm_expires_at" timestamp(3) with time zone,
  	"withdraw_token_hash" varchar,
  	"name_key" varchar,
  	"ip_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "signatories_id" integer;
  ALTER TABLE "signatories" ADD CONSTRAINT "signatories_letter_id_statements_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."statements"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "signatories" ADD CONSTRAINT "signatories_possible_duplicate_of_id_signatories_id_fk" FOREIGN KEY ("possible_duplicate_of_id") REFERENCES "public"."signatories"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "signatories_letter_idx" ON "signatories" USING btree ("letter_id");
  CREATE INDEX "signatories_status_idx" ON "signatories" USING btree ("status");
  CREATE INDEX "signatories_possible_duplicate_of_idx" ON "signatories" USING btree ("possible_duplicate_of_id");
  CREATE INDEX "signatories_email_hash_idx" ON "signatories" USING btree ("email_hash");
  CREATE INDEX "signatories_confirm_token_hash_idx" ON "signatories" USING btree ("confirm_token_hash");
  CREATE INDEX "signatories_confirm_expires_at_idx" ON "signatories" USING btree ("confirm_expires_at");
  CREATE INDEX "signatories_withdraw_token_hash_idx" ON "signatories" USING btree ("withdraw_token_hash");
  CREATE INDEX "signatories_name_key_idx" ON "signatories" USING btree ("name_key");
  CREATE INDEX "signatories_updated_at_idx" ON "signatories" USING btree ("updated_at");
  CREATE INDEX "signatories_created_at_idx" ON "signatories" USING btree ("created_at");
  CREATE UNIQUE INDEX "letter_emailHash_idx" ON "signatories" USING btree ("letter_id","email_hash");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_signatories_fk" FOREIGN KEY ("signatories_id") REFERENCES "public"."signatories"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_signatories_id_idx" ON "payload_locked_documents_rels" USING btree ("signatories_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "signatories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "signatories" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_signatories_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_signatories_id_idx";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "signatories_id";
  DROP TYPE "public"."enum_signatories_display";
  DROP TYPE "public"."enum_signatories_status";
  DROP TYPE "public"."enum_signatories_source";`)
}
