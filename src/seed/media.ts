import type { Payload } from 'payload'

import sharp from 'sharp'

import type { Artwork, Media, User } from '../payload-types'
import { textPdf } from './pdf'

// Demo pictures are drawn here, as shapes: no one's photograph or artwork is copied in.
const svg = (width: number, height: number, shapes: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`,
  )

const candles = () =>
  svg(
    1600,
    1000,
    `<rect width="1600" height="1000" fill="#14213d"/>` +
      Array.from({ length: 9 }, (_, index) => {
        const x = 180 + index * 155
        const height = 220 + ((index * 53) % 140)
        return (
          `<rect x="${x - 22}" y="${900 - height}" width="44" height="${height}" rx="6" fill="#f1e9da"/>` +
          `<ellipse cx="${x}" cy="${870 - height}" rx="16" ry="34" fill="#fca311"/>` +
          `<circle cx="${x}" cy="${860 - height}" r="70" fill="#fca311" opacity="0.15"/>`
        )
      }).join(''),
  )

const bannerStripes = () =>
  svg(
    1800,
    1000,
    ['#7b2cbf', '#9d4edd', '#c77dff', '#e0aaff', '#f7b801', '#f18701', '#f35b04']
      .map(
        (colour, index) => `<rect y="${index * 143}" width="1800" height="143" fill="${colour}"/>`,
      )
      .join('') + `<circle cx="900" cy="500" r="260" fill="#ffffff" opacity="0.85"/>`,
  )

const openHands = () =>
  svg(
    1400,
    1400,
    `<rect width="1400" height="1400" fill="#fefae0"/>` +
      `<path d="M300 900 Q700 1250 1100 900 L1100 1000 Q700 1350 300 1000 Z" fill="#bc6c25"/>` +
      `<path d="M420 860 Q700 640 980 860" stroke="#283618" stroke-width="40" fill="none"/>` +
      `<circle cx="700" cy="520" r="150" fill="#dda15e"/>` +
      `<circle cx="700" cy="520" r="60" fill="#606c38"/>`,
  )

const waitingRoom = () =>
  svg(
    1600,
    1100,
    `<rect width="1600" height="1100" fill="#adb5bd"/>` +
      `<rect x="100" y="700" width="1400" height="20" fill="#495057"/>` +
      Array.from(
        { length: 6 },
        (_, index) =>
          `<rect x="${180 + index * 220}" y="560" width="140" height="140" fill="#6c757d"/>` +
          `<rect x="${180 + index * 220}" y="420" width="20" height="280" fill="#6c757d"/>`,
      ).join('') +
      `<rect x="1250" y="120" width="220" height="320" fill="#212529"/>` +
      `<circle cx="520" cy="460" r="60" fill="#343a40"/>`,
  )

const careNotCops = () =>
  svg(
    1500,
    1000,
    `<rect width="1500" height="1000" fill="#2a9d8f"/>` +
      `<path d="M750 820 C 420 620 330 420 500 300 C 620 220 720 300 750 380 C 780 300 880 220 1000 300 C 1170 420 1080 620 750 820 Z" fill="#e9c46a"/>` +
      `<rect x="0" y="900" width="1500" height="100" fill="#264653"/>`,
  )

const study = () =>
  svg(
    1200,
    900,
    `<rect width="1200" height="900" fill="#f8f9fa"/>` +
      Array.from(
        { length: 14 },
        (_, index) =>
          `<circle cx="${150 + ((index * 211) % 900)}" cy="${120 + ((index * 137) % 660)}" r="${40 + ((index * 17) % 70)}" fill="#e63946" opacity="0.${3 + (index % 6)}"/>`,
      ).join(''),
  )

type MediaSpec = {
  key: string
  filename: string
  render: () => Promise<Buffer>
  mimetype: string
  data: Pick<Media, 'alt' | 'caption' | 'credit'>
}

const MEDIA: MediaSpec[] = [
  {
    key: 'vigil',
    filename: 'evening-vigil.jpg',
    mimetype: 'image/jpeg',
    render: () => sharp(candles()).jpeg({ quality: 85 }).toBuffer(),
    data: {
      alt: 'Nine lit candles of different heights against a dark blue evening sky.',
      caption: 'Candles at our evening vigil for people harmed in crisis.',
      credit: 'Illustration: #StopSIM volunteers',
    },
  },
  {
    key: 'banner',
    filename: 'campaign-banner.png',
    mimetype: 'image/png',
    render: () => sharp(bannerStripes()).png().toBuffer(),
    data: {
      alt: 'Horizontal stripes in purples and oranges with a white circle in the middle.',
      credit: 'Design: #StopSIM volunteers',
    },
  },
  {
    key: 'foi-summary',
    filename: 'foi-replies-summary.pdf',
    mimetype: 'application/pdf',
    render: async () =>
      textPdf([
        'StopSIM: summary of freedom of information replies',
        'Demo document for the evidence register.',
        'Trusts asked: 14. Replies received: 12. Schemes confirmed: 5.',
        'Every figure in this demo is invented for testing.',
      ]),
    data: { caption: 'Our summary of the replies, as a PDF.' },
  },
]

type ArtworkSpec = {
  title: string
  render: () => Promise<Buffer>
  status: Artwork['moderationStatus']
  data: Pick<
    Artwork,
    'alt' | 'description' | 'artistCredit' | 'licence' | 'sensitive' | 'contentWarnings'
  >
}

const ARTWORK: ArtworkSpec[] = [
  {
    title: 'Open hands',
    status: 'approved',
    render: () => sharp(openHands()).png().toBuffer(),
    data: {
      alt: 'Two cupped hands in brown hold a golden circle with a green centre, on a cream background.',
      description:
        'Made for the launch of the open letter: care offered, not imposed. Painted over three evenings at our art group.',
      artistCredit: 'Rowan Ash',
      licence: 'cc_by_nc',
      sensitive: false,
      contentWarnings: { categories: [], reviewed: true },
    },
  },
  {
    title: 'The waiting room',
    status: 'approved',
    render: () => sharp(waitingRoom()).jpeg({ quality: 88 }).toBuffer(),
    data: {
      alt: 'A grey waiting room with a row of empty chairs, a dark doorway on the right and one figure’s head by the chairs.',
      description:
        'About the hours spent waiting for a bed while officers stood by the door. The artist asked for it to be shown with a warning.',
      artistCredit: 'Anonymous',
      licence: 'campaign_only',
      sensitive: true,
      contentWarnings: {
        categories: ['police', 'detention'],
        level: 'mention',
        note: 'Shows a hospital waiting area; refers to being held there by police.',
        reviewed: true,
      },
    },
  },
  {
    title: 'Care, not cops',
    status: 'approved',
    render: () => sharp(careNotCops()).webp({ quality: 90 }).toBuffer(),
    data: {
      alt: 'A large yellow heart on a teal background above a dark blue strip.',
      artistCredit: 'M. Okonjo',
      licence: 'cc_by',
      sensitive: false,
      contentWarnings: { categories: [], reviewed: true },
    },
  },
  {
    title: 'Study in red',
    status: 'pending',
    render: () => sharp(study()).png().toBuffer(),
    data: {
      alt: 'Overlapping red circles of different sizes and shades on an off-white background.',
      artistCredit: 'Rowan Ash',
      licence: 'cc_by_nc',
      sensitive: false,
      contentWarnings: { categories: [] },
    },
  },
]

export type MediaSeedResult = {
  media: Map<string, Media['id']>
  created: { media: number; artwork: number }
}

/**
 * Demo pictures and a PDF for content, and the demo artist's artwork (some approved, one
 * waiting), through the same checks and metadata stripping as any upload. Keyed on file name
 * and title, so running it again adds only what is missing.
 */
export async function seedDemoMedia(
  payload: Payload,
  { editorId, artistId }: { editorId: User['id']; artistId: User['id'] },
): Promise<MediaSeedResult> {
  const media = new Map<string, Media['id']>()
  const created = { media: 0, artwork: 0 }

  for (const spec of MEDIA) {
    const { docs } = await payload.find({
      collection: 'media',
      where: { filename: { equals: spec.filename } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    let id = docs[0]?.id
    if (id === undefined) {
      const data = await spec.render()
      const doc = await payload.create({
        collection: 'media',
        data: { ...spec.data, createdBy: editorId },
        file: { data, mimetype: spec.mimetype, name: spec.filename, size: data.length },
        overrideAccess: true,
        depth: 0,
      })
      id = doc.id
      created.media += 1
    }
    media.set(spec.key, id)
  }

  for (const spec of ARTWORK) {
    const { totalDocs } = await payload.count({
      collection: 'artwork',
      where: { title: { equals: spec.title } },
      overrideAccess: true,
    })
    if (totalDocs) continue
    const data = await spec.render()
    await payload.create({
      collection: 'artwork',
      data: {
        ...spec.data,
        title: spec.title,
        artist: artistId,
        consentToPublish: true,
        moderationStatus: spec.status,
      },
      // The real type is read from the bytes, as for every upload.
      file: { data, mimetype: 'application/octet-stream', name: 'upload', size: data.length },
      overrideAccess: true,
      depth: 0,
    })
    created.artwork += 1
  }
  return { media, created }
}
