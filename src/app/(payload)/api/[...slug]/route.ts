/* Payload's generated REST route, with uploads' multipart bodies checked before Payload reads them. */
import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { withWellFormedMultipart } from '../../../../uploads/wellFormedMultipart'

export const GET = REST_GET(config)
export const POST = withWellFormedMultipart(REST_POST(config))
export const DELETE = REST_DELETE(config)
export const PATCH = withWellFormedMultipart(REST_PATCH(config))
export const PUT = withWellFormedMultipart(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
