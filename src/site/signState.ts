export type SignValues = {
  name: string
  role: string
  organisation: string
  email: string
  display: string
  onBehalfOfOrganisation: boolean
  consent: boolean
}

export type SignState = {
  status: 'ready' | 'invalid' | 'refused' | 'received'
  message?: string
  fieldErrors?: Record<string, string>
  values?: SignValues
}

/** Set by the Express server on a signing-form post over the rate limit. */
export const SIGN_FORM_LIMITED_HEADER = 'x-stopsim-sign-limited'
export const SIGN_RATE_LIMIT_MESSAGE =
  'Too many signatures from your connection. Please wait a minute and try again.'
