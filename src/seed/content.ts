import crypto from 'node:crypto'

import type { Payload, RequiredDataFromCollectionSlug } from 'payload'

import type { WarningCategory } from '../fields/contentWarnings'
import type { Media, Page, Statement, Trust, Update, User } from '../payload-types'

/*
 * Demo content for a fresh install: statements, campaign updates, the three standing pages and
 * an evidence register of NHS trusts. Everything here is written for the demo. The trusts,
 * places and police forces are made up, and so are their ODS codes, dates and evidence; no
 * real organisation's record is described. The campaign's own texts are plausible but are
 * not the campaign's words.
 */

// ---------------------------------------------------------------------------------------------
// Lexical rich text

type TextNode = {
  type: 'text'
  text: string
  format: number
  detail: number
  mode: 'normal'
  style: string
  version: 1
}
type ElementBase = { direction: 'ltr'; format: ''; indent: number; version: 1 }
type ParagraphNode = ElementBase & {
  type: 'paragraph'
  children: TextNode[]
  textFormat: number
  textStyle: string
}
type HeadingNode = ElementBase & { type: 'heading'; tag: 'h2' | 'h3'; children: TextNode[] }
type WarningBlockNode = {
  type: 'block'
  version: 2
  format: ''
  fields: {
    id: string
    blockName: string
    blockType: 'contentWarningSection'
    categories: WarningCategory[]
    note?: string
    content: RichText
  }
}
type BodyNode = ParagraphNode | HeadingNode | WarningBlockNode
type RichText = {
  root: ElementBase & { type: 'root'; children: BodyNode[] }
}

const BOLD = 1

const text = (value: string, format = 0): TextNode => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})

const ELEMENT: ElementBase = { direction: 'ltr', format: '', indent: 0, version: 1 }

/** A paragraph; `**words**` at the very start becomes a bold lead-in. */
const p = (value: string): ParagraphNode => {
  const lead = /^\*\*(.+?)\*\*\s*/.exec(value)
  const children = lead
    ? [text(`${lead[1]} `, BOLD), text(value.slice(lead[0].length))]
    : [text(value)]
  // Lexical records the format of the paragraph's first text as the paragraph's own.
  return { ...ELEMENT, type: 'paragraph', textFormat: children[0].format, textStyle: '', children }
}

const h2 = (value: string): HeadingNode => ({
  ...ELEMENT,
  type: 'heading',
  tag: 'h2',
  children: [text(value)],
})

const h3 = (value: string): HeadingNode => ({
  ...ELEMENT,
  type: 'heading',
  tag: 'h3',
  children: [text(value)],
})

/** A passage behind its own content warning (the contentWarningSection block). */
const warningSection = (
  warning: { categories: WarningCategory[]; note: string },
  ...content: (ParagraphNode | HeadingNode)[]
): WarningBlockNode => ({
  type: 'block',
  version: 2,
  format: '',
  fields: {
    // Block ids look like MongoDB ObjectIds; derived from the text so every install matches.
    id: crypto
      .createHash('sha256')
      .update(JSON.stringify([warning, content]))
      .digest('hex')
      .slice(0, 24),
    blockName: '',
    blockType: 'contentWarningSection',
    categories: warning.categories,
    note: warning.note,
    content: richText(...content),
  },
})

/** A Lexical document from paragraphs, headings and warning sections, in order. */
export const richText = (...children: BodyNode[]): RichText => ({
  root: { ...ELEMENT, type: 'root', children },
})

// ---------------------------------------------------------------------------------------------
// Shared shapes

type Status = 'draft' | 'published'
type Warnings = {
  categories: WarningCategory[]
  level?: 'mention' | 'discussion' | 'detailed'
  note?: string
}

/** Noon UTC, so the day shown is the same in every UK and European time zone. */
const day = (date: string) => `${date}T12:00:00.000Z`

/** Published documents have had their warnings checked; drafts are waiting for an editor. */
const warningsFor = (warnings: Warnings, status: Status) => ({
  categories: warnings.categories,
  level: warnings.level ?? null,
  note: warnings.note ?? null,
  reviewed: status === 'published',
})

const NO_WARNINGS: Warnings = { categories: [] }

// ---------------------------------------------------------------------------------------------
// Trusts: the evidence register. Invented trusts in invented places.

type TrustSpec = Pick<
  Trust,
  | 'name'
  | 'odsCode'
  | 'region'
  | 'simStatus'
  | 'policeForce'
  | 'startedOn'
  | 'endedOn'
  | 'latitude'
  | 'longitude'
> & {
  status: Status
  schemeNames?: string[]
  history: NonNullable<Trust['statusHistory']>
  evidence: NonNullable<Trust['evidence']>
  warnings: Warnings
}

const evidenceUrl = (odsCode: string, item: string) =>
  `https://example.org/evidence/${odsCode.toLowerCase()}/${item}`

const TRUSTS: TrustSpec[] = [
  {
    name: 'Eastgate and Riverside Mental Health NHS Trust',
    odsCode: 'R9A',
    region: 'london',
    simStatus: 'confirmed',
    policeForce: 'Thameside Police',
    schemeNames: ['Serenity Integrated Mentoring', 'High Intensity Support Team'],
    startedOn: day('2018-04-01'),
    latitude: 51.5194,
    longitude: -0.0412,
    status: 'published',
    history: [
      {
        date: day('2021-06-14'),
        status: 'under_review',
        note: 'Added to the register after supporters told us about a police officer attending care meetings.',
      },
      {
        date: day('2021-10-04'),
        status: 'confirmed',
        note: 'A freedom of information response confirmed the scheme and its start date.',
      },
    ],
    evidence: [
      {
        kind: 'foi_response',
        date: day('2021-09-27'),
        summary:
          'The trust confirmed that a police sergeant had worked with its high-intensity team since April 2018, funded jointly with the force, and that care plans could include “response plans” agreed with the police.',
        sourceUrl: evidenceUrl('R9A', 'foi-2021-09'),
      },
      {
        kind: 'report',
        date: day('2022-02-15'),
        summary:
          'The trust’s own service evaluation counted fewer emergency department attendances among people in the scheme, but did not ask the people themselves about their experience of care.',
        sourceUrl: evidenceUrl('R9A', 'evaluation-2022'),
      },
    ],
    warnings: {
      categories: ['police', 'coercion'],
      level: 'mention',
      note: 'Mentions police officers in care planning and the possibility of legal action.',
    },
  },
  {
    name: 'Harrowfield Partnership NHS Foundation Trust',
    odsCode: 'R9B',
    region: 'london',
    simStatus: 'denied',
    policeForce: 'Thameside Police',
    latitude: 51.5801,
    longitude: -0.3352,
    status: 'published',
    history: [
      {
        date: day('2021-06-14'),
        status: 'under_review',
        note: 'Listed because it shares a police force with a trust that used SIM.',
      },
      {
        date: day('2022-01-10'),
        status: 'denied',
        note: 'The trust said in writing that it had never used SIM or any similar scheme.',
      },
    ],
    evidence: [
      {
        kind: 'foi_response',
        date: day('2022-01-07'),
        summary:
          'The trust said it had not used SIM or any scheme placing police officers in its clinical teams, and held no agreements with the force about individual patients.',
        sourceUrl: evidenceUrl('R9B', 'foi-2022-01'),
      },
    ],
    warnings: NO_WARNINGS,
  },
  {
    name: 'Kestrel Downs Health and Care NHS Foundation Trust',
    odsCode: 'R9C',
    region: 'south_east',
    simStatus: 'ended',
    policeForce: 'Kestrel Downs Constabulary',
    schemeNames: ['SIM'],
    startedOn: day('2017-09-01'),
    endedOn: day('2021-11-30'),
    latitude: 51.2787,
    longitude: 0.5217,
    status: 'published',
    history: [
      {
        date: day('2021-05-20'),
        status: 'confirmed',
        note: 'The trust’s board papers named the scheme.',
      },
      {
        date: day('2021-11-30'),
        status: 'ended',
        note: 'The trust told us the scheme had closed and that no new patients had joined it since the summer.',
      },
    ],
    evidence: [
      {
        kind: 'report',
        date: day('2021-05-12'),
        summary:
          'Board papers described the scheme as a partnership with the constabulary and listed the number of people taking part.',
        sourceUrl: evidenceUrl('R9C', 'board-papers-2021-05'),
      },
      {
        kind: 'statement',
        date: day('2021-11-30'),
        summary:
          'The trust announced that the scheme had ended and that it would review the care plans of everyone who had been part of it.',
        sourceUrl: evidenceUrl('R9C', 'statement-2021-11'),
      },
      {
        kind: 'news',
        date: day('2021-12-02'),
        summary: 'Local news reported the closure and the campaign’s response.',
        sourceUrl: evidenceUrl('R9C', 'news-2021-12'),
      },
    ],
    warnings: {
      categories: ['police'],
      level: 'mention',
      note: 'Mentions police officers working with the trust’s mental-health teams.',
    },
  },
  {
    name: 'Marwick Vale Mental Health NHS Trust',
    odsCode: 'R9D',
    region: 'south_east',
    simStatus: 'under_review',
    policeForce: 'Marwick Vale Constabulary',
    latitude: 50.9097,
    longitude: -1.4044,
    status: 'published',
    history: [
      {
        date: day('2024-03-18'),
        status: 'under_review',
        note: 'A supporter sent us a care plan mentioning a “joint response plan”; we have asked the trust what it means.',
      },
    ],
    evidence: [
      {
        kind: 'foi_response',
        date: day('2024-05-02'),
        summary:
          'The trust said it was gathering the information and would reply in full after the statutory deadline had been extended.',
        sourceUrl: evidenceUrl('R9D', 'foi-2024-05'),
      },
    ],
    warnings: NO_WARNINGS,
  },
  {
    name: 'Ashcombe and Westmoor Partnership NHS Trust',
    odsCode: 'R9E',
    region: 'south_west',
    simStatus: 'confirmed',
    policeForce: 'Westmoor Constabulary',
    schemeNames: ['Serenity Integrated Mentoring'],
    startedOn: day('2019-01-07'),
    latitude: 50.7236,
    longitude: -3.5275,
    status: 'published',
    history: [
      {
        date: day('2021-07-01'),
        status: 'confirmed',
        note: 'The trust confirmed the scheme in reply to a supporter’s letter.',
      },
    ],
    evidence: [
      {
        kind: 'statement',
        date: day('2021-06-28'),
        summary:
          'In a letter to a supporter, the trust said it ran the scheme with the constabulary and believed it reduced crisis contacts.',
        sourceUrl: evidenceUrl('R9E', 'letter-2021-06'),
      },
      {
        kind: 'foi_response',
        date: day('2021-12-13'),
        summary:
          'The trust said it did not record how many people in the scheme had been warned about prosecution or had a care plan that limited their access to services.',
        sourceUrl: evidenceUrl('R9E', 'foi-2021-12'),
      },
    ],
    warnings: {
      categories: ['police', 'coercion', 'withholding_care'],
      level: 'discussion',
      note: 'Discusses warnings about prosecution and care plans that limit access to help.',
    },
  },
  {
    name: 'Fenmere Community and Mental Health NHS Trust',
    odsCode: 'R9F',
    region: 'east_of_england',
    simStatus: 'similar_scheme',
    policeForce: 'Fenmere Constabulary',
    schemeNames: ['Frequent Attender Partnership'],
    startedOn: day('2019-10-01'),
    latitude: 52.4022,
    longitude: 0.2615,
    status: 'published',
    history: [
      {
        date: day('2022-01-19'),
        status: 'similar_scheme',
        note: 'Not called SIM, but a police officer joins meetings about people who often seek crisis help.',
      },
    ],
    evidence: [
      {
        kind: 'foi_response',
        date: day('2022-01-12'),
        summary:
          'The trust described a monthly meeting about people who frequently contact crisis services, attended by a named police officer, and said it did not use the name SIM.',
        sourceUrl: evidenceUrl('R9F', 'foi-2022-01'),
      },
    ],
    warnings: {
      categories: ['police', 'withholding_care'],
      level: 'mention',
      note: 'Mentions police attending meetings about people’s care.',
    },
  },
  {
    name: 'Brackenford Healthcare NHS Foundation Trust',
    odsCode: 'R9G',
    region: 'midlands',
    simStatus: 'ended',
    policeForce: 'Brackenford Police',
    schemeNames: ['SIM', 'High Intensity Network'],
    startedOn: day('2018-06-04'),
    endedOn: day('2023-01-31'),
    latitude: 52.4862,
    longitude: -1.8904,
    status: 'published',
    history: [
      {
        date: day('2021-06-01'),
        status: 'confirmed',
        note: 'Confirmed by the trust’s published annual report.',
      },
      {
        date: day('2023-01-31'),
        status: 'ended',
        note: 'The trust’s board agreed to end the scheme and to offer affected people a care review.',
      },
    ],
    evidence: [
      {
        kind: 'report',
        date: day('2021-05-28'),
        summary:
          'The annual report described the scheme as one of the year’s achievements and gave the number of police officers involved.',
        sourceUrl: evidenceUrl('R9G', 'annual-report-2021'),
      },
      {
        kind: 'statement',
        date: day('2023-01-31'),
        summary:
          'The trust said the scheme had closed, thanked people with lived experience for raising concerns, and promised a care review for everyone who had been in it.',
        sourceUrl: evidenceUrl('R9G', 'statement-2023-01'),
      },
    ],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
  },
  {
    name: 'Lindenshire Mental Health Partnership NHS Trust',
    odsCode: 'R9H',
    region: 'midlands',
    simStatus: 'no_evidence',
    policeForce: 'Lindenshire Police',
    latitude: 52.9548,
    longitude: -1.1581,
    status: 'published',
    history: [
      {
        date: day('2022-02-21'),
        status: 'no_evidence',
        note: 'Searches of board papers and a freedom of information request found nothing.',
      },
    ],
    evidence: [
      {
        kind: 'foi_response',
        date: day('2022-02-14'),
        summary:
          'The trust said it held no information about any scheme placing police officers in mental-health teams.',
        sourceUrl: evidenceUrl('R9H', 'foi-2022-02'),
      },
    ],
    warnings: NO_WARNINGS,
  },
  {
    name: 'Greyfell and Wensby NHS Foundation Trust',
    odsCode: 'R9J',
    region: 'north_east_yorkshire',
    simStatus: 'confirmed',
    policeForce: 'Greyfell Police',
    schemeNames: ['Serenity Integrated Mentoring'],
    startedOn: day('2018-11-05'),
    latitude: 53.8008,
    longitude: -1.5491,
    status: 'published',
    history: [
      {
        date: day('2021-08-09'),
        status: 'under_review',
        note: 'A news report mentioned a police officer based with the trust’s crisis team.',
      },
      {
        date: day('2021-12-06'),
        status: 'confirmed',
        note: 'Confirmed in a freedom of information response.',
      },
    ],
    evidence: [
      {
        kind: 'news',
        date: day('2021-08-05'),
        summary:
          'A local news report described a police officer working alongside the trust’s crisis team.',
        sourceUrl: evidenceUrl('R9J', 'news-2021-08'),
      },
      {
        kind: 'foi_response',
        date: day('2021-12-01'),
        summary:
          'The trust confirmed it used SIM and said the police officer could see parts of patients’ clinical records.',
        sourceUrl: evidenceUrl('R9J', 'foi-2021-12'),
      },
    ],
    warnings: {
      categories: ['police', 'coercion'],
      level: 'mention',
      note: 'Mentions police access to clinical records.',
    },
  },
  {
    name: 'Harbourside Northern NHS Foundation Trust',
    odsCode: 'R9K',
    region: 'north_east_yorkshire',
    simStatus: 'denied',
    policeForce: 'Harbourside Police',
    latitude: 54.9783,
    longitude: -1.6178,
    status: 'published',
    history: [
      {
        date: day('2022-03-14'),
        status: 'denied',
        note: 'The trust told us it had considered SIM in 2019 and decided not to use it.',
      },
    ],
    evidence: [
      {
        kind: 'statement',
        date: day('2022-03-10'),
        summary:
          'The trust said it had looked at SIM in 2019, decided against it after hearing from people who use its services, and had no police officers in its teams.',
        sourceUrl: evidenceUrl('R9K', 'statement-2022-03'),
      },
    ],
    warnings: NO_WARNINGS,
  },
  {
    name: 'Millbrook Valley Mental Health NHS Trust',
    odsCode: 'R9L',
    region: 'north_west',
    simStatus: 'similar_scheme',
    policeForce: 'Millbrook Valley Police',
    schemeNames: ['Crisis Pathway Partnership'],
    startedOn: day('2020-02-03'),
    latitude: 53.4808,
    longitude: -2.2426,
    status: 'published',
    history: [
      {
        date: day('2022-06-20'),
        status: 'under_review',
        note: 'Added after the trust published a consultation on its crisis pathway.',
      },
      {
        date: day('2022-09-12'),
        status: 'similar_scheme',
        note: 'The consultation papers describe police officers reviewing crisis plans with clinicians.',
      },
    ],
    evidence: [
      {
        kind: 'report',
        date: day('2022-06-15'),
        summary:
          'Consultation papers describe a “crisis pathway partnership” in which police officers and clinicians review the plans of people who often use crisis services.',
        sourceUrl: evidenceUrl('R9L', 'consultation-2022'),
      },
      {
        kind: 'foi_response',
        date: day('2022-09-05'),
        summary:
          'The trust said the partnership was not SIM but confirmed that police officers attend its review meetings.',
        sourceUrl: evidenceUrl('R9L', 'foi-2022-09'),
      },
    ],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
  },
  {
    name: 'Saltmarsh Coast Mental Health NHS Trust',
    odsCode: 'R9M',
    region: 'north_west',
    simStatus: 'ended',
    policeForce: 'Saltmarsh Constabulary',
    schemeNames: ['SIM'],
    startedOn: day('2019-04-01'),
    endedOn: day('2022-03-31'),
    latitude: 53.8175,
    longitude: -3.0357,
    status: 'published',
    history: [
      {
        date: day('2021-09-13'),
        status: 'confirmed',
        note: 'Confirmed in the trust’s answer to a supporter’s question at its annual meeting.',
      },
      {
        date: day('2022-03-31'),
        status: 'ended',
        note: 'The trust did not renew the scheme when its funding ended.',
      },
    ],
    evidence: [
      {
        kind: 'statement',
        date: day('2021-09-10'),
        summary:
          'At its annual public meeting the trust confirmed it took part in SIM with the constabulary.',
        sourceUrl: evidenceUrl('R9M', 'annual-meeting-2021'),
      },
      {
        kind: 'foi_response',
        date: day('2022-05-09'),
        summary: 'The trust confirmed the scheme ended on 31 March 2022 and would not be replaced.',
        sourceUrl: evidenceUrl('R9M', 'foi-2022-05'),
      },
    ],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
  },
  {
    name: 'Bro Derwen University Health Board',
    odsCode: 'R9N',
    region: 'wales',
    simStatus: 'under_review',
    policeForce: 'Heddlu Bro Derwen',
    latitude: 51.6214,
    longitude: -3.9436,
    status: 'published',
    history: [
      {
        date: day('2023-11-06'),
        status: 'under_review',
        note: 'A clinician told us that a police liaison role had been created; we are checking what it involves.',
      },
    ],
    evidence: [
      {
        kind: 'news',
        date: day('2023-10-30'),
        summary:
          'A job advert for a police liaison role in the health board’s crisis service was shared with the campaign.',
        sourceUrl: evidenceUrl('R9N', 'job-advert-2023'),
      },
    ],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
  },
  {
    name: 'Eastmere Coastal NHS Foundation Trust',
    odsCode: 'R9P',
    region: 'east_of_england',
    simStatus: 'under_review',
    policeForce: 'Eastmere Constabulary',
    latitude: 52.6309,
    longitude: 1.2974,
    // A draft: a contributor has found something, and an editor has not checked it yet.
    status: 'draft',
    history: [
      {
        date: day('2024-08-19'),
        status: 'under_review',
        note: 'A supporter reports being told their crisis plan was “shared with the police”. Not yet checked.',
      },
    ],
    evidence: [
      {
        kind: 'news',
        date: day('2024-08-15'),
        summary:
          'A supporter’s account, shared with consent, of being told that their crisis plan had been shared with the police. Waiting for the trust’s reply.',
        sourceUrl: evidenceUrl('R9P', 'supporter-account-2024'),
      },
    ],
    warnings: {
      categories: ['police', 'coercion'],
      level: 'mention',
    },
  },
]

// ---------------------------------------------------------------------------------------------
// Statements

type StatementSpec = Pick<Statement, 'title' | 'kind' | 'summary'> & {
  slug: string
  status: Status
  publishedDate?: string
  recipients?: string[]
  /** ODS codes of the trusts mentioned. */
  trusts?: string[]
  signing?: Statement['signing']
  warnings: Warnings
  /** Written by the demo contributor rather than the demo editor. */
  byContributor?: boolean
  /** Keys of demo media offered for download. */
  attachments?: string[]
  body: RichText
}

const STATEMENTS: StatementSpec[] = [
  {
    slug: 'crisis-care-is-health-care',
    kind: 'statement',
    status: 'published',
    publishedDate: day('2021-04-20'),
    title: 'Our position: crisis care is health care, not policing',
    summary:
      'Why we are asking NHS mental-health services to stop placing police officers in the care of people who reach out for help in a crisis.',
    warnings: {
      categories: ['police', 'coercion', 'withholding_care'],
      level: 'discussion',
      note: 'Discusses police involvement in care and the threat of prosecution. No personal accounts.',
    },
    body: richText(
      p(
        'When someone in a mental-health crisis asks for help, they should be met by people trained to care for them. In some parts of the country, people who asked for help often were instead placed on schemes that brought a police officer into their care team.',
      ),
      h2('What we are asking for'),
      p(
        '**An end to police in care teams.** No police officer should sit in a clinical team, attend care meetings about an individual, or help write a person’s care plan because they often ask for help.',
      ),
      p(
        '**A review for everyone affected.** Each person who was placed on such a scheme should be offered an independent review of their care, and help to correct their records.',
      ),
      p(
        '**Care designed with the people who use it.** Crisis services should be planned with people who have lived experience of crisis, and should be properly funded.',
      ),
      h2('Why it matters'),
      p(
        'Reaching out often is usually a sign that someone’s needs are not being met. Answering that with the threat of police action, or with limits on when help can be asked for, can teach people that asking is dangerous. Some people stop asking at all.',
      ),
      p(
        'Police officers are not clinicians. Involving them changes the relationship between a patient and their care team, and it falls hardest on people who already have reason to fear the police.',
      ),
      h2('What we are not saying'),
      p(
        'We are not criticising individual nurses, doctors or officers, many of whom share our concerns. We are asking for a different model of care, and we want to work with anyone who wants the same.',
      ),
    ),
  },
  {
    slug: 'open-letter-end-police-involvement-in-crisis-care',
    kind: 'open_letter',
    attachments: ['foi-summary'],
    status: 'published',
    publishedDate: day('2021-05-17'),
    title: 'Open letter: end police involvement in mental-health crisis care',
    summary:
      'An open letter from people who use mental-health services, their families, clinicians and organisations, asking for police to be taken out of crisis care. Anyone can sign.',
    recipients: [
      'The Secretary of State for Health and Social Care',
      'The chief executive of NHS England',
      'The chairs and boards of NHS mental-health trusts',
    ],
    trusts: ['R9A', 'R9E', 'R9J'],
    signing: { open: true },
    warnings: {
      categories: ['police', 'coercion', 'detention', 'withholding_care'],
      level: 'discussion',
      note: 'Discusses police involvement in care, threats of prosecution and detention, in general terms.',
    },
    body: richText(
      p('To the Secretary of State, NHS England and the boards of NHS mental-health trusts,'),
      p(
        'We write as people who have used mental-health services, as their families and friends, as nurses, doctors, psychologists, social workers and peer workers, and as organisations that support people in distress.',
      ),
      p(
        'Across England, people who often asked for help in a crisis have been placed on schemes that brought police officers into their care. Some were told they could be prosecuted for asking for help too often. Some had care plans that limited when they could go to an emergency department. Many were not told the scheme existed, or were not asked whether they agreed.',
      ),
      h2('We ask you to'),
      p('**1.** End every scheme that places police officers in mental-health care teams.'),
      p(
        '**2.** Offer each person who was placed on such a scheme an independent review of their care, and correct their records where they ask.',
      ),
      p('**3.** Publish which trusts used these schemes, when, and with which police forces.'),
      p(
        '**4.** Make sure that no one is threatened with police action, prosecution or detention because they asked for help.',
      ),
      p(
        '**5.** Involve people with lived experience of crisis in designing the services that replace these schemes.',
      ),
      p(
        'Asking for help should never be treated as a crime. We would welcome the chance to meet you and to share what people have told us.',
      ),
      p('Yours sincerely,'),
      p('The undersigned'),
    ),
  },
  {
    slug: 'our-response-to-the-national-review',
    kind: 'response',
    status: 'published',
    publishedDate: day('2022-03-08'),
    title: 'Our response to the national review of high-intensity user schemes',
    summary:
      'What we told the national review: the evidence for these schemes is weak, the harm to people is real, and the people affected must be heard.',
    recipients: ['The national review team'],
    trusts: ['R9A', 'R9C', 'R9G'],
    warnings: {
      categories: ['police', 'restraint', 'self_harm', 'withholding_care'],
      level: 'discussion',
      note: 'Includes a short, non-graphic account of police restraint in hospital, in a section you can skip. Self-harm is mentioned.',
    },
    body: richText(
      p(
        'We welcome the review and thank the people with lived experience who gave their time to it, often at real cost to themselves. This is a summary of what we submitted.',
      ),
      h2('The evidence'),
      p(
        'The evaluations we have seen count fewer visits to emergency departments and fewer calls to the police. They do not ask whether people were safer, whether they got the help they needed, or whether they simply stopped asking. A fall in contacts is not the same as a fall in need.',
      ),
      h2('What people told us'),
      p(
        'Over the last year, people who were placed on these schemes have told us what it was like. With their consent, we share one account below. It is a composite of several conversations, and details have been changed so that no one can be identified.',
      ),
      warningSection(
        {
          categories: ['restraint', 'police', 'self_harm'],
          note: 'A short account of someone being restrained by police officers in a hospital, after they had hurt themselves. It is not graphic.',
        },
        p(
          '“I went to A&E because I had hurt myself and I was frightened. I was told my care plan said I should not be there, and that the police had been called. Two officers came. When I said I did not want to go with them, they held my arms and took me out to a car. No one from the hospital looked at my injury.”',
        ),
        p(
          'Being held by police at the moment of asking for care is frightening and can be retraumatising. People told us it made them less likely to ask for help the next time.',
        ),
      ),
      h2('What we recommend'),
      p(
        'End these schemes; offer everyone affected an independent review of their care; publish the full list of trusts and forces involved; and fund crisis care that is led by clinicians and by people with lived experience.',
      ),
    ),
  },
  {
    slug: 'how-we-share-lived-experience',
    kind: 'policy',
    status: 'published',
    publishedDate: day('2021-08-02'),
    title: 'Policy: how we share people’s experiences',
    summary:
      'How we ask for consent, protect people’s identity, and let them change their mind when they share their experience with the campaign.',
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'Much of what we know comes from people who have trusted us with their experience. This policy sets out how we look after what they share.',
      ),
      h2('Consent'),
      p(
        'We only share an account when the person has agreed to how it will be used, in writing or in a recorded conversation. We tell them where it will appear and for how long.',
      ),
      h2('Anonymity'),
      p(
        'We never publish a name unless the person asks us to. We change or remove details such as places, dates and the names of services when they could identify someone, and we may combine several accounts into one.',
      ),
      h2('Changing your mind'),
      p(
        'Anyone can ask us to change or remove their account at any time, without giving a reason. We will do so within seven days and tell them when it is done.',
      ),
      h2('Content warnings'),
      p(
        'We add content warnings, following our safer-spaces policy, and we do not publish graphic descriptions of harm.',
      ),
      h2('Paying people for their time'),
      p(
        'When we ask someone to speak at an event or to help write campaign material, we offer to pay them for their time and cover their travel costs.',
      ),
    ),
  },
  {
    slug: 'campaigners-welcome-end-of-schemes-at-two-trusts',
    kind: 'press_release',
    status: 'published',
    publishedDate: day('2023-02-14'),
    title: 'Press release: campaigners welcome the end of police-embedded schemes at two trusts',
    summary:
      'Two NHS trusts have confirmed that their schemes placing police officers in mental-health care have ended. We welcome the decision and ask for reviews of everyone affected.',
    trusts: ['R9C', 'R9G'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        '**For immediate release.** The #StopSIM campaign today welcomed confirmation that Kestrel Downs Health and Care NHS Foundation Trust and Brackenford Healthcare NHS Foundation Trust have ended schemes that placed police officers in the care of people who often sought help in a crisis.',
      ),
      p(
        'A campaign spokesperson said: “This is the result of people with lived experience speaking out, often at great personal cost. We thank both trusts for listening. Now everyone who was placed on these schemes deserves an independent review of their care.”',
      ),
      p(
        'Both trusts appear in the campaign’s evidence register, which records what is known about each trust’s use of such schemes, with links to the sources.',
      ),
      h3('Notes to editors'),
      p(
        '#StopSIM is a grassroots campaign led by people with lived experience of mental-health services, working with clinicians, researchers and carers.',
      ),
      p(
        'Spokespeople with lived experience are available for interview. We ask journalists to follow our policy on sharing people’s experiences and the media guidelines on reporting mental health and suicide.',
      ),
    ),
  },
  {
    slug: 'response-to-millbrook-valley-crisis-pathway-consultation',
    kind: 'response',
    status: 'draft',
    byContributor: true,
    title: 'Our response to Millbrook Valley’s crisis pathway consultation',
    summary:
      'Draft for the editors: our reply to the trust’s consultation on its crisis pathway partnership.',
    recipients: ['The consultation team, Millbrook Valley Mental Health NHS Trust'],
    trusts: ['R9L'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'Thank you for the chance to respond. We have read the consultation papers with people who use your services.',
      ),
      p(
        'We are concerned that the proposed partnership would bring police officers into meetings about individual patients’ crisis plans. We ask the trust to remove that part of the proposal and to explain how patients will be told about any information shared with the police.',
      ),
      p('[Editors: add the points from the members’ meeting before this goes out.]'),
    ),
  },
]

// ---------------------------------------------------------------------------------------------
// Campaign updates

type UpdateSpec = Pick<Update, 'title' | 'category' | 'summary'> & {
  slug: string
  status: Status
  date: string
  /** Slugs of related statements. */
  statements?: string[]
  /** ODS codes of the trusts mentioned. */
  trusts?: string[]
  /** Key of a demo image. */
  heroImage?: string
  warnings: Warnings
  body: RichText
}

const UPDATES: UpdateSpec[] = [
  {
    slug: 'the-campaign-launches',
    heroImage: 'banner',
    category: 'milestone',
    status: 'published',
    date: day('2021-04-20'),
    title: 'The campaign launches',
    summary:
      'People with lived experience, clinicians and carers have come together to ask for police to be taken out of mental-health crisis care.',
    statements: ['crisis-care-is-health-care'],
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'Today we are launching #StopSIM. We are people who use mental-health services, their families and friends, and the people who work alongside them.',
      ),
      p(
        'Our first statement sets out what we are asking for and why. Over the coming weeks we will be writing to NHS trusts to find out which of them use these schemes.',
      ),
      p(
        'If you would like to help, or to tell us what has happened to you, please get in touch. You can stay anonymous.',
      ),
    ),
  },
  {
    slug: 'sign-the-open-letter',
    category: 'call_to_action',
    status: 'published',
    date: day('2021-05-17'),
    title: 'Sign the open letter',
    summary:
      'Our open letter to the Secretary of State, NHS England and trust boards is now open for signatures. Add your name, or sign anonymously.',
    statements: ['open-letter-end-police-involvement-in-crisis-care'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'The open letter asks for an end to schemes that place police officers in mental-health care, and for a review of care for everyone affected.',
      ),
      p(
        'You can sign with your name, with your name and role, or anonymously with just your role. We will never publish your email address.',
      ),
      p(
        'Please share the letter with anyone who might want to sign, especially people who work in mental-health services.',
      ),
    ),
  },
  {
    slug: 'online-gathering-talking-about-crisis-care-safely',
    heroImage: 'vigil',
    category: 'event',
    status: 'published',
    date: day('2021-09-23'),
    title: 'Online gathering: talking about crisis care safely',
    summary:
      'An evening online for supporters to meet, hear about the campaign and share ideas. Captions, breaks and a quiet room provided.',
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'Join us online on Thursday 23 September 2021, from 7pm to 8.30pm, for an evening of conversation about the campaign and what comes next.',
      ),
      h2('Access'),
      p(
        'Live captions will be on throughout, with a break halfway. A separate quiet room will be open, with a volunteer who can talk or just keep you company. You can keep your camera off and your name hidden.',
      ),
      p(
        'We will not be sharing detailed personal accounts at this event. Our safer-spaces policy applies.',
      ),
    ),
  },
  {
    slug: 'first-freedom-of-information-answers-arrive',
    category: 'news',
    status: 'published',
    date: day('2022-01-19'),
    title: 'First freedom of information answers arrive',
    summary:
      'Trusts have started to answer our freedom of information requests. Some confirm schemes, some deny them, and some found nothing.',
    trusts: ['R9A', 'R9B', 'R9F', 'R9H'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'In the autumn we sent freedom of information requests to mental-health trusts asking whether they used SIM or any scheme that places police officers in their teams.',
      ),
      p(
        'The first answers are in. One trust confirmed its scheme and when it started. Another described a similar arrangement under a different name. Two told us they had never used such a scheme.',
      ),
      p(
        'We are adding every answer to the evidence register, with a link to the response, so that anyone can check what we have found.',
      ),
    ),
  },
  {
    slug: 'we-have-responded-to-the-national-review',
    category: 'news',
    status: 'published',
    date: day('2022-03-08'),
    title: 'We have responded to the national review',
    summary:
      'Our submission to the national review of high-intensity user schemes is now published.',
    statements: ['our-response-to-the-national-review'],
    trusts: ['R9A', 'R9C', 'R9G'],
    warnings: {
      categories: ['police', 'restraint'],
      level: 'mention',
      note: 'Mentions police restraint. The full response has a section behind its own warning.',
    },
    body: richText(
      p(
        'Thank you to everyone who shared their experience with us for our response. We have tried to carry your words faithfully.',
      ),
      p(
        'Our response includes one account, which is a composite, of police restraint in a hospital. It sits behind its own content warning so that you can skip it.',
      ),
    ),
  },
  {
    slug: 'the-evidence-register-goes-live',
    category: 'milestone',
    status: 'published',
    date: day('2022-11-05'),
    title: 'The evidence register goes live',
    summary:
      'Our register of NHS trusts and what we know about their use of SIM or similar schemes is now public, with its sources.',
    trusts: ['R9A', 'R9C', 'R9E', 'R9J', 'R9M'],
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'The evidence register lists mental-health trusts and health boards, what we know about their use of SIM or similar schemes, and where that information came from.',
      ),
      p(
        'Each entry shows a status, from “confirmed” to “no evidence found”, and how that status has changed over time. Where a trust has told us it never used such a scheme, we say so.',
      ),
      p(
        'If you think an entry is wrong or out of date, please tell us and send the source if you can.',
      ),
    ),
  },
  {
    slug: 'two-trusts-end-their-schemes',
    category: 'milestone',
    status: 'published',
    date: day('2023-02-14'),
    title: 'Two trusts end their police-embedded schemes',
    summary:
      'Kestrel Downs and Brackenford have both confirmed that their schemes have ended. Thank you to everyone who spoke out.',
    statements: ['campaigners-welcome-end-of-schemes-at-two-trusts'],
    trusts: ['R9C', 'R9G'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'Both trusts have confirmed in writing that their schemes have closed. Brackenford has also promised a review of care for everyone who was part of its scheme.',
      ),
      p(
        'This happened because people with lived experience spoke up, often more than once and at real cost. Thank you.',
      ),
      p(
        'We have updated both trusts in the evidence register and will keep asking what happens to the promised reviews.',
      ),
    ),
  },
  {
    slug: 'workshop-for-clinicians-and-peer-workers',
    category: 'event',
    status: 'published',
    date: day('2023-10-12'),
    title: 'Workshop for clinicians and peer workers',
    summary:
      'A half-day workshop in Greyfell on crisis care without police involvement, for people who work in mental-health services.',
    trusts: ['R9J'],
    warnings: {
      categories: ['coercion', 'withholding_care'],
      level: 'mention',
      note: 'The workshop will discuss coercive care plans in general terms.',
    },
    body: richText(
      p(
        'On Thursday 12 October 2023 we are holding a half-day workshop in Greyfell for nurses, doctors, psychologists, social workers and peer workers.',
      ),
      p(
        'We will share what people have told us about crisis care plans, and work together on ways of supporting people who often seek help that do not rely on police involvement.',
      ),
      h2('Access'),
      p(
        'The venue has step-free access, an accessible toilet and a quiet room. British Sign Language interpretation is available if you ask by the end of September. Lunch is provided; tell us about any dietary needs when you book.',
      ),
    ),
  },
  {
    slug: 'ask-your-trust-what-it-uses-now',
    category: 'call_to_action',
    status: 'published',
    date: day('2024-05-20'),
    title: 'Ask your trust what it uses now',
    summary:
      'Some schemes have ended; others have been renamed. Here is how to ask your local trust what it does today.',
    statements: ['open-letter-end-police-involvement-in-crisis-care', 'crisis-care-is-health-care'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'Since the campaign began, several trusts have ended their schemes. We have also heard of new arrangements under different names. We would like your help to find out what is happening now.',
      ),
      h2('How to ask'),
      p(
        'Write to your trust’s freedom of information team. Ask whether any police officer works with its mental-health teams, attends meetings about individual patients, or helps write care plans, and since when.',
      ),
      p(
        'When you get an answer, send it to us and we will add it to the evidence register. We will not publish your name.',
      ),
    ),
  },
  {
    slug: 'autumn-review-of-the-evidence-register',
    category: 'news',
    status: 'draft',
    date: day('2024-09-30'),
    title: 'Autumn review of the evidence register',
    summary: 'Draft: what changed in the evidence register this autumn.',
    trusts: ['R9D', 'R9N'],
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        'This autumn we reviewed every entry in the evidence register. Two trusts are now under review after supporters sent us new information.',
      ),
      p('[To finish: add the numbers once the last replies are in.]'),
    ),
  },
]

// ---------------------------------------------------------------------------------------------
// Pages

type PageSpec = Pick<Page, 'title'> & {
  slug: string
  status: Status
  warnings: Warnings
  body: RichText
}

const PAGES: PageSpec[] = [
  {
    slug: 'about',
    status: 'published',
    title: 'About #StopSIM',
    warnings: {
      categories: ['police'],
      level: 'mention',
    },
    body: richText(
      p(
        '#StopSIM is a grassroots campaign against police involvement in mental-health crisis care. It is led by people with lived experience of mental-health services, working with clinicians, researchers, carers and friends.',
      ),
      h2('What we campaign about'),
      p(
        'Some NHS mental-health services placed police officers in the care of people who often sought help in a crisis, under a model known as Serenity Integrated Mentoring (SIM) and under other names. We believe crisis care should be health care, designed with the people who use it.',
      ),
      h2('What we do'),
      p(
        'We publish statements and an open letter, keep an evidence register of what each trust has done, support people who want to share their experience, and work with clinicians who want to change how crisis care is delivered.',
      ),
      h2('This site as an archive'),
      p(
        'We want what the campaign found to stay available after the campaign ends, so this site is built to be kept as a permanent archive.',
      ),
      h2('About this demonstration'),
      p(
        'This copy of the site holds demonstration content. The trusts, places, police forces, codes and evidence in the register are made up, and the statements are examples written for the demonstration.',
      ),
    ),
  },
  {
    slug: 'safer-spaces',
    status: 'published',
    title: 'Our safer-spaces policy',
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'Many people who read this site have lived through the things we write about. This policy explains how we try to make our spaces, online and in person, as safe as we can.',
      ),
      h2('Content warnings'),
      p(
        'We put a warning before content that covers any of these topics: police; restraint; detention or sectioning; self-harm; suicide; coercion or threats; withholding of care; discrimination or racism; death; and abuse.',
      ),
      p(
        'Each warning says how much detail to expect: mentioned in passing, discussed, or described in detail. Where only one part of a page needs a warning, that part can be folded away on its own. You can also choose to hide content on particular topics altogether.',
      ),
      p(
        'An editor checks the warnings on every piece of content before it is published. If you think we have missed one, please tell us and we will fix it.',
      ),
      h2('How we write'),
      p(
        'We do not publish graphic descriptions of harm, methods of self-harm or suicide, or images of restraint. We use the words people choose to describe themselves.',
      ),
      h2('At our events'),
      p(
        'We agree ground rules at the start of every event. You can leave, turn off your camera or take a break at any time without explaining. A volunteer is always available to talk to privately.',
      ),
      h2('Moderation'),
      p(
        'We moderate signatures, artwork and comments before they appear. We remove anything that is abusive, discriminatory or that could identify someone without their consent.',
      ),
      h2('Raising a concern'),
      p(
        'If something on this site or at one of our events has upset you, or you think we have got something wrong, please contact us. You do not have to give your name.',
      ),
    ),
  },
  {
    slug: 'contact',
    status: 'published',
    title: 'Contact us',
    warnings: NO_WARNINGS,
    body: richText(
      p(
        'You can email the campaign at hello@demo.stopsim.invalid. We are volunteers, so it may take us a few days to reply.',
      ),
      h2('Sharing your experience'),
      p(
        'If you would like to tell us what happened to you, you can stay anonymous. Please read our policy on how we share people’s experiences first, and tell us how you would like us to use what you send.',
      ),
      h2('Press enquiries'),
      p(
        'Journalists can reach us at the same address. Please put “Press” in the subject line and tell us your deadline.',
      ),
      h2('If you need help now'),
      p(
        'We are not a crisis service and cannot respond in an emergency. In England you can call NHS 111 and choose the mental-health option. Samaritans answer the phone at any time on 116 123. If your life or someone else’s is at immediate risk, call 999 or go to an emergency department.',
      ),
    ),
  },
]

// ---------------------------------------------------------------------------------------------
// Seeding

export type ContentCounts = { statements: number; updates: number; pages: number; trusts: number }

export type ContentSeedResult = {
  /** Documents this run added. */
  created: ContentCounts
  /** Documents of each kind in the database afterwards, drafts included. */
  total: ContentCounts
}

type SeededCollection = keyof ContentCounts
type DocId = Statement['id']

type CreateOptions<S extends SeededCollection> = Parameters<Payload['create']>[0] & {
  collection: S
}

type Authors = {
  editorId: User['id']
  contributorId: User['id']
  /** Demo media by key, from seedDemoMedia. */
  media: Map<string, Media['id']>
}

/**
 * Adds the demo statements, updates, pages and trusts that are missing, keyed on slug (trusts
 * on ODS code): a document that is already there, draft or published, is left as it is.
 */
export async function seedDemoContent(
  payload: Payload,
  { editorId, contributorId, media }: Authors,
): Promise<ContentSeedResult> {
  const created: ContentCounts = { statements: 0, updates: 0, pages: 0, trusts: 0 }

  const ensure = async <S extends SeededCollection>(
    collection: S,
    key: { field: 'slug' | 'odsCode'; value: string },
    status: Status,
    data: RequiredDataFromCollectionSlug<S>,
  ): Promise<DocId> => {
    const existing = await findId(payload, collection, key.field, key.value)
    if (existing !== undefined) return existing
    const options = {
      collection,
      data: { ...data, _status: status },
      overrideAccess: true,
      depth: 0,
    }
    // A draft is saved with `draft: true`, which also skips the checks only publishing needs.
    const doc =
      status === 'draft'
        ? // Payload types draft data as a partial document, which TypeScript cannot see a
          // complete one satisfies while the collection is a type parameter.
          await payload.create({ ...options, draft: true } as CreateOptions<S>)
        : await payload.create(options)
    created[collection] += 1
    return doc.id as DocId
  }

  // Trusts first: statements and updates point at them.
  const trustIds = new Map<string, DocId>()
  for (const trust of TRUSTS) {
    const id = await ensure('trusts', { field: 'odsCode', value: trust.odsCode }, trust.status, {
      name: trust.name,
      odsCode: trust.odsCode,
      region: trust.region,
      simStatus: trust.simStatus,
      policeForce: trust.policeForce,
      schemeNames: trust.schemeNames?.map((name) => ({ name })),
      startedOn: trust.startedOn,
      endedOn: trust.endedOn,
      latitude: trust.latitude,
      longitude: trust.longitude,
      statusHistory: trust.history,
      evidence: trust.evidence,
      contentWarnings: warningsFor(trust.warnings, trust.status),
      createdBy: editorId,
    })
    trustIds.set(trust.odsCode, id)
  }
  const trustsFor = (codes: string[] = []) => codes.map((code) => lookUp(trustIds, code, 'trust'))
  const mediaFor = (keys: string[] = []) => keys.map((key) => lookUp(media, key, 'media file'))

  const statementIds = new Map<string, DocId>()
  for (const statement of STATEMENTS) {
    const id = await ensure(
      'statements',
      { field: 'slug', value: statement.slug },
      statement.status,
      {
        title: statement.title,
        slug: statement.slug,
        kind: statement.kind,
        summary: statement.summary,
        body: statement.body,
        recipients: statement.recipients?.map((name) => ({ name })),
        relatedTrusts: trustsFor(statement.trusts),
        contentWarnings: warningsFor(statement.warnings, statement.status),
        signing: statement.signing,
        attachments: mediaFor(statement.attachments),
        publishedDate: statement.publishedDate,
        createdBy: statement.byContributor ? contributorId : editorId,
      },
    )
    statementIds.set(statement.slug, id)
  }

  for (const update of UPDATES) {
    await ensure('updates', { field: 'slug', value: update.slug }, update.status, {
      title: update.title,
      slug: update.slug,
      date: update.date,
      category: update.category,
      summary: update.summary,
      body: update.body,
      relatedStatements: (update.statements ?? []).map((slug) =>
        lookUp(statementIds, slug, 'statement'),
      ),
      relatedTrusts: trustsFor(update.trusts),
      heroImage: update.heroImage ? lookUp(media, update.heroImage, 'media file') : undefined,
      contentWarnings: warningsFor(update.warnings, update.status),
      createdBy: editorId,
    })
  }

  for (const page of PAGES) {
    await ensure('pages', { field: 'slug', value: page.slug }, page.status, {
      title: page.title,
      slug: page.slug,
      body: page.body,
      contentWarnings: warningsFor(page.warnings, page.status),
      createdBy: editorId,
    })
  }

  const count = async (collection: SeededCollection) =>
    (await payload.count({ collection, overrideAccess: true })).totalDocs
  const total: ContentCounts = {
    statements: await count('statements'),
    updates: await count('updates'),
    pages: await count('pages'),
    trusts: await count('trusts'),
  }
  return { created, total }
}

async function findId(
  payload: Payload,
  collection: SeededCollection,
  field: 'slug' | 'odsCode',
  value: string,
): Promise<DocId | undefined> {
  const { docs } = await payload.find({
    collection,
    where: { [field]: { equals: value } },
    limit: 1,
    depth: 0,
    draft: true,
    overrideAccess: true,
    pagination: false,
  })
  return docs[0]?.id as DocId | undefined
}

function lookUp<Id>(ids: Map<string, Id>, key: string, what: string): Id {
  const id = ids.get(key)
  if (id === undefined) throw new Error(`Demo content refers to an unknown ${what}: ${key}`)
  return id
}
