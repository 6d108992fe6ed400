import type { SanitizedConfig } from 'payload'

import { FORM_DATA } from './reactReply'
import { isPlainObject } from '../utilities/isPlainObject'

/**
 * What each of the app's server actions is called with, by the file Next.js compiled it from
 * (as its server-reference manifest names them). A call of another shape never comes from this
 * app's pages: it is refused with 400 before Next.js runs the action, where anything thrown is
 * a 500 with no message.
 */
export type CallCheck = (args: unknown[], config: SanitizedConfig) => string | undefined

/**
 * The functions Payload's admin panel calls through its one server action
 * (`handleServerFunctions` in @payloadcms/next), and what each needs to find its target.
 * test/admin-server-functions.test.ts fails when a Payload upgrade changes the list.
 */
export const PAYLOAD_SERVER_FUNCTIONS = {
  'copy-data-from-locale': 'localised',
  'form-state': 'any',
  'get-default-layout': 'any',
  'get-folder-results-component-and-data': 'any',
  'get-upcoming-scheduled-publish': 'any',
  'render-document': 'collection or global',
  'render-document-slots': 'collection or global',
  'render-field': 'schema path',
  'render-list': 'collection',
  'render-widget': 'any',
  'schedule-publish': 'any',
  slugify: 'slug field',
  'table-state': 'any',
} as const

type Target = (typeof PAYLOAD_SERVER_FUNCTIONS)[keyof typeof PAYLOAD_SERVER_FUNCTIONS]

const isFunctionName = (name: string): name is keyof typeof PAYLOAD_SERVER_FUNCTIONS =>
  Object.hasOwn(PAYLOAD_SERVER_FUNCTIONS, name)

const hasCollection = (config: SanitizedConfig, slug: unknown) =>
  typeof slug === 'string' && config.collections.some((collection) => collection.slug === slug)

const hasGlobal = (config: SanitizedConfig, slug: unknown) =>
  typeof slug === 'string' && config.globals.some((global) => global.slug === slug)

function targetProblem(
  target: Target,
  args: Record<string, unknown>,
  config: SanitizedConfig,
): string | undefined {
  if (args.collectionSlug !== undefined && !hasCollection(config, args.collectionSlug)) {
    return 'There is no collection of that name.'
  }
  if (args.globalSlug !== undefined && !hasGlobal(config, args.globalSlug)) {
    return 'There is no global of that name.'
  }
  switch (target) {
    case 'collection':
      return args.collectionSlug === undefined ? 'Say which collection.' : undefined
    case 'collection or global':
      return args.collectionSlug === undefined && args.globalSlug === undefined
        ? 'Say which collection or global.'
        : undefined
    case 'schema path': {
      const [kind, slug] = typeof args.schemaPath === 'string' ? args.schemaPath.split('.') : []
      const known =
        (kind === 'collection' && hasCollection(config, slug)) ||
        (kind === 'global' && hasGlobal(config, slug))
      return known
        ? undefined
        : 'Say which field, as collection.<slug>.<field> or global.<slug>.<field>.'
    }
    case 'slug field':
      if (args.collectionSlug === undefined && args.globalSlug === undefined) {
        return 'Say which collection or global.'
      }
      return typeof args.path === 'string' && typeof args.valueToSlugify === 'string'
        ? undefined
        : 'Say which field, and the text to make a slug of.'
    case 'localised':
      return config.localization
        ? undefined
        : 'This site has one language: there is nothing to copy.'
    default:
      return undefined
  }
}

/** The admin layout's action: one `{ name, args }` naming one of Payload's server functions. */
const adminServerFunctionCall: CallCheck = (args, config) => {
  const [call] = args
  if (args.length !== 1 || !isPlainObject(call) || typeof call.name !== 'string') {
    return 'An admin panel call is one { name, args } object.'
  }
  if (!isFunctionName(call.name)) return `The admin panel has no function called “${call.name}”.`
  if (call.args !== undefined && !isPlainObject(call.args)) {
    return `The arguments of “${call.name}” must be an object.`
  }
  return targetProblem(PAYLOAD_SERVER_FUNCTIONS[call.name], call.args ?? {}, config)
}

/** The signing form (src/site/signing.ts): the form's previous state, then the form. */
const signFormCall: CallCheck = (args) =>
  args.length === 2 && (args[0] === undefined || isPlainObject(args[0])) && args[1] === FORM_DATA
    ? undefined
    : 'The signing form sends its previous state and the form.'

/** Payload's language switch in the admin panel. */
const languageCall: CallCheck = (args) =>
  args.length === 1 && typeof args[0] === 'string' && args[0].length <= 16
    ? undefined
    : 'The language switch sends one language code.'

export const SERVER_ACTION_CALLS: Record<string, CallCheck> = {
  'src/app/(payload)/layout.tsx': adminServerFunctionCall,
  'src/site/signing.ts': signFormCall,
  'node_modules/@payloadcms/next/dist/layouts/Root/index.js': languageCall,
}
