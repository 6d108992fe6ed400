export const MODERATION_STATUSES = [
  { value: 'pending', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved: shown on the site' },
  { value: 'rejected', label: 'Not approved' },
] as const

export type ModerationStatus = (typeof MODERATION_STATUSES)[number]['value']

export const LICENCES = [
  { value: 'campaign_only', label: 'Only #StopSIM may show it' },
  { value: 'cc_by', label: 'Creative Commons Attribution (CC BY 4.0)' },
  { value: 'cc_by_sa', label: 'Creative Commons Attribution-ShareAlike (CC BY-SA 4.0)' },
  { value: 'cc_by_nc', label: 'Creative Commons Attribution-NonCommercial (CC BY-NC 4.0)' },
  {
    value: 'cc_by_nc_nd',
    label: 'Creative Commons Attribution-NonCommercial-NoDerivatives (CC BY-NC-ND 4.0)',
  },
  { value: 'cc0', label: 'Public domain (CC0)' },
] as const
