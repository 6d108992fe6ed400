export const DISPLAY_CHOICES = [
  { value: 'full', label: 'Name, role and organisation' },
  { value: 'name_only', label: 'Name only' },
  { value: 'anonymous', label: 'Anonymous, with role' },
  { value: 'counted_only', label: 'Counted only, not listed' },
] as const

export type DisplayChoice = (typeof DISPLAY_CHOICES)[number]['value']

export const SIGNATORY_STATUSES = [
  { value: 'pending', label: 'Waiting for review' },
  { value: 'verified', label: 'Email confirmed, waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'duplicate', label: 'Duplicate' },
  { value: 'withdrawn', label: 'Withdrawn by the signer' },
] as const

export const SIGNATORY_SOURCES = [
  { value: 'form', label: 'Signed on the website' },
  { value: 'import', label: 'Imported' },
  { value: 'admin', label: 'Added by the team' },
] as const

export const LIMITS = { name: 120, role: 120, organisation: 160, email: 254 } as const

// Shown to signers next to the consent box; stored with every signature so we can prove
// what each person agreed to. Change the version whenever the wording changes.
export const CONSENT_NOTICE_VERSION = '2026-11-a'
export const CONSENT_NOTICE =
  'I agree to #StopSIM storing my name, role, organisation and email address to show my support for this open letter as I chose above. My email address is never published; it is used only to confirm my signature and to contact me about this letter, and I can withdraw at any time.'
