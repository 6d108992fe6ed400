import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_artwork_content_warnings_categories" AS ENUM('police', 'restraint', 'detention', 'self_harm', 'suicide', 'coercion', 'withholding_care', 'discrimination', 'death', 'abuse');
  CREATE TYPE "public"."enum_artwork_licence" AS ENUM('campaign_only', 'cc_by', 'cc_by_sa', 'cc_by_nc', 'cc_by_nc_nd', 'cc0');
  CREATE TYPE "public"."enum_artwork_content_warnings_level" AS ENUM('mention', 'discussion', 'detailed');
  CREATE TYPE "public"."enum_artwork_moderation_status" AS ENUM('pending', 'approved', 'rejected');
  CREATE TABLE "artwork_content_warnings_categories" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_artwork_content_warnings_categories",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "artwork" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"alt" varchar NOT NULL,
  	"description" varchar,
  	"artist_credit" varchar,
  	"licence" "enum_artwork_licence" DEFAULT 'campaign_only' NOT NULL,
  	"sensitive" boolean DEFAULT false,
  	"content_warnings_level" "enum_artwork_content_warnings_level",
  	"content_warnings_note" varchar,
  	"content_warnings_flags" varchar,
  	"content_warnings_reviewed" boolean DEFAULT false,
  	"consent_to_publish" boolean DEFAULT false,
  	"consent_recorded_at" timestamp(3) with time zone,
  	"moderation_status" "enum_artwork_moderation_status" DEFAULT 'pending' NOT NULL,
  	"moderation_note" varchar,
  	"moderated_at" timestamp(3) with time zone,
  	"artist_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_thumbnail_webp_url" varchar,
  	"sizes_thumbnail_webp_width" numeric,
  	"sizes_thumbnail_webp_height" numeric,
  	"sizes_thumbnail_webp_mime_type" varchar,
  	"sizes_thumbnail_webp_filesize" numeric,
  	"sizes_thumbnail_webp_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_card_webp_url" varchar,
  	"sizes_card_webp_width" numeric,
  	"sizes_card_webp_height" numeric,
  	"sizes_card_webp_mime_type" varchar,
  	"sizes_card_webp_filesize" numeric,
  	"sizes_card_webp_filename" varchar,
  	"sizes_social_url" varchar,
  	"sizes_social_width" numeric,
  	"sizes_social_height" numeric,
  	"sizes_social_mime_type" varchar,
  	"sizes_social_filesize" numeric,
  	"sizes_social_filename" varchar,
  	"sizes_social_webp_url" varchar,
  	"sizes_social_webp_width" numeric,
  	"sizes_social_webp_height" numeric,
  	"sizes_social_webp_mime_type" varchar,
  	"sizes_social_webp_filesize" numeric,
  	"sizes_social_webp_filename" varchar
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar,
  	"caption" varchar,
  	"credit" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_thumbnail_webp_url" varchar,
  	"sizes_thumbnail_webp_width" numeric,
  	"sizes_thumbnail_webp_height" numeric,
  	"sizes_thumbnail_webp_mime_type" varchar,
  	"sizes_thumbnail_webp_filesize" numeric,
  	"sizes_thumbnail_webp_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_card_webp_url" varchar,
  	"sizes_card_webp_width" numeric,
  	"sizes_card_webp_height" numeric,
  	"sizes_card_webp_mime_type" varchar,
  	"sizes_card_webp_filesize" numeric,
  	"sizes_card_webp_filename" varchar,
  	"sizes_social_url" varchar,
  	"sizes_social_width" numeric,
  	"sizes_social_height" numeric,
  	"sizes_social_mime_type" varchar,
  	"sizes_social_filesize" numeric,
  	"sizes_social_filename" varchar,
  	"sizes_social_webp_url" varchar,
  	"sizes_social_webp_width" numeric,
  	"sizes_social_webp_height" numeric,
  	"sizes_social_webp_mime_type" varchar,
  	"sizes_social_webp_filesize" numeric,
  	"sizes_social_webp_filename" varchar
  );
  
  ALTER TABLE "statements_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "_statements_v_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "updates" ADD COLUMN "hero_image_id" integer;
  ALTER TABLE "_updates_v" ADD COLUMN "version_hero_image_id" integer;
  ALTER TABLE "trusts_evidence" ADD COLUMN "document_id" integer;
  ALTER TABLE "_trusts_v_version_evidence" ADD COLUMN "document_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "artwork_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "artwork_content_warnings_categories" ADD CONSTRAINT "artwork_content_warnings_categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."artwork"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "artwork" ADD CONSTRAINT "artwork_artist_id_users_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "media" ADD CONSTRAINT "media_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "artwork_content_warnings_categories_order_idx" ON "artwork_content_warnings_categories" USING btree ("order");
  CREATE INDEX "artwork_content_warnings_categories_parent_idx" ON "artwork_content_warnings_categories" USING btree ("parent_id");
  CREATE INDEX "artwork_moderation_status_idx" ON "artwork" USING btree ("moderation_status");
  CREATE INDEX "artwork_artist_idx" ON "artwork" USING btree ("artist_id");
  CREATE INDEX "artwork_updated_at_idx" ON "artwork" USING btree ("updated_at");
  CREATE INDEX "artwork_created_at_idx" ON "artwork" USING btree ("created_at");
  CREATE UNIQUE INDEX "artwork_filename_idx" ON "artwork" USING btree ("filename");
  CREATE INDEX "artwork_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "artwork" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "artwork_sizes_thumbnail_webp_sizes_thumbnail_webp_filena_idx" ON "artwork" USING btree ("sizes_thumbnail_webp_filename");
  CREATE INDEX "artwork_sizes_card_sizes_card_filename_idx" ON "artwork" USING btree ("sizes_card_filename");
  CREATE INDEX "artwork_sizes_card_webp_sizes_card_webp_filename_idx" ON "artwork" USING btree ("sizes_card_webp_filename");
  CREATE INDEX "artwork_sizes_social_sizes_social_filename_idx" ON "artwork" USING btree ("sizes_social_filename");
  CREATE INDEX "artwork_sizes_social_webp_sizes_social_webp_filename_idx" ON "artwork" USING btree ("sizes_social_webp_filename");
  CREATE INDEX "media_created_by_idx" ON "media" USING btree ("created_by_id");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_thumbnail_webp_sizes_thumbnail_webp_filename_idx" ON "media" USING btree ("sizes_thumbnail_webp_filename");
  CREATE INDEX "media_sizes_card_sizes_card_filename_idx" ON "media" USING btree ("sizes_card_filename");
  CREATE INDEX "media_sizes_card_webp_sizes_card_webp_filename_idx" ON "media" USING btree ("sizes_card_webp_filename");
  CREATE INDEX "media_sizes_social_sizes_social_filename_idx" ON "media" USING btree ("sizes_social_filename");
  CREATE INDEX "media_sizes_social_webp_sizes_social_webp_filename_idx" ON "media" USING btree ("sizes_social_webp_filename");
  ALTER TABLE "statements_rels" ADD CONSTRAINT "statements_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_statements_v_rels" ADD CONSTRAINT "_statements_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "updates" ADD CONSTRAINT "updates_hero_image_id_media_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_updates_v" ADD CONSTRAINT "_updates_v_version_hero_image_id_media_id_fk" FOREIGN KEY ("version_hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "trusts_evidence" ADD CONSTRAINT "trusts_evidence_document_id_media_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_trusts_v_version_evidence" ADD CONSTRAINT "_trusts_v_version_evidence_document_id_media_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_artwork_fk" FOREIGN KEY ("artwork_id") REFERENCES "public"."artwork"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "statements_rels_media_id_idx" ON "statements_rels" USING btree ("media_id");
  CREATE INDEX "_statements_v_rels_media_id_idx" ON "_statements_v_rels" USING btree ("media_id");
  CREATE INDEX "updates_hero_image_idx" ON "updates" USING btree ("hero_image_id");
  CREATE INDEX "_updates_v_version_version_hero_image_idx" ON "_updates_v" USING btree ("version_hero_image_id");
  CREATE INDEX "trusts_evidence_document_idx" ON "trusts_evidence" USING btree ("document_id");
  CREATE INDEX "_trusts_v_version_evidence_document_idx" ON "_trusts_v_version_evidence" USING btree ("document_id");
  CREATE INDEX "payload_locked_documents_rels_artwork_id_idx" ON "payload_locked_documents_rels" USING btree ("artwork_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "artwork_content_warnings_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "artwork" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "media" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "artwork_content_warnings_categories" CASCADE;
  DROP TABLE "artwork" CASCADE;
  DROP TABLE "media" CASCADE;
  ALTER TABLE "statements_rels" DROP CONSTRAINT "statements_rels_media_fk";
  
  ALTER TABLE "_statements_v_rels" DROP CONSTRAINT "_statements_v_rels_media_fk";
  
  ALTER TABLE "updates" DROP CONSTRAINT "updates_hero_image_id_media_id_fk";
  
  ALTER TABLE "_updates_v" DROP CONSTRAINT "_updates_v_version_hero_image_id_media_id_fk";
  
  ALTER TABLE "trusts_evidence" DROP CONSTRAINT "trusts_evidence_document_id_media_id_fk";
  
  ALTER TABLE "_trusts_v_version_evidence" DROP CONSTRAINT "_trusts_v_version_evidence_document_id_media_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_artwork_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_media_fk";
  
  DROP INDEX "statements_rels_media_id_idx";
  DROP INDEX "_statements_v_rels_media_id_idx";
  DROP INDEX "updates_hero_image_idx";
  DROP INDEX "_updates_v_version_version_hero_image_idx";
  DROP INDEX "trusts_evidence_document_idx";
  DROP INDEX "_trusts_v_version_evidence_document_idx";
  DROP INDEX "payload_locked_documents_rels_artwork_id_idx";
  DROP INDEX "payload_locked_documents_rels_media_id_idx";
  ALTER TABLE "statements_rels" DROP COLUMN "media_id";
  ALTER TABLE "_statements_v_rels" DROP COLUMN "media_id";
  ALTER TABLE "updates" DROP COLUMN "hero_image_id";
  ALTER TABLE "_updates_v" DROP COLUMN "version_hero_image_id";
  ALTER TABLE "trusts_evidence" DROP COLUMN "document_id";
  ALTER TABLE "_trusts_v_version_evidence" DROP COLUMN "document_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "artwork_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "media_id";
  DROP TYPE "public"."enum_artwork_content_warnings_categories";
  DROP TYPE "public"."enum_artwork_licence";
  DROP TYPE "public"."enum_artwork_content_warnings_level";
  DROP TYPE "public"."enum_artwork_moderation_status";`)
}
