import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`signatories\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`letter_id\` integer NOT NULL,
  	\`name\` text NOT NULL,
  	\`role\` text,
  	\`organisation\` text,
  	\`on_behalf_of_organisation\` integer DEFAULT false,
  	\`display\` text DEFAULT 'full' NOT NULL,
  	\`public_name\` text,
  	\`public_role\` text,
  	\`public_organisation\` text,
  	\`email\` text,
  	\`status\` text DEFAULT 'pending' NOT NULL,
  	\`possible_duplicate_of_id\` integer,
  	\`moderation_note\` text,
  	\`source\` text DEFAULT 'admin',
  	\`consent_notice\` text,
  	\`consent_version\` text,
  	\`consent_given_at\` text,
  	\`verified_at\` text,
  	\`email_hash\` text,
  	\`confirm_token_hash\` text,
  	\`confirm_expires_at\` text,
  	\`withdraw_token_hash\` text,
  	\`name_key\` text,
  	\`ip_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`letter_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`possible_duplicate_of_id\`) REFERENCES \`signatories\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`signatories_letter_idx\` ON \`signatories\` (\`letter_id\`);`)
  await db.run(sql`CREATE INDEX \`signatories_status_idx\` ON \`signatories\` (\`status\`);`)
  await db.run(
    sql`CREATE INDEX \`signatories_possible_duplicate_of_idx\` ON \`signatories\` (\`possible_duplicate_of_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`signatories_email_hash_idx\` ON \`signatories\` (\`email_hash\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`signatories_confirm_token_hash_idx\` ON \`signatories\` (\`confirm_token_hash\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`signatories_confirm_expires_at_idx\` ON \`signatories\` (\`confirm_expires_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`signatories_withdraw_token_hash_idx\` ON \`signatories\` (\`withdraw_token_hash\`);`,
  )
  await db.run(sql`CREATE INDEX \`signatories_name_key_idx\` ON \`signatories\` (\`name_key\`);`)
  await db.run(
    sql`CREATE INDEX \`signatories_updated_at_idx\` ON \`signatories\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`signatories_created_at_idx\` ON \`signatories\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE UNIQUE INDEX \`letter_emailHash_idx\` ON \`signatories\` (\`letter_id\`,\`email_hash\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`signatories_id\` integer REFERENCES signatories(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_signatories_id_idx\` ON \`payload_locked_documents_rels\` (\`signatories_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`signatories\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`statements_id\` integer,
  	\`updates_id\` integer,
  	\`pages_id\` integer,
  	\`trusts_id\` integer,
  	\`users_id\` integer,
  	\`search_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`statements_id\`) REFERENCES \`statements\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`updates_id\`) REFERENCES \`updates\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`trusts_id\`) REFERENCES \`trusts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_id\`) REFERENCES \`search\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "statements_id", "updates_id", "pages_id", "trusts_id", "users_id", "search_id") SELECT "id", "order", "parent_id", "path", "statements_id", "updates_id", "pages_id", "trusts_id", "users_id", "search_id" FROM \`payload_locked_documents_rels\`;`,
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
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_search_id_idx\` ON \`payload_locked_documents_rels\` (\`search_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
