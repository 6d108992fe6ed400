import type { Payload } from 'payload'

/**
 * The crisis notice and helplines shown at the foot of every page, when none are set yet.
 * The helplines are the national UK services anyone can call; check them before going live.
 */
export async function seedDemoSettings(payload: Payload): Promise<void> {
  const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: true })
  if (settings.crisisNotice) return
  await payload.updateGlobal({
    slug: 'site-settings',
    overrideAccess: true,
    data: {
      crisisNotice:
        'We are a small volunteer campaign and cannot answer messages in a crisis. If you or someone else is in danger now, call 999. These services can talk to you today:',
      helplines: [
        { name: 'Samaritans', contact: 'call 116 123, free', hours: 'any time, day or night' },
        { name: 'Shout', contact: 'text SHOUT to 85258', hours: 'any time' },
        {
          name: 'NHS 111',
          contact: 'call 111 and choose the mental-health option',
          hours: 'any time (England)',
        },
      ],
    },
  })
}
