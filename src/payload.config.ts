import type { CollectionConfig, GlobalConfig, Plugin } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { assertAccessDeclared, declareAllAccess } from './access/assertAccessDeclared'
import { noJobRunsOverHttp } from './access/noJobRunsOverHttp'
import { cookiesFromThisOriginOnly } from './access/cookiesFromThisOriginOnly'
import { JOBS_ACCESS, secureFinalConfig } from './access/payloadInternals'
import { publicationRules } from './access/publicationRules'
import { archiveMode } from './archive/archiveMode'
import { Artwork } from './collections/Artwork'
import { Media } from './collections/Media'
import { Pages } from './collections/Pages'
import { Signatories } from './collections/Signatories'
import { Statements } from './collections/Statements'
import { Trusts } from './collections/Trusts'
import { Updates } from './collections/Updates'
import { Users } from './collections/Users'
import {
  accountTranslations,
  sameNameForLoginRefusals,
} from './collections/Users/hooks/sameAnswerForEveryAccount'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { Webhooks } from './collections/Webhooks'
import type { SiteHealthSettings } from './components/SiteHealth'
import { databaseAdapter, dialectOf, sqliteFilePath } from './db'
import { emailAdapter } from './email'
import { type Environment, readEnvironment } from './environment'
import { SiteSettings } from './globals/SiteSettings'
import { hideUnreadableReferencesEverywhere } from './fields/hiddenReferences'
import { withSafeLinks } from './fields/safeLinks'
import { customQueries } from './graphql/queries'
import { deliverWebhookTask } from './jobs/deliverWebhook'
import { eraseContactDetailsAfterClosing } from './jobs/eraseContactDetailsAfterClosing'
import { countJobRuns } from './jobs/countJobRuns'
import { expireUnconfirmedSignatures } from './jobs/expireUnconfirmedSignatures'
import { jobRunnerElection } from './jobs/oneRunner'
import { scheduledBackup } from './jobs/scheduledBackup'
import { jsonLogger } from './logging/logger'
import { invalidateReadCacheOnWrite } from './readCache/invalidateOnWrite'
import { withRequestChecks } from './requestChecks'
import { search } from './search'
import { objectStorage } from './uploads/objectStorage'
import { formatBytes } from './utilities/formatBytes'
import { frontendUrlFor, PREVIEWABLE_COLLECTIONS, withPreview } from './utilities/frontendUrl'
import { webhookEvents } from './webhooks/plugin'

// libvips keeps recently decoded images in a cache of its own; on a small box an upload's
// memory should be given back as soon as its sizes are written.
sharp.cache(false)

export const collections: CollectionConfig[] = [
  Statements,
  Updates,
  Pages,
  Trusts,
  Signatories,
  Artwork,
  Media,
  Users,
  Webhooks,
  WebhookDeliveries,
]
export const globals: GlobalConfig[] = [SiteSettings]

// Runs after the other plugins, so collections they add are held to the same rule. Payload adds
// its own collections after this; secureFinalConfig checks the final config against the rules
// recorded here.
const requireDeclaredAccess: Plugin = (config) => {
  assertAccessDeclared(config.collections ?? [], config.globals ?? [])
  declareAllAccess(config.collections ?? [], config.globals ?? [])
  return config
}

/** Each upload collection keeps its files in its own folder under MEDIA_DIR. */
function withStorageIn(mediaDir: string, collection: CollectionConfig): CollectionConfig {
  if (!collection.upload) return collection
  const upload = collection.upload === true ? {} : collection.upload
  return { ...collection, upload: { ...upload, staticDir: path.join(mediaDir, collection.slug) } }
}

export function createConfig(environment: Environment) {
  // Browsers may send the auth cookie only from these origins (Payload's CSRF check), and
  // only these may read API responses cross-origin. Payload treats an empty list as "any".
  const trustedOrigins = [...new Set([environment.serverUrl, ...environment.corsOrigins])]
  const election = jobRunnerElection(environment.databaseUrl)

  // Payload's own collections exist only once the config is built: they get their rules, and
  // the request checks (src/requestChecks), last.
  return buildConfig({
    admin: {
      user: Users.slug,
      avatar: 'default',
      // British dates in lists and documents: "2 December 2026, 00:04" (date-fns tokens).
      dateFormat: 'd MMMM yyyy, HH:mm',
      components: {
        beforeDashboard: [
          '/components/WebhooksSwitchedOff#WebhooksSwitchedOff',
          '/components/WhatNeedsDoing#WhatNeedsDoing',
          '/components/SiteHealth#SiteHealth',
        ],
        header: ['/components/ArchiveBanner#ArchiveBanner'],
      },
      importMap: { baseDir: path.resolve(/*turbopackIgnore: true*/ 'src') },
      meta: { titleSuffix: ' · StopSIM CMS' },
      // The public site in a frame beside the editor, updating as they type.
      ...(environment.frontendUrl
        ? {
            livePreview: {
              collections: PREVIEWABLE_COLLECTIONS,
              url: ({ collectionConfig, data }) =>
                collectionConfig
                  ? (frontendUrlFor(environment.frontendUrl!, collectionConfig.slug, data) ?? '')
                  : '',
            },
          }
        : {}),
    },
    // Payload appends its own collections to these arrays, and configs are built more than once in tests.
    collections: collections.map((collection) =>
      withPreview(environment.frontendUrl, withStorageIn(environment.mediaDir, collection)),
    ),
    globals: [...globals],
    // Payload's own labels, in plain words for editors.
    i18n: {
      fallbackLanguage: 'en',
      translations: {
        en: {
          // Payload's column labels in plain words.
          general: {
            createdAt: 'Created',
            updatedAt: 'Last changed',
            lastModified: 'Last changed',
          },
          // One answer for a wrong password, an unknown address and a locked account.
          error: accountTranslations.en.error,
        },
      },
    },
    cors: trustedOrigins,
    csrf: trustedOrigins,
    // Payload's CSRF check takes a sibling subdomain for this site: see the function.
    onInit: cookiesFromThisOriginOnly,
    custom: {
      archiveMode: environment.archiveMode,
      // Server-side only (Payload never sends the root custom to the admin's browser).
      fileStorage: { mediaDir: environment.mediaDir, s3: environment.s3 },
      // Server-side only: where the archive export starts the site that draws its static copy.
      site: { databaseUrl: environment.databaseUrl, mediaDir: environment.mediaDir },
      loginRateLimitPerMinute: environment.loginRateLimitPerMinute,
      uploadMaxPixels: environment.uploadMaxPixels,
      webhooks: {
        allowPrivate: environment.webhookAllowPrivate,
        retryAttempts: environment.webhookRetryAttempts,
        retryDelayMs: environment.webhookRetryDelayMs,
      },
      siteHealth: siteHealthSettings(environment),
      signing: {
        emailConfirmation: Boolean(environment.smtpUrl),
        confirmationHours: environment.signatureConfirmationHours,
        retentionDays: environment.signatoryRetentionDays,
      },
    },
    db: databaseAdapter({
      databaseUrl: environment.databaseUrl,
      push: environment.databasePush,
    }),
    editor: lexicalEditor({
      features: ({ defaultFeatures }) => withSafeLinks(defaultFeatures),
    }),
    hooks: { afterError: [sameNameForLoginRefusals] },
    email: emailAdapter(environment),
    graphQL: {
      disablePlaygroundInProduction: true,
      // Relationships cost 10 and other fields 1: a page showing a few lists with their related
      // documents stays well under this; walking relationships many levels deep, many times
      // over, does not. Floods of aliases and repeated fields are refused before Payload parses
      // them (src/server/graphqlLimits.ts).
      maxComplexity: 500,
      queries: customQueries,
      // `npm run generate:graphql-schema` writes it for front ends to generate types from.
      schemaOutputFile: path.resolve(/*turbopackIgnore: true*/ 'schema.graphql'),
    },
    jobs: {
      // Jobs run only where the runner election says (src/jobs/oneRunner.ts): over HTTP
      // nobody, admins included, may start a run on whichever instance the load balancer picked.
      access: { ...JOBS_ACCESS, run: noJobRunsOverHttp },
      // Scheduled publishing: the server's own runner picks due jobs up, no extra process.
      autoRun: [
        { cron: environment.jobsCron, queue: 'default', limit: 20, disableScheduling: true },
      ],
      shouldAutoRun: async (payload) => {
        if (!(await election.isRunner(payload))) return false
        // Queueing a scheduled task is a read-then-insert too: only the runner does it, so
        // two instances never queue the same clean-up or backup twice.
        await payload.jobs.handleSchedules({ queue: 'default' })
        return true
      },
      tasks: [
        expireUnconfirmedSignatures,
        eraseContactDetailsAfterClosing,
        scheduledBackup(environment),
        deliverWebhookTask({
          retryAttempts: environment.webhookRetryAttempts,
          retryDelayMs: environment.webhookRetryDelayMs,
        }),
      ],
    },
    // JSON lines with each request's id in production; Payload's readable lines in development.
    ...(environment.production ? { logger: jsonLogger(environment.logLevel) } : {}),
    // Plugins that add collections or globals come first; then the rules for drafts; archiveMode
    // wraps every access rule, then the read cache hooks every collection, jobs are counted for
    // the metrics, webhooks hook the public collections, every relationship shows a reader only
    // what they may read, and last the check that all are declared.
    plugins: [
      objectStorage(environment.s3),
      search,
      publicationRules,
      archiveMode,
      invalidateReadCacheOnWrite,
      countJobRuns,
      webhookEvents,
      hideUnreadableReferencesEverywhere,
      requireDeclaredAccess,
    ],
    secret: environment.payloadSecret,
    serverURL: environment.serverUrl,
    sharp,
    telemetry: false,
    upload: {
      // Payload stops reading at the limit and answers 413, so nothing is stored cut short.
      abortOnLimit: true,
      limits: { fileSize: environment.uploadMaxBytes, files: 1 },
      responseOnLimit: `The file is too large: the limit is ${formatBytes(environment.uploadMaxBytes)}. Please make it smaller and retry.`,
    },
    typescript: {
      // Generated on purpose with `npm run generate:types` and committed, not on every start.
      autoGenerate: false,
      outputFile: path.resolve(/*turbopackIgnore: true*/ 'src/payload-types.ts'),
    },
  })
    .then(secureFinalConfig)
    .then(withRequestChecks)
}

function siteHealthSettings(environment: Environment): SiteHealthSettings {
  const storage = [{ label: 'Media (uploads)', folder: environment.mediaDir }]
  if (dialectOf(environment.databaseUrl) === 'sqlite') {
    storage.unshift({
      label: 'Database',
      folder: path.dirname(sqliteFilePath(environment.databaseUrl)),
    })
  }
  if (environment.backupCron) storage.push({ label: 'Backups', folder: environment.backupDir })
  return {
    backupDir: environment.backupDir,
    backupsScheduled: Boolean(environment.backupCron),
    storage,
  }
}

export default createConfig(readEnvironment())
