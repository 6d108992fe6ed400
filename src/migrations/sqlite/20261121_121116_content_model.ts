import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`statements_recipients\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`statements_recipients_order_idx\` ON \`statements_recipients\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`statements_recipients_parent_id_idx\` ON \`statements_recipients\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`statements_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`statements_content_warnings_categories_order_idx\` ON \`statements_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`statements_content_warnings_categories_parent_idx\` ON \`statements_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`statements\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`kind\` text DEFAULT 'statement',
  	\`summary\` text,
  	\`body\` text,
  	\`content_warnings_level\` text,
  	\`content_warnings_note\` text,
  	\`content_warnings_flags\` text,
  	\`content_warnings_reviewed\` integer DEFAULT false,
  	\`signing_open\` integer DEFAULT true,
  	\`signing_closes_at\` text,
  	\`slug\` text,
  	\`published_date\` text,
  	\`created_by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`statements_slug_idx\` ON \`statements\` (\`slug\`);`)
  await db.run(
    sql`CREATE INDEX \`statements_published_date_idx\` ON \`statements\` (\`published_date\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`statements_created_by_idx\` ON \`statements\` (\`created_by_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`statements_updated_at_idx\` ON \`statements\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`statements_created_at_idx\` ON \`statements\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`statements__status_idx\` ON \`statements\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`statements_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`statements_rels_order_idx\` ON \`statements_rels\` (\`order\`);`)
  await db.run(
    sql`CREATE INDEX \`statements_rels_parent_idx\` ON \`statements_rels\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`statements_rels_path_idx\` ON \`statements_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`statements_rels_trusts_id_idx\` ON \`statements_rels\` (\`trusts_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_statements_v_version_recipients\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_statements_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_recipients_order_idx\` ON \`_statements_v_version_recipients\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_recipients_parent_id_idx\` ON \`_statements_v_version_recipients\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_statements_v_version_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_statements_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_content_warnings_categories_order_idx\` ON \`_statements_v_version_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_content_warnings_categories_parent_idx\` ON \`_statements_v_version_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_statements_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_kind\` text DEFAULT 'statement',
  	\`version_summary\` text,
  	\`version_body\` text,
  	\`version_content_warnings_level\` text,
  	\`version_content_warnings_note\` text,
  	\`version_content_warnings_flags\` text,
  	\`version_content_warnings_reviewed\` integer DEFAULT false,
  	\`version_signing_open\` integer DEFAULT true,
  	\`version_signing_closes_at\` text,
  	\`version_slug\` text,
  	\`version_published_date\` text,
  	\`version_created_by_id\` integer,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_statements_v_parent_idx\` ON \`_statements_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version_slug_idx\` ON \`_statements_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version_published_date_idx\` ON \`_statements_v\` (\`version_published_date\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version_created_by_idx\` ON \`_statements_v\` (\`version_created_by_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version_updated_at_idx\` ON \`_statements_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version_created_at_idx\` ON \`_statements_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_version_version__status_idx\` ON \`_statements_v\` (\`version__status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_created_at_idx\` ON \`_statements_v\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_statements_v_updated_at_idx\` ON \`_statements_v\` (\`updated_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_statements_v_latest_idx\` ON \`_statements_v\` (\`latest\`);`)
  await db.run(
    sql`CREATE INDEX \`_statements_v_autosave_idx\` ON \`_statements_v\` (\`autosave\`);`,
  )
  await db.run(sql`CREATE TABLE \`_statements_v_rels\` (
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
  await db.run(sql`CREATE TABLE \`updates_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`updates_content_warnings_categories_order_idx\` ON \`updates_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`updates_content_warnings_categories_parent_idx\` ON \`updates_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`updates\` (
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
  await db.run(sql`CREATE INDEX \`updates_date_idx\` ON \`updates\` (\`date\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`updates_slug_idx\` ON \`updates\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`updates_created_by_idx\` ON \`updates\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`updates_updated_at_idx\` ON \`updates\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`updates_created_at_idx\` ON \`updates\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`updates__status_idx\` ON \`updates\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`updates_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`statements_id\` integer,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`statements_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`updates_rels_order_idx\` ON \`updates_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`updates_rels_parent_idx\` ON \`updates_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`updates_rels_path_idx\` ON \`updates_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`updates_rels_statements_id_idx\` ON \`updates_rels\` (\`statements_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`updates_rels_trusts_id_idx\` ON \`updates_rels\` (\`trusts_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_updates_v_version_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_updates_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_content_warnings_categories_order_idx\` ON \`_updates_v_version_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_version_content_warnings_categories_parent_idx\` ON \`_updates_v_version_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_updates_v\` (
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
  await db.run(sql`CREATE TABLE \`_updates_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`statements_id\` integer,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_updates_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`statements_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_updates_v_rels_order_idx\` ON \`_updates_v_rels\` (\`order\`);`)
  await db.run(
    sql`CREATE INDEX \`_updates_v_rels_parent_idx\` ON \`_updates_v_rels\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`_updates_v_rels_path_idx\` ON \`_updates_v_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`_updates_v_rels_statements_id_idx\` ON \`_updates_v_rels\` (\`statements_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_updates_v_rels_trusts_id_idx\` ON \`_updates_v_rels\` (\`trusts_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`pages_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`pages_content_warnings_categories_order_idx\` ON \`pages_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`pages_content_warnings_categories_parent_idx\` ON \`pages_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`pages\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
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
  await db.run(sql`CREATE UNIQUE INDEX \`pages_slug_idx\` ON \`pages\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`pages_created_by_idx\` ON \`pages\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`pages_updated_at_idx\` ON \`pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`pages_created_at_idx\` ON \`pages\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`pages__status_idx\` ON \`pages\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_pages_v_version_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_pages_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_content_warnings_categories_order_idx\` ON \`_pages_v_version_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_content_warnings_categories_parent_idx\` ON \`_pages_v_version_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_pages_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
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
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_pages_v_parent_idx\` ON \`_pages_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_slug_idx\` ON \`_pages_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_created_by_idx\` ON \`_pages_v\` (\`version_created_by_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_updated_at_idx\` ON \`_pages_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version_created_at_idx\` ON \`_pages_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_pages_v_version_version__status_idx\` ON \`_pages_v\` (\`version__status\`);`,
  )
  await db.run(sql`CREATE INDEX \`_pages_v_created_at_idx\` ON \`_pages_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_updated_at_idx\` ON \`_pages_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_latest_idx\` ON \`_pages_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_pages_v_autosave_idx\` ON \`_pages_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`trusts_scheme_names\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`trusts_scheme_names_order_idx\` ON \`trusts_scheme_names\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`trusts_scheme_names_parent_id_idx\` ON \`trusts_scheme_names\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`trusts_status_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`date\` text,
  	\`status\` text,
  	\`note\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`trusts_status_history_order_idx\` ON \`trusts_status_history\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`trusts_status_history_parent_id_idx\` ON \`trusts_status_history\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`trusts_evidence\` (
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
  await db.run(sql`CREATE INDEX \`trusts_evidence_order_idx\` ON \`trusts_evidence\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`trusts_evidence_parent_id_idx\` ON \`trusts_evidence\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`trusts_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`trusts_content_warnings_categories_order_idx\` ON \`trusts_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`trusts_content_warnings_categories_parent_idx\` ON \`trusts_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`trusts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`ods_code\` text,
  	\`region\` text,
  	\`sim_status\` text DEFAULT 'under_review',
  	\`police_force\` text,
  	\`started_on\` text,
  	\`ended_on\` text,
  	\`latitude\` numeric,
  	\`longitude\` numeric,
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
  await db.run(sql`CREATE UNIQUE INDEX \`trusts_ods_code_idx\` ON \`trusts\` (\`ods_code\`);`)
  await db.run(sql`CREATE INDEX \`trusts_sim_status_idx\` ON \`trusts\` (\`sim_status\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`trusts_slug_idx\` ON \`trusts\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`trusts_created_by_idx\` ON \`trusts\` (\`created_by_id\`);`)
  await db.run(sql`CREATE INDEX \`trusts_updated_at_idx\` ON \`trusts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`trusts_created_at_idx\` ON \`trusts\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`trusts__status_idx\` ON \`trusts\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_trusts_v_version_scheme_names\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_trusts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_scheme_names_order_idx\` ON \`_trusts_v_version_scheme_names\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_scheme_names_parent_id_idx\` ON \`_trusts_v_version_scheme_names\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_trusts_v_version_status_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`date\` text,
  	\`status\` text,
  	\`note\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_trusts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_status_history_order_idx\` ON \`_trusts_v_version_status_history\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_status_history_parent_id_idx\` ON \`_trusts_v_version_status_history\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_trusts_v_version_evidence\` (
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
    sql`CREATE INDEX \`_trusts_v_version_evidence_order_idx\` ON \`_trusts_v_version_evidence\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_evidence_parent_id_idx\` ON \`_trusts_v_version_evidence\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_trusts_v_version_content_warnings_categories\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_trusts_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_content_warnings_categories_order_idx\` ON \`_trusts_v_version_content_warnings_categories\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_content_warnings_categories_parent_idx\` ON \`_trusts_v_version_content_warnings_categories\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_trusts_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_name\` text,
  	\`version_ods_code\` text,
  	\`version_region\` text,
  	\`version_sim_status\` text DEFAULT 'under_review',
  	\`version_police_force\` text,
  	\`version_started_on\` text,
  	\`version_ended_on\` text,
  	\`version_latitude\` numeric,
  	\`version_longitude\` numeric,
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
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_created_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_trusts_v_parent_idx\` ON \`_trusts_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_ods_code_idx\` ON \`_trusts_v\` (\`version_ods_code\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_sim_status_idx\` ON \`_trusts_v\` (\`version_sim_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_slug_idx\` ON \`_trusts_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_created_by_idx\` ON \`_trusts_v\` (\`version_created_by_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_updated_at_idx\` ON \`_trusts_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version_created_at_idx\` ON \`_trusts_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_trusts_v_version_version__status_idx\` ON \`_trusts_v\` (\`version__status\`);`,
  )
  await db.run(sql`CREATE INDEX \`_trusts_v_created_at_idx\` ON \`_trusts_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_trusts_v_updated_at_idx\` ON \`_trusts_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_trusts_v_latest_idx\` ON \`_trusts_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`search\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`priority\` numeric,
  	\`summary\` text,
  	\`slug\` text,
  	\`text\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`search_slug_idx\` ON \`search\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`search_updated_at_idx\` ON \`search\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`search_created_at_idx\` ON \`search\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`search_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`statements_id\` integer,
  	\`updates_id\` integer,
  	\`pages_id\` integer,
  	\`trusts_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`search\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`statements_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`updates_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`search_rels_order_idx\` ON \`search_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`search_rels_parent_idx\` ON \`search_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`search_rels_path_idx\` ON \`search_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`search_rels_statements_id_idx\` ON \`search_rels\` (\`statements_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`search_rels_updates_id_idx\` ON \`search_rels\` (\`updates_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`search_rels_pages_id_idx\` ON \`search_rels\` (\`pages_id\`);`)
  await db.run(sql`CREATE INDEX \`search_rels_trusts_id_idx\` ON \`search_rels\` (\`trusts_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`,
  )
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`site_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`site_name\` text DEFAULT '#StopSIM' NOT NULL,
  	\`contact_email\` text,
  	\`archive_notice\` text,
  	\`archive_mode\` integer DEFAULT false,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`statements_id\` integer REFERENCES statements(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`updates_id\` integer REFERENCES updates(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`pages_id\` integer REFERENCES pages(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`trusts_id\` integer REFERENCES trusts(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`search_id\` integer REFERENCES search(id);`,
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
    sql`CREATE INDEX \`payload_locked_documents_rels_search_id_idx\` ON \`payload_locked_documents_rels\` (\`search_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`statements_recipients\`;`)
  await db.run(sql`DROP TABLE \`statements_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`statements\`;`)
  await db.run(sql`DROP TABLE \`statements_rels\`;`)
  await db.run(sql`DROP TABLE \`_statements_v_version_recipients\`;`)
  await db.run(sql`DROP TABLE \`_statements_v_version_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`_statements_v\`;`)
  await db.run(sql`DROP TABLE \`_statements_v_rels\`;`)
  await db.run(sql`DROP TABLE \`updates_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`updates\`;`)
  await db.run(sql`DROP TABLE \`updates_rels\`;`)
  await db.run(sql`DROP TABLE \`_updates_v_version_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`_updates_v\`;`)
  await db.run(sql`DROP TABLE \`_updates_v_rels\`;`)
  await db.run(sql`DROP TABLE \`pages_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`pages\`;`)
  await db.run(sql`DROP TABLE \`_pages_v_version_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`_pages_v\`;`)
  await db.run(sql`DROP TABLE \`trusts_scheme_names\`;`)
  await db.run(sql`DROP TABLE \`trusts_status_history\`;`)
  await db.run(sql`DROP TABLE \`trusts_evidence\`;`)
  await db.run(sql`DROP TABLE \`trusts_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`trusts\`;`)
  await db.run(sql`DROP TABLE \`_trusts_v_version_scheme_names\`;`)
  await db.run(sql`DROP TABLE \`_trusts_v_version_status_history\`;`)
  await db.run(sql`DROP TABLE \`_trusts_v_version_evidence\`;`)
  await db.run(sql`DROP TABLE \`_trusts_v_version_content_warnings_categories\`;`)
  await db.run(sql`DROP TABLE \`_trusts_v\`;`)
  await db.run(sql`DROP TABLE \`search\`;`)
  await db.run(sql`DROP TABLE \`search_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`site_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id") SELECT "id", "order", "parent_id", "path", "users_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`PRAGMA foreign_keys=ON;`)
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
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
}
