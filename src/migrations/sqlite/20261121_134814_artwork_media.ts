import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`artwork_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`artwork\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`artwork_content_warnings_categories_order_idx\` ON \`artwork_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_content_warnings_categories_parent_idx\` ON \`artwork_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`artwork\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`alt\` text NOT NULL,
  	\`description\` text,
  	\`artist_credit\` text,
  	\`licence\` text DEFAULT 'campaign_only' NOT NULL,
  	\`sensitive\` integer DEFAULT false,
  	\`content_warnings_level\` text,
  	\`content_warnings_note\` text,
  	\`content_warnings_flags\` text,
  	\`content_warnings_reviewed\` integer DEFAULT false,
  	\`consent_to_publish\` integer DEFAULT false,
  	\`consent_recorded_at\` text,
  	\`moderation_status\` text DEFAULT 'pending' NOT NULL,
  	\`moderation_note\` text,
  	\`moderated_at\` text,
  	\`artist_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text,
  	\`sizes_thumbnail_webp_url\` text,
  	\`sizes_thumbnail_webp_width\` numeric,
  	\`sizes_thumbnail_webp_height\` numeric,
  	\`sizes_thumbnail_webp_mime_type\` text,
  	\`sizes_thumbnail_webp_filesize\` numeric,
  	\`sizes_thumbnail_webp_filename\` text,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text,
  	\`sizes_card_webp_url\` text,
  	\`sizes_card_webp_width\` numeric,
  	\`sizes_card_webp_height\` numeric,
  	\`sizes_card_webp_mime_type\` text,
  	\`sizes_card_webp_filesize\` numeric,
  	\`sizes_card_webp_filename\` text,
  	\`sizes_social_url\` text,
  	\`sizes_social_width\` numeric,
  	\`sizes_social_height\` numeric,
  	\`sizes_social_mime_type\` text,
  	\`sizes_social_filesize\` numeric,
  	\`sizes_social_filename\` text,
  	\`sizes_social_webp_url\` text,
  	\`sizes_social_webp_width\` numeric,
  	\`sizes_social_webp_height\` numeric,
  	\`sizes_social_webp_mime_type\` text,
  	\`sizes_social_webp_filesize\` numeric,
  	\`sizes_social_webp_filename\` text,
  	FOREIGN KEY (\`artist_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`CREATE INDEX \`artwork_moderation_status_idx\` ON \`artwork\` (\`moderation_status\`);`,
  )
  await db.run(sql`CREATE INDEX \`artwork_artist_idx\` ON \`artwork\` (\`artist_id\`);`)
  await db.run(sql`CREATE INDEX \`artwork_updated_at_idx\` ON \`artwork\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`artwork_created_at_idx\` ON \`artwork\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`artwork_filename_idx\` ON \`artwork\` (\`filename\`);`)
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`artwork\` (\`sizes_thumbnail_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_thumbnail_webp_sizes_thumbnail_webp_filena_idx\` ON \`artwork\` (\`sizes_thumbnail_webp_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_card_sizes_card_filename_idx\` ON \`artwork\` (\`sizes_card_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_card_webp_sizes_card_webp_filename_idx\` ON \`artwork\` (\`sizes_card_webp_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_social_sizes_social_filename_idx\` ON \`artwork\` (\`sizes_social_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`artwork_sizes_social_webp_sizes_social_webp_filename_idx\` ON \`artwork\` (\`sizes_social_webp_filename\`);`,
  )
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`alt\` text,
  	\`caption\` text,
  	\`credit\` text,
  	\`created_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text,
  	\`sizes_thumbnail_webp_url\` text,
  	\`sizes_thumbnail_webp_width\` numeric,
  	\`sizes_thumbnail_webp_height\` numeric,
  	\`sizes_thumbnail_webp_mime_type\` text,
  	\`sizes_thumbnail_webp_filesize\` numeric,
  	\`sizes_thumbnail_webp_filename\` text,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text,
  	\`sizes_card_webp_url\` text,
  	\`sizes_card_webp_width\` numeric,
  	\`sizes_card_webp_height\` numeric,
  	\`sizes_card_webp_mime_type\` text,
  	\`sizes_card_webp_filesize\` numeric,
  	\`sizes_card_webp_filename\` text,
  	\`sizes_social_url\` text,
  	\`sizes_social_width\` numeric,
  	\`sizes_social_height\` numeric,
  	\`sizes_social_mime_type\` text,
  	\`sizes_social_filesize\` numeric,
  	\`sizes_social_filename\` text,
  	\`sizes_social_webp_url\` text,
  	\`sizes_social_webp_width\` numeric,
  	\`sizes_social_webp_height\` numeric,
  	\`sizes_social_webp_mime_type\` text,
  	\`sizes_social_webp_filesize\` numeric,
  	\`sizes_social_webp_filename\` text,
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`media_created_by_idx\` ON \`media\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(
    sql`CREATE INDEX \`media_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`media\` (\`sizes_thumbnail_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_thumbnail_webp_sizes_thumbnail_webp_filename_idx\` ON \`media\` (\`sizes_thumbnail_webp_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_card_sizes_card_filename_idx\` ON \`media\` (\`sizes_card_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_card_webp_sizes_card_webp_filename_idx\` ON \`media\` (\`sizes_card_webp_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_social_sizes_social_filename_idx\` ON \`media\` (\`sizes_social_filename\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`media_sizes_social_webp_sizes_social_webp_filename_idx\` ON \`media\` (\`sizes_social_webp_filename\`);`,
  )
  await db.run(sql`ALTER TABLE \`statements_rels\` ADD \`media_id\` integer REFERENCES media(id);`)
  await db.run(
    sql`CREATE INDEX \`statements_rels_media_id_idx\` ON \`statements_rels\` (\`media_id\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`_statements_v_rels\` ADD \`media_id\` integer REFERENCES media(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_rels_media_id_idx\` ON \`_statements_v_rels\` (\`media_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`updates\` ADD \`hero_image_id\` integer REFERENCES media(id);`)
  await db.run(sql`CREATE INDEX \`updates_hero_image_idx\` ON \`updates\` (\`hero_image_id\`);`)
  await db.run(
    sql`ALTER TABLE \`_updates_v\` ADD \`version_hero_image_id\` integer REFERENCES media(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_hero_image_idx\` ON \`_updates_v\` (\`version_hero_image_id\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`trusts_evidence\` ADD \`document_id\` integer REFERENCES media(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`trusts_evidence_document_idx\` ON \`trusts_evidence\` (\`document_id\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`_trusts_v_version_evidence\` ADD \`document_id\` integer REFERENCES media(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_evidence_document_idx\` ON \`_trusts_v_version_evidence\` (\`document_id\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`artwork_id\` integer REFERENCES artwork(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`media_id\` integer REFERENCES media(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_artwork_id_idx\` ON \`payload_locked_documents_rels\` (\`artwork_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`artwork_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`artwork\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_statements_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_statements_rels\`("id", "order", "parent_id", "path", "trusts_id") SELECT "id", "order", "parent_id", "path", "trusts_id" FROM \`statements_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`statements_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_statements_rels\` RENAME TO \`statements_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`statements_rels_order_idx\` ON \`statements_rels\` (\`order\`);`)
  await db.run(
    sql`CREATE INDEX \`statements_rels_parent_idx\` ON \`statements_rels\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`statements_rels_path_idx\` ON \`statements_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`statements_rels_trusts_id_idx\` ON \`statements_rels\` (\`trusts_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new__statements_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_statements_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__statements_v_rels\`("id", "order", "parent_id", "path", "trusts_id") SELECT "id", "order", "parent_id", "path", "trusts_id" FROM \`_statements_v_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`_statements_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__statements_v_rels\` RENAME TO \`_statements_v_rels\`;`)
  await db.run(
    sql`CREATE INDEX \`_statements_v_rels_order_idx\` ON \`_statements_v_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_rels_parent_idx\` ON \`_statements_v_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_rels_path_idx\` ON \`_statements_v_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_rels_trusts_id_idx\` ON \`_statements_v_rels\` (\`trusts_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_updates\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`date\` text,
  	\`category\` text DEFAULT 'news',
  	\`summary\` text,
  	\`body\` text,
  	\`content_warnings_level\` text,
  	\`content_warnings_note\` text,
  	\`content_warnings_flags\` text,
  	\`content_warnings_reviewed\` integer DEFAULT false,
  	\`slug\` text,
  	\`created_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_updates\`("id", "title", "date", "category", "summary", "body", "content_warnings_level", "content_warnings_note", "content_warnings_flags", "content_warnings_reviewed", "slug", "created_by_id", "updated_at", "created_at", "_status") SELECT "id", "title", "date", "category", "summary", "body", "content_warnings_level", "content_warnings_note", "content_warnings_flags", "content_warnings_reviewed", "slug", "created_by_id", "updated_at", "created_at", "_status" FROM \`updates\`;`,
  )
  await db.run(sql`DROP TABLE \`updates\`;`)
  await db.run(sql`ALTER TABLE \`__new_updates\` RENAME TO \`updates\`;`)
  await db.run(sql`CREATE INDEX \`updates_date_idx\` ON \`updates\` (\`date\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`updates_slug_idx\` ON \`updates\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`updates_created_by_idx\` ON \`updates\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`updates_updated_at_idx\` ON \`updates\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`updates_created_at_idx\` ON \`updates\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`updates__status_idx\` ON \`updates\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__updates_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_date\` text,
  	\`version_category\` text DEFAULT 'news',
  	\`version_summary\` text,
  	\`version_body\` text,
  	\`version_content_warnings_level\` text,
  	\`version_content_warnings_note\` text,
  	\`version_content_warnings_flags\` text,
  	\`version_content_warnings_reviewed\` integer DEFAULT false,
  	\`version_slug\` text,
  	\`version_created_by_id\` integer,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__updates_v\`("id", "parent_id", "version_title", "version_date", "version_category", "version_summary", "version_body", "version_content_warnings_level", "version_content_warnings_note", "version_content_warnings_flags", "version_content_warnings_reviewed", "version_slug", "version_created_by_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_title", "version_date", "version_category", "version_summary", "version_body", "version_content_warnings_level", "version_content_warnings_note", "version_content_warnings_flags", "version_content_warnings_reviewed", "version_slug", "version_created_by_id", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_updates_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_updates_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__updates_v\` RENAME TO \`_updates_v\`;`)
  await db.run(sql`CREATE INDEX \`_updates_v_parent_idx\` ON \`_updates_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_date_idx\` ON \`_updates_v\` (\`version_date\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_slug_idx\` ON \`_updates_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_created_by_idx\` ON \`_updates_v\` (\`version_created_by_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_updated_at_idx\` ON \`_updates_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version_created_at_idx\` ON \`_updates_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_version__status_idx\` ON \`_updates_v\` (\`version__status\`);`,
  )
  await db.run(sql`CREATE INDEX \`_updates_v_created_at_idx\` ON \`_updates_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_updates_v_updated_at_idx\` ON \`_updates_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_updates_v_latest_idx\` ON \`_updates_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_updates_v_autosave_idx\` ON \`_updates_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_trusts_evidence\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`kind\` text,
  	\`date\` text,
  	\`summary\` text,
  	\`source_url\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_trusts_evidence\`("_order", "_parent_id", "id", "kind", "date", "summary", "source_url") SELECT "_order", "_parent_id", "id", "kind", "date", "summary", "source_url" FROM \`trusts_evidence\`;`,
  )
  await db.run(sql`DROP TABLE \`trusts_evidence\`;`)
  await db.run(sql`ALTER TABLE \`__new_trusts_evidence\` RENAME TO \`trusts_evidence\`;`)
  await db.run(sql`CREATE INDEX \`trusts_evidence_order_idx\` ON \`trusts_evidence\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`trusts_evidence_parent_id_idx\` ON \`trusts_evidence\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new__trusts_v_version_evidence\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`kind\` text,
  	\`date\` text,
  	\`summary\` text,
  	\`source_url\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_trusts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__trusts_v_version_evidence\`("_order", "_parent_id", "id", "kind", "date", "summary", "source_url", "_uuid") SELECT "_order", "_parent_id", "id", "kind", "date", "summary", "source_url", "_uuid" FROM \`_trusts_v_version_evidence\`;`,
  )
  await db.run(sql`DROP TABLE \`_trusts_v_version_evidence\`;`)
  await db.run(
    sql`ALTER TABLE \`__new__trusts_v_version_evidence\` RENAME TO \`_trusts_v_version_evidence\`;`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_evidence_order_idx\` ON \`_trusts_v_version_evidence\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_evidence_parent_id_idx\` ON \`_trusts_v_version_evidence\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`statements_id\` integer,
  	\`updates_id\` integer,
  	\`pages_id\` integer,
  	\`trusts_id\` integer,
  	\`signatories_id\` integer,
  	\`users_id\` integer,
  	\`search_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`statements_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`updates_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`signatories_id\`) REFERENCES \`signatories\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_id\`) REFERENCES \`search\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "statements_id", "updates_id", "pages_id", "trusts_id", "signatories_id", "users_id", "search_id") SELECT "id", "order", "parent_id", "path", "statements_id", "updates_id", "pages_id", "trusts_id", "signatories_id", "users_id", "search_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_statements_id_idx\` ON \`payload_locked_documents_rels\` (\`statements_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_updates_id_idx\` ON \`payload_locked_documents_rels\` (\`updates_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`pages_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_trusts_id_idx\` ON \`payload_locked_documents_rels\` (\`trusts_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_signatories_id_idx\` ON \`payload_locked_documents_rels\` (\`signatories_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_search_id_idx\` ON \`payload_locked_documents_rels\` (\`search_id\`);`,
  )
}
