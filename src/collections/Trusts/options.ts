export const REGIONS = [
  { value: 'london', label: 'London' },
  { value: 'south_east', label: 'South East' },
  { value: 'south_west', label: 'South West' },
  { value: 'east_of_england', label: 'East of England' },
  { value: 'midlands', label: 'Midlands' },
  { value: 'north_east_yorkshire', label: 'North East and Yorkshire' },
  { value: 'north_west', label: 'North West' },
  { value: 'wales', label: 'Wales' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'northern_ireland', label: 'Northern Ireland' },
] as const

export const SIM_STATUSES = [
  { value: 'confirmed', label: 'Confirmed: used SIM' },
  { value: 'similar_scheme', label: 'A similar scheme' },
  { value: 'ended', label: 'Used SIM, now ended' },
  { value: 'under_review', label: 'Under review' },
  { value: 'denied', label: 'Denied using SIM' },
  { value: 'no_evidence', label: 'No evidence found' },
] as const

export const EVIDENCE_KINDS = [
  { value: 'foi_response', label: 'Freedom of information response' },
  { value: 'report', label: 'Report' },
  { value: 'news', label: 'News' },
  { value: 'statement', label: 'Statement' },
] as const

// NHS Organisation Data Service codes: three characters for a trust, five for a site.
export const ODS_CODE_PATTERN = /^[A-Z0-9]{3,5}$/
