import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_statements_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum_statements_kind" AS ENUM('statement', 'open_letter', 'response', 'policy', 'press_release');
  CREATE TYPE "public"."enum_statements_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum_statements_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__statements_v_version_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum__statements_v_version_kind" AS ENUM('statement', 'open_letter', 'response', 'policy', 'press_release');
  CREATE TYPE "public"."enum__statements_v_version_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum__statements_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_updates_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum_updates_category" AS ENUM('milestone', 'news', 'event', 'call_to_action');
  CREATE TYPE "public"."enum_updates_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum_updates_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__updates_v_version_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum__updates_v_version_category" AS ENUM('milestone', 'news', 'event', 'call_to_action');
  CREATE TYPE "public"."enum__updates_v_version_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum__updates_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_pages_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum_pages_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum_pages_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__pages_v_version_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum__pages_v_version_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum__pages_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_trusts_status_history_status" AS ENUM('confirmed', 'similar_scheme', 'ended', 'under_review', 'denied', 'no_evidence');
  CREATE TYPE "public"."enum_trusts_evidence_kind" AS ENUM('foi_response', 'report', 'news', 'statement');
  CREATE TYPE "public"."enum_trusts_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum_trusts_region" AS ENUM('london', 'south_east', 'south_west', 'east_of_england', 'midlands', 'north_east_yorkshire', 'north_west', 'wales', 'scotland', 'northern_ireland');
  CREATE TYPE "public"."enum_trusts_sim_status" AS ENUM('confirmed', 'similar_scheme', 'ended', 'under_review', 'denied', 'no_evidence');
  CREATE TYPE "public"."enum_trusts_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum_trusts_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__trusts_v_version_status_history_status" AS ENUM('confirmed', 'similar_scheme', 'ended', 'under_review', 'denied', 'no_evidence');
  CREATE TYPE "public"."enum__trusts_v_version_evidence_kind" AS ENUM('foi_response', 'report', 'news', 'statement');
  CREATE TYPE "public"."enum__trusts_v_version_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum__trusts_v_version_region" AS ENUM('london', 'south_east', 'south_west', 'east_of_england', 'midlands', 'north_east_yorkshire', 'north_west', 'wales', 'scotland', 'northern_ireland');
  CREATE TYPE "public"."enum__trusts_v_version_sim_status" AS ENUM('confirmed', 'similar_scheme', 'ended', 'under_review', 'denied', 'no_evidence');
  CREATE TYPE "public"."enum__trusts_v_version_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum__trusts_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TABLE "statements_recipients" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar
  );
  
  CREATE TABLE "statements_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_statements_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "statements" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"kind" "enum_statements_kind" DEFAULT 'statement',
  	"summary" varchar,
  	"body" jsonb,
  	"content_warnings_level" "enum_statements_content_warnings_level",
  	"content_warnings_note" varchar,
  	"content_warnings_flags" varchar,
  	"content_warnings_reviewed" boolean DEFAULT false,
  	"signing_open" boolean DEFAULT true,
  	"signing_closes_at" timestamp(3) with time zone,
  	"slug" varchar,
  	"published_date" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_statements_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "statements_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"trusts_id" integer
  );
  
  CREATE TABLE "_statements_v_version_recipients" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_statements_v_version_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__statements_v_version_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_statements_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_kind" "enum__statements_v_version_kind" DEFAULT 'statement',
  	"version_summary" varchar,
  	"version_body" jsonb,
  	"version_content_warnings_level" "enum__statements_v_version_content_warnings_level",
  	"version_content_warnings_note" varchar,
  	"version_content_warnings_flags" varchar,
  	"version_content_warnings_reviewed" boolean DEFAULT false,
  	"version_signing_open" boolean DEFAULT true,
  	"version_signing_closes_at" timestamp(3) with time zone,
  	"version_slug" varchar,
  	"version_published_date" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__statements_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean,
  	"autosave" boolean
  );
  
  CREATE TABLE "_statements_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"trusts_id" integer
  );
  
  CREATE TABLE "updates_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_updates_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "updates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"date" timestamp(3) with time zone,
  	"category" "enum_updates_category" DEFAULT 'news',
  	"summary" varchar,
  	"body" jsonb,
  	"content_warnings_level" "enum_updates_content_warnings_level",
  	"content_warnings_note" varchar,
  	"content_warnings_flags" varchar,
  	"content_warnings_reviewed" boolean DEFAULT false,
  	"slug" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_updates_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "updates_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"statements_id" integer,
  	"trusts_id" integer
  );
  
  CREATE TABLE "_updates_v_version_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__updates_v_version_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_updates_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_date" timestamp(3) with time zone,
  	"version_category" "enum__updates_v_version_category" DEFAULT 'news',
  	"version_summary" varchar,
  	"version_body" jsonb,
  	"version_content_warnings_level" "enum__updates_v_version_content_warnings_level",
  	"version_content_warnings_note" varchar,
  	"version_content_warnings_flags" varchar,
  	"version_content_warnings_reviewed" boolean DEFAULT false,
  	"version_slug" varchar,
  	"version_created_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__updates_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean,
  	"autosave" boolean
  );
  
  CREATE TABLE "_updates_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"statements_id" integer,
  	"trusts_id" integer
  );
  
  CREATE TABLE "pages_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_pages_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"body" jsonb,
  	"content_warnings_level" "enum_pages_content_warnings_level",
  	"content_warnings_note" varchar,
  	"content_warnings_flags" varchar,
  	"content_warnings_reviewed" boolean DEFAULT false,
  	"slug" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_pages_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_pages_v_version_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__pages_v_version_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_pages_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_body" jsonb,
  	"version_content_warnings_level" "enum__pages_v_version_content_warnings_level",
  	"version_content_warnings_note" varchar,
  	"version_content_warnings_flags" varchar,
  	"version_content_warnings_reviewed" boolean DEFAULT false,
  	"version_slug" varchar,
  	"version_created_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__pages_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean,
  	"autosave" boolean
  );
  
  CREATE TABLE "trusts_scheme_names" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar
  );
  
  CREATE TABLE "trusts_status_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" timestamp(3) with time zone,
  	"status" "enum_trusts_status_history_status",
  	"note" varchar
  );
  
  CREATE TABLE "trusts_evidence" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"kind" "enum_trusts_evidence_kind",
  	"date" timestamp(3) with time zone,
  	"summary" varchar,
  	"source_url" varchar
  );
  
  CREATE TABLE "trusts_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_trusts_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "trusts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"ods_code" varchar,
  	"region" "enum_trusts_region",
  	"sim_status" "enum_trusts_sim_status" DEFAULT 'under_review',
  	"police_force" varchar,
  	"started_on" timestamp(3) with time zone,
  	"ended_on" timestamp(3) with time zone,
  	"latitude" numeric,
  	"longitude" numeric,
  	"content_warnings_level" "enum_trusts_content_warnings_level",
  	"content_warnings_note" varchar,
  	"content_warnings_flags" varchar,
  	"content_warnings_reviewed" boolean DEFAULT false,
  	"slug" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_trusts_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_trusts_v_version_scheme_names" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_trusts_v_version_status_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"date" timestamp(3) with time zone,
  	"status" "enum__trusts_v_version_status_history_status",
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_trusts_v_version_evidence" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum__trusts_v_version_evidence_kind",
  	"date" timestamp(3) with time zone,
  	"summary" varchar,
  	"source_url" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_trusts_v_version_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__trusts_v_version_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_trusts_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_name" varchar,
  	"version_ods_code" varchar,
  	"version_region" "enum__trusts_v_version_region",
  	"version_sim_status" "enum__trusts_v_version_sim_status" DEFAULT 'under_review',
  	"version_police_force" varchar,
  	"version_started_on" timestamp(3) with time zone,
  	"version_ended_on" timestamp(3) with time zone,
  	"version_latitude" numeric,
  	"version_longitude" numeric,
  	"version_content_warnings_level" "enum__trusts_v_version_content_warnings_level",
  	"version_content_warnings_note" varchar,
  	"version_content_warnings_flags" varchar,
  	"version_content_warnings_reviewed" boolean DEFAULT false,
  	"version_slug" varchar,
  	"version_created_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__trusts_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "search" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"priority" numeric,
  	"summary" varchar,
  	"slug" varchar,
  	"text" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "search_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"statements_id" integer,
  	"updates_id" integer,
  	"pages_id" integer,
  	"trusts_id" integer
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "site_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"site_name" varchar DEFAULT '#StopSIM' NOT NULL,
  	"contact_email" varchar,
  	"archive_notice" varchar,
  	"archive_mode" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "statements_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "updates_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "pages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "trusts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "search_id" integer;
  ALTER TABLE "statements_recipients" ADD CONSTRAINT "statements_recipients_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "statements_content_warnings_categories" ADD CONSTRAINT "statements_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "statements" ADD CONSTRAINT "statements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "statements_rels" ADD CONSTRAINT "statements_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "statements_rels" ADD CONSTRAINT "statements_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v_version_recipients" ADD CONSTRAINT "_statements_v_version_recipients_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_statements_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v_version_content_warnings_categories" ADD CONSTRAINT "_statements_v_version_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_statements_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v" ADD CONSTRAINT "_statements_v_parent_id_statements_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."statements"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_statements_v" ADD CONSTRAINT "_statements_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_statements_v_rels" ADD CONSTRAINT "_statements_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_statements_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v_rels" ADD CONSTRAINT "_statements_v_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "updates_content_warnings_categories" ADD CONSTRAINT "updates_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "updates" ADD CONSTRAINT "updates_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "updates_rels" ADD CONSTRAINT "updates_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "updates_rels" ADD CONSTRAINT "updates_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "updates_rels" ADD CONSTRAINT "updates_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_updates_v_version_content_warnings_categories" ADD CONSTRAINT "_updates_v_version_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_updates_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_updates_v" ADD CONSTRAINT "_updates_v_parent_id_updates_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."updates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_updates_v" ADD CONSTRAINT "_updates_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_updates_v_rels" ADD CONSTRAINT "_updates_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_updates_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_updates_v_rels" ADD CONSTRAINT "_updates_v_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_updates_v_rels" ADD CONSTRAINT "_updates_v_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "pages_content_warnings_categories" ADD CONSTRAINT "pages_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "pages" ADD CONSTRAINT "pages_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v_version_content_warnings_categories" ADD CONSTRAINT "_pages_v_version_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_pages_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_parent_id_pages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "trusts_scheme_names" ADD CONSTRAINT "trusts_scheme_names_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "trusts_status_history" ADD CONSTRAINT "trusts_status_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "trusts_evidence" ADD CONSTRAINT "trusts_evidence_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "trusts_content_warnings_categories" ADD CONSTRAINT "trusts_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "trusts" ADD CONSTRAINT "trusts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_trusts_v_version_scheme_names" ADD CONSTRAINT "_trusts_v_version_scheme_names_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_trusts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_trusts_v_version_status_history" ADD CONSTRAINT "_trusts_v_version_status_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_trusts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_trusts_v_version_evidence" ADD CONSTRAINT "_trusts_v_version_evidence_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_trusts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_trusts_v_version_content_warnings_categories" ADD CONSTRAINT "_trusts_v_version_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_trusts_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_trusts_v" ADD CONSTRAINT "_trusts_v_parent_id_trusts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."trusts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_trusts_v" ADD CONSTRAINT "_trusts_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "search_rels" ADD CONSTRAINT "search_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."search"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "search_rels" ADD CONSTRAINT "search_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "search_rels" ADD CONSTRAINT "search_rels_updates_fk" FOREIGN KEY ("updates_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "search_rels" ADD CONSTRAINT "search_rels_pages_fk" FOREIGN KEY ("pages_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "search_rels" ADD CONSTRAINT "search_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "statements_recipients_order_idx" ON "statements_recipients" USING btree ("_order");
  CREATE INDEX "statements_recipients_parent_id_idx" ON "statements_recipients" USING btree ("_parent_id");
  CREATE INDEX "statements_content_warnings_categories_order_idx" ON "statements_content_warnings_categories" USING btree ("order");
  CREATE INDEX "statements_content_warnings_categories_parent_idx" ON "statements_content_warnings_categories" USING btree ("parent_id");
  CREATE UNIQUE INDEX "statements_slug_idx" ON "statements" USING btree ("slug");
  CREATE INDEX "statements_published_date_idx" ON "statements" USING btree ("published_date");
  CREATE INDEX "statements_created_by_idx" ON "statements" USING btree ("created_by_id");
  CREATE INDEX "statements_updated_at_idx" ON "statements" USING btree ("updated_at");
  CREATE INDEX "statements_created_at_idx" ON "statements" USING btree ("created_at");
  CREATE INDEX "statements__status_idx" ON "statements" USING btree ("_status");
  CREATE INDEX "statements_rels_order_idx" ON "statements_rels" USING btree ("order");
  CREATE INDEX "statements_rels_parent_idx" ON "statements_rels" USING btree ("parent_id");
  CREATE INDEX "statements_rels_path_idx" ON "statements_rels" USING btree ("path");
  CREATE INDEX "statements_rels_trusts_id_idx" ON "statements_rels" USING btree ("trusts_id");
  CREATE INDEX "_statements_v_version_recipients_order_idx" ON "_statements_v_version_recipients" USING btree ("_order");
  CREATE INDEX "_statements_v_version_recipients_parent_id_idx" ON "_statements_v_version_recipients" USING btree ("_parent_id");
  CREATE INDEX "_statements_v_version_content_warnings_categories_order_idx" ON "_statements_v_version_content_warnings_categories" USING btree ("order");
  CREATE INDEX "_statements_v_version_content_warnings_categories_parent_idx" ON "_statements_v_version_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "_statements_v_parent_idx" ON "_statements_v" USING btree ("parent_id");
  CREATE INDEX "_statements_v_version_version_slug_idx" ON "_statements_v" USING btree ("version_slug");
  CREATE INDEX "_statements_v_version_version_published_date_idx" ON "_statements_v" USING btree ("version_published_date");
  CREATE INDEX "_statements_v_version_version_created_by_idx" ON "_statements_v" USING btree ("version_created_by_id");
  CREATE INDEX "_statements_v_version_version_updated_at_idx" ON "_statements_v" USING btree ("version_updated_at");
  CREATE INDEX "_statements_v_version_version_created_at_idx" ON "_statements_v" USING btree ("version_created_at");
  CREATE INDEX "_statements_v_version_version__status_idx" ON "_statements_v" USING btree ("version__status");
  CREATE INDEX "_statements_v_created_at_idx" ON "_statements_v" USING btree ("created_at");
  CREATE INDEX "_statements_v_updated_at_idx" ON "_statements_v" USING btree ("updated_at");
  CREATE INDEX "_statements_v_latest_idx" ON "_statements_v" USING btree ("latest");
  CREATE INDEX "_statements_v_autosave_idx" ON "_statements_v" USING btree ("autosave");
  CREATE INDEX "_statements_v_rels_order_idx" ON "_statements_v_rels" USING btree ("order");
  CREATE INDEX "_statements_v_rels_parent_idx" ON "_statements_v_rels" USING btree ("parent_id");
  CREATE INDEX "_statements_v_rels_path_idx" ON "_statements_v_rels" USING btree ("path");
  CREATE INDEX "_statements_v_rels_trusts_id_idx" ON "_statements_v_rels" USING btree ("trusts_id");
  CREATE INDEX "updates_content_warnings_categories_order_idx" ON "updates_content_warnings_categories" USING btree ("order");
  CREATE INDEX "updates_content_warnings_categories_parent_idx" ON "updates_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "updates_date_idx" ON "updates" USING btree ("date");
  CREATE UNIQUE INDEX "updates_slug_idx" ON "updates" USING btree ("slug");
  CREATE INDEX "updates_created_by_idx" ON "updates" USING btree ("created_by_id");
  CREATE INDEX "updates_updated_at_idx" ON "updates" USING btree ("updated_at");
  CREATE INDEX "updates_created_at_idx" ON "updates" USING btree ("created_at");
  CREATE INDEX "updates__status_idx" ON "updates" USING btree ("_status");
  CREATE INDEX "updates_rels_order_idx" ON "updates_rels" USING btree ("order");
  CREATE INDEX "updates_rels_parent_idx" ON "updates_rels" USING btree ("parent_id");
  CREATE INDEX "updates_rels_path_idx" ON "updates_rels" USING btree ("path");
  CREATE INDEX "updates_rels_statements_id_idx" ON "updates_rels" USING btree ("statements_id");
  CREATE INDEX "updates_rels_trusts_id_idx" ON "updates_rels" USING btree ("trusts_id");
  CREATE INDEX "_updates_v_version_content_warnings_categories_order_idx" ON "_updates_v_version_content_warnings_categories" USING btree ("order");
  CREATE INDEX "_updates_v_version_content_warnings_categories_parent_idx" ON "_updates_v_version_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "_updates_v_parent_idx" ON "_updates_v" USING btree ("parent_id");
  CREATE INDEX "_updates_v_version_version_date_idx" ON "_updates_v" USING btree ("version_date");
  CREATE INDEX "_updates_v_version_version_slug_idx" ON "_updates_v" USING btree ("version_slug");
  CREATE INDEX "_updates_v_version_version_created_by_idx" ON "_updates_v" USING btree ("version_created_by_id");
  CREATE INDEX "_updates_v_version_version_updated_at_idx" ON "_updates_v" USING btree ("version_updated_at");
  CREATE INDEX "_updates_v_version_version_created_at_idx" ON "_updates_v" USING btree ("version_created_at");
  CREATE INDEX "_updates_v_version_version__status_idx" ON "_updates_v" USING btree ("version__status");
  CREATE INDEX "_updates_v_created_at_idx" ON "_updates_v" USING btree ("created_at");
  CREATE INDEX "_updates_v_updated_at_idx" ON "_updates_v" USING btree ("updated_at");
  CREATE INDEX "_updates_v_latest_idx" ON "_updates_v" USING btree ("latest");
  CREATE INDEX "_updates_v_autosave_idx" ON "_updates_v" USING btree ("autosave");
  CREATE INDEX "_updates_v_rels_order_idx" ON "_updates_v_rels" USING btree ("order");
  CREATE INDEX "_updates_v_rels_parent_idx" ON "_updates_v_rels" USING btree ("parent_id");
  CREATE INDEX "_updates_v_rels_path_idx" ON "_updates_v_rels" USING btree ("path");
  CREATE INDEX "_updates_v_rels_statements_id_idx" ON "_updates_v_rels" USING btree ("statements_id");
  CREATE INDEX "_updates_v_rels_trusts_id_idx" ON "_updates_v_rels" USING btree ("trusts_id");
  CREATE INDEX "pages_content_warnings_categories_order_idx" ON "pages_content_warnings_categories" USING btree ("order");
  CREATE INDEX "pages_content_warnings_categories_parent_idx" ON "pages_content_warnings_categories" USING btree ("parent_id");
  CREATE UNIQUE INDEX "pages_slug_idx" ON "pages" USING btree ("slug");
  CREATE INDEX "pages_created_by_idx" ON "pages" USING btree ("created_by_id");
  CREATE INDEX "pages_updated_at_idx" ON "pages" USING btree ("updated_at");
  CREATE INDEX "pages_created_at_idx" ON "pages" USING btree ("created_at");
  CREATE INDEX "pages__status_idx" ON "pages" USING btree ("_status");
  CREATE INDEX "_pages_v_version_content_warnings_categories_order_idx" ON "_pages_v_version_content_warnings_categories" USING btree ("order");
  CREATE INDEX "_pages_v_version_content_warnings_categories_parent_idx" ON "_pages_v_version_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "_pages_v_parent_idx" ON "_pages_v" USING btree ("parent_id");
  CREATE INDEX "_pages_v_version_version_slug_idx" ON "_pages_v" USING btree ("version_slug");
  CREATE INDEX "_pages_v_version_version_created_by_idx" ON "_pages_v" USING btree ("version_created_by_id");
  CREATE INDEX "_pages_v_version_version_updated_at_idx" ON "_pages_v" USING btree ("version_updated_at");
  CREATE INDEX "_pages_v_version_version_created_at_idx" ON "_pages_v" USING btree ("version_created_at");
  CREATE INDEX "_pages_v_version_version__status_idx" ON "_pages_v" USING btree ("version__status");
  CREATE INDEX "_pages_v_created_at_idx" ON "_pages_v" USING btree ("created_at");
  CREATE INDEX "_pages_v_updated_at_idx" ON "_pages_v" USING btree ("updated_at");
  CREATE INDEX "_pages_v_latest_idx" ON "_pages_v" USING btree ("latest");
  CREATE INDEX "_pages_v_autosave_idx" ON "_pages_v" USING btree ("autosave");
  CREATE INDEX "trusts_scheme_names_order_idx" ON "trusts_scheme_names" USING btree ("_order");
  CREATE INDEX "trusts_scheme_names_parent_id_idx" ON "trusts_scheme_names" USING btree ("_parent_id");
  CREATE INDEX "trusts_status_history_order_idx" ON "trusts_status_history" USING btree ("_order");
  CREATE INDEX "trusts_status_history_parent_id_idx" ON "trusts_status_history" USING btree ("_parent_id");
  CREATE INDEX "trusts_evidence_order_idx" ON "trusts_evidence" USING btree ("_order");
  CREATE INDEX "trusts_evidence_parent_id_idx" ON "trusts_evidence" USING btree ("_parent_id");
  CREATE INDEX "trusts_content_warnings_categories_order_idx" ON "trusts_content_warnings_categories" USING btree ("order");
  CREATE INDEX "trusts_content_warnings_categories_parent_idx" ON "trusts_content_warnings_categories" USING btree ("parent_id");
  CREATE UNIQUE INDEX "trusts_ods_code_idx" ON "trusts" USING btree ("ods_code");
  CREATE INDEX "trusts_sim_status_idx" ON "trusts" USING btree ("sim_status");
  CREATE UNIQUE INDEX "trusts_slug_idx" ON "trusts" USING btree ("slug");
  CREATE INDEX "trusts_created_by_idx" ON "trusts" USING btree ("created_by_id");
  CREATE INDEX "trusts_updated_at_idx" ON "trusts" USING btree ("updated_at");
  CREATE INDEX "trusts_created_at_idx" ON "trusts" USING btree ("created_at");
  CREATE INDEX "trusts__status_idx" ON "trusts" USING btree ("_status");
  CREATE INDEX "_trusts_v_version_scheme_names_order_idx" ON "_trusts_v_version_scheme_names" USING btree ("_order");
  CREATE INDEX "_trusts_v_version_scheme_names_parent_id_idx" ON "_trusts_v_version_scheme_names" USING btree ("_parent_id");
  CREATE INDEX "_trusts_v_version_status_history_order_idx" ON "_trusts_v_version_status_history" USING btree ("_order");
  CREATE INDEX "_trusts_v_version_status_history_parent_id_idx" ON "_trusts_v_version_status_history" USING btree ("_parent_id");
  CREATE INDEX "_trusts_v_version_evidence_order_idx" ON "_trusts_v_version_evidence" USING btree ("_order");
  CREATE INDEX "_trusts_v_version_evidence_parent_id_idx" ON "_trusts_v_version_evidence" USING btree ("_parent_id");
  CREATE INDEX "_trusts_v_version_content_warnings_categories_order_idx" ON "_trusts_v_version_content_warnings_categories" USING btree ("order");
  CREATE INDEX "_trusts_v_version_content_warnings_categories_parent_idx" ON "_trusts_v_version_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "_trusts_v_parent_idx" ON "_trusts_v" USING btree ("parent_id");
  CREATE INDEX "_trusts_v_version_version_ods_code_idx" ON "_trusts_v" USING btree ("version_ods_code");
  CREATE INDEX "_trusts_v_version_version_sim_status_idx" ON "_trusts_v" USING btree ("version_sim_status");
  CREATE INDEX "_trusts_v_version_version_slug_idx" ON "_trusts_v" USING btree ("version_slug");
  CREATE INDEX "_trusts_v_version_version_created_by_idx" ON "_trusts_v" USING btree ("version_created_by_id");
  CREATE INDEX "_trusts_v_version_version_updated_at_idx" ON "_trusts_v" USING btree ("version_updated_at");
  CREATE INDEX "_trusts_v_version_version_created_at_idx" ON "_trusts_v" USING btree ("version_created_at");
  CREATE INDEX "_trusts_v_version_version__status_idx" ON "_trusts_v" USING btree ("version__status");
  CREATE INDEX "_trusts_v_created_at_idx" ON "_trusts_v" USING btree ("created_at");
  CREATE INDEX "_trusts_v_updated_at_idx" ON "_trusts_v" USING btree ("updated_at");
  CREATE INDEX "_trusts_v_latest_idx" ON "_trusts_v" USING btree ("latest");
  CREATE INDEX "search_slug_idx" ON "search" USING btree ("slug");
  CREATE INDEX "search_updated_at_idx" ON "search" USING btree ("updated_at");
  CREATE INDEX "search_created_at_idx" ON "search" USING btree ("created_at");
  CREATE INDEX "search_rels_order_idx" ON "search_rels" USING btree ("order");
  CREATE INDEX "search_rels_parent_idx" ON "search_rels" USING btree ("parent_id");
  CREATE INDEX "search_rels_path_idx" ON "search_rels" USING btree ("path");
  CREATE INDEX "search_rels_statements_id_idx" ON "search_rels" USING btree ("statements_id");
  CREATE INDEX "search_rels_updates_id_idx" ON "search_rels" USING btree ("updates_id");
  CREATE INDEX "search_rels_pages_id_idx" ON "search_rels" USING btree ("pages_id");
  CREATE INDEX "search_rels_trusts_id_idx" ON "search_rels" USING btree ("trusts_id");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_statements_fk" FOREIGN KEY ("statements_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_updates_fk" FOREIGN KEY ("updates_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_pages_fk" FOREIGN KEY ("pages_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_trusts_fk" FOREIGN KEY ("trusts_id") REFERENCES "public"."trusts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_search_fk" FOREIGN KEY ("search_id") REFERENCES "public"."search"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_statements_id_idx" ON "payload_locked_documents_rels" USING btree ("statements_id");
  CREATE INDEX "payload_locked_documents_rels_updates_id_idx" ON "payload_locked_documents_rels" USING btree ("updates_id");
  CREATE INDEX "payload_locked_documents_rels_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("pages_id");
  CREATE INDEX "payload_locked_documents_rels_trusts_id_idx" ON "payload_locked_documents_rels" USING btree ("trusts_id");
  CREATE INDEX "payload_locked_documents_rels_search_id_idx" ON "payload_locked_documents_rels" USING btree ("search_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "statements_recipients" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "statements_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "statements" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "statements_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v_version_recipients" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v_version_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_statements_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "updates_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "updates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "updates_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_updates_v_version_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_updates_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_updates_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "pages_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_pages_v_version_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_pages_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "trusts_scheme_names" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "trusts_status_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "trusts_evidence" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "trusts_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "trusts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_trusts_v_version_scheme_names" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_trusts_v_version_status_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_trusts_v_version_evidence" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_trusts_v_version_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_trusts_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "search" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "search_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "site_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "statements_recipients" CASCADE;
  DROP TABLE "statements_content_warnings_categories" CASCADE;
  DROP TABLE "statements" CASCADE;
  DROP TABLE "statements_rels" CASCADE;
  DROP TABLE "_statements_v_version_recipients" CASCADE;
  DROP TABLE "_statements_v_version_content_warnings_categories" CASCADE;
  DROP TABLE "_statements_v" CASCADE;
  DROP TABLE "_statements_v_rels" CASCADE;
  DROP TABLE "updates_content_warnings_categories" CASCADE;
  DROP TABLE "updates" CASCADE;
  DROP TABLE "updates_rels" CASCADE;
  DROP TABLE "_updates_v_version_content_warnings_categories" CASCADE;
  DROP TABLE "_updates_v" CASCADE;
  DROP TABLE "_updates_v_rels" CASCADE;
  DROP TABLE "pages_content_warnings_categories" CASCADE;
  DROP TABLE "pages" CASCADE;
  DROP TABLE "_pages_v_version_content_warnings_categories" CASCADE;
  DROP TABLE "_pages_v" CASCADE;
  DROP TABLE "trusts_scheme_names" CASCADE;
  DROP TABLE "trusts_status_history" CASCADE;
  DROP TABLE "trusts_evidence" CASCADE;
  DROP TABLE "trusts_content_warnings_categories" CASCADE;
  DROP TABLE "trusts" CASCADE;
  DROP TABLE "_trusts_v_version_scheme_names" CASCADE;
  DROP TABLE "_trusts_v_version_status_history" CASCADE;
  DROP TABLE "_trusts_v_version_evidence" CASCADE;
  DROP TABLE "_trusts_v_version_content_warnings_categories" CASCADE;
  DROP TABLE "_trusts_v" CASCADE;
  DROP TABLE "search" CASCADE;
  DROP TABLE "search_rels" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "site_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_statements_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_updates_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_pages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_trusts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_search_fk";
  
  DROP INDEX "payload_locked_documents_rels_statements_id_idx";
  DROP INDEX "payload_locked_documents_rels_updates_id_idx";
  DROP INDEX "payload_locked_documents_rels_pages_id_idx";
  DROP INDEX "payload_locked_documents_rels_trusts_id_idx";
  DROP INDEX "payload_locked_documents_rels_search_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "statements_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "updates_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "pages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "trusts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "search_id";
  DROP TYPE "public"."enum_statements_content_warnings_categories";
  DROP TYPE "public"."enum_statements_kind";
  DROP TYPE "public"."enum_statements_content_warnings_level";
  DROP TYPE "public"."enum_statements_status";
  DROP TYPE "public"."enum__statements_v_version_content_warnings_categories";
  DROP TYPE "public"."enum__statements_v_version_kind";
  DROP TYPE "public"."enum__statements_v_version_content_warnings_level";
  DROP TYPE "public"."enum__statements_v_version_status";
  DROP TYPE "public"."enum_updates_content_warnings_categories";
  DROP TYPE "public"."enum_updates_category";
  DROP TYPE "public"."enum_updates_content_warnings_level";
  DROP TYPE "public"."enum_updates_status";
  DROP TYPE "public"."enum__updates_v_version_content_warnings_categories";
  DROP TYPE "public"."enum__updates_v_version_category";
  DROP TYPE "public"."enum__updates_v_version_content_warnings_level";
  DROP TYPE "public"."enum__updates_v_version_status";
  DROP TYPE "public"."enum_pages_content_warnings_categories";
  DROP TYPE "public"."enum_pages_content_warnings_level";
  DROP TYPE "public"."enum_pages_status";
  DROP TYPE "public"."enum__pages_v_version_content_warnings_categories";
  DROP TYPE "public"."enum__pages_v_version_content_warnings_level";
  DROP TYPE "public"."enum__pages_v_version_status";
  DROP TYPE "public"."enum_trusts_status_history_status";
  DROP TYPE "public"."enum_trusts_evidence_kind";
  DROP TYPE "public"."enum_trusts_content_warnings_categories";
  DROP TYPE "public"."enum_trusts_region";
  DROP TYPE "public"."enum_trusts_sim_status";
  DROP TYPE "public"."enum_trusts_content_warnings_level";
  DROP TYPE "public"."enum_trusts_status";
  DROP TYPE "public"."enum__trusts_v_version_status_history_status";
  DROP TYPE "public"."enum__trusts_v_version_evidence_kind";
  DROP TYPE "public"."enum__trusts_v_version_content_warnings_categories";
  DROP TYPE "public"."enum__trusts_v_version_region";
  DROP TYPE "public"."enum__trusts_v_version_sim_status";
  DROP TYPE "public"."enum__trusts_v_version_content_warnings_level";
  DROP TYPE "public"."enum__trusts_v_version_status";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
