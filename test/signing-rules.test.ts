import { ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { importSignatories } from '../src/collections/Signatories/import/importSignatories'
import {
  checkSignature,
  EMAIL_PROBLEM,
  mayBeSamePerson,
  nameBlockKey,
} from '../src/collections/Signatories/rules'
import { nameKey } from '../src/collections/Signatories/normalise'
import { testDialects } from './helpers/databases'
import { type LocalPayload, startLocalPayload } from './helpers/localPayload'
import { DOUBTFUL_EMAILS } from './helpers/signatures'

const person = (name: string, role: string | null = null, organisation: string | null = null) => ({
  nameKey: nameKey(name),
  role,
  organisation,
})
const pair = (a: ReturnType<typeof person>, b: ReturnType<typeof person>) =>
  mayBeSamePerson(a, { id: 1, ...b })

describe('the shared signing rules', () => {
  it('refuses the three doubtful addresses with the same field and words', () => {
    for (const email of DOUBTFUL_EMAILS) {
      const checked = checkSignature({ name: 'Kim Lee', email }, { requireEmail: true })
      expect(checked, email).toEqual({ errors: [{ field: 'email', message: EMAIL_PROBLEM }] })
    }
    expect(
      checkSignature(
        { name: 'Kim Lee', email: ' Kim.Lee+letter@Example.org ' },
        { requireEmail: true },
      ),
    ).toMatchObject({ signature: { email: 'kim.lee+letter@example.org' } })
  })

  it('pairs near-duplicates, backed by role or organisation, and never different people', () => {
    expect(nameBlockKey(nameKey('Dr. Louisa Harvey'))).toBe('harvey l')
    // A letter apart, same role.
    expect(pair(person('Louisa Harvey', 'Nurse'), person('Louise Harvey', 'Nurse'))).toBe(true)
    // With and without a title: the same name.
    expect(pair(person('Dr Amir Khan', 'GP'), person('Amir Khan', 'Psychiatrist'))).toBe(true)
    // The same name, the role reworded.
    expect(
      pair(
        person('Ruth Okafor', 'Mental health nurse'),
        person('Ruth Okafor', 'Nurse (mental health)'),
      ),
    ).toBe(true)
    // An initial, the same organisation.
    expect(
      pair(
        person('L. Harvey', null, 'North Vale Trust'),
        person('Louisa Harvey', null, 'North Vale NHS Trust'),
      ),
    ).toBe(true)
    // Similar names with nothing else in common may well be two people.
    expect(pair(person('Louisa Harvey', 'Nurse'), person('Louise Harvey', 'Solicitor'))).toBe(false)
    // Different names are different people, whatever they share.
    expect(pair(person('Sam Harvey', 'Nurse', 'A'), person('Louisa Harvey', 'Nurse', 'A'))).toBe(
      false,
    )
    expect(pair(person('Laura Harvey', 'Nurse'), person('Louisa Harvey', 'Nurse'))).toBe(false)
    expect(pair(person('Louisa Harvey', 'Nurse'), person('Louisa Hardy', 'Nurse'))).toBe(false)
  })
})

describe.each(testDialects())('one set of signing rules on $dialect', ({ dialect, skip }) => {
  let local: LocalPayload
  let letterId: number

  beforeAll(async () => {
    if (skip) return
    local = await startLocalPayload(dialect)
    const letter = await local.payload.create({
      collection: 'statements',
      data: {
        title: 'Letter with rules',
        slug: 'rules-letter',
        kind: 'open_letter',
        _status: 'published',
        contentWarnings: { reviewed: true },
      },
    })
    letterId = letter.id
  })
  afterAll(async () => {
    await local?.stop()
  })

  it.skipIf(skip)('the admin refuses the doubtful addresses with the form’s words', async () => {
    for (const email of DOUBTFUL_EMAILS) {
      const attempt = local.payload.create({
        collection: 'signatories',
        data: { letter: letterId, name: 'Admin Added', email, display: 'full', status: 'pending' },
      })
      await expect(attempt, email).rejects.toBeInstanceOf(ValidationError)
      await expect(attempt, email).rejects.toMatchObject({
        data: { errors: [{ path: 'email', message: EMAIL_PROBLEM }] },
      })
    }
  })

  it.skipIf(skip)(
    'an import reports every bad row, imports the rest and flags near-duplicates',
    async () => {
      const csv = [
        'name,role,organisation,email,display',
        'Louisa Harvey,Community psychiatric nurse,Eastfield Trust,louisa@example.org,full',
        'Bad One,,,x@y.c,full',
        'Nadia Rahman,Social worker,,nadia@example.org,full',
        'Bad Two,,,a..b@example.org,full',
        'Louise Harvey,Community psychiatric nurse,,louise.h@example.net,name_only',
        'Bad Three,,,zoë@example.org,full',
        'Dr Nadia Rahman,Approved mental health professional,,n.rahman@example.net,full',
        'Sam Harvey,Community psychiatric nurse,Eastfield Trust,sam@example.org,full',
        ',No name,,noname@example.org,full',
      ].join('\n')
      const report = await importSignatories(local.payload, {
        letter: 'rules-letter',
        csv,
        source: 'rules.csv',
      })
      expect(report.problems).toEqual([
        `line 3: email "x@y.c": ${EMAIL_PROBLEM.replace(/\.$/, '').toLowerCase()}; not imported`,
        `line 5: email "a..b@example.org": ${EMAIL_PROBLEM.replace(/\.$/, '').toLowerCase()}; not imported`,
        `line 7: email "zoë@example.org": ${EMAIL_PROBLEM.replace(/\.$/, '').toLowerCase()}; not imported`,
        'line 10: no name; not imported',
      ])
      expect(report.summary).toBe(
        'imported 5, skipped 0 as already present, flagged 2 as possible duplicates, 4 not imported (listed above)',
      )
      const { docs } = await local.payload.find({
        collection: 'signatories',
        depth: 0,
        limit: 100,
        sort: 'createdAt',
        where: { letter: { equals: letterId } },
      })
      const byName = Object.fromEntries(docs.map((doc) => [doc.name, doc]))
      expect(Object.keys(byName).sort()).toEqual(
        ['Dr Nadia Rahman', 'Louisa Harvey', 'Louise Harvey', 'Nadia Rahman', 'Sam Harvey'].sort(),
      )
      expect(byName['Louise Harvey'].possibleDuplicateOf).toBe(byName['Louisa Harvey'].id)
      expect(byName['Dr Nadia Rahman'].possibleDuplicateOf).toBe(byName['Nadia Rahman'].id)
      expect(byName['Sam Harvey'].possibleDuplicateOf ?? null).toBeNull()
      expect(byName['Louise Harvey']).toMatchObject({
        publicName: 'Louise Harvey',
        publicRole: null,
        source: 'import',
        status: 'pending',
      })

      // The admin flags the same way, through the same rule and index.
      const added = await local.payload.create({
        collection: 'signatories',
        depth: 0,
        data: {
          letter: letterId,
          name: 'Louisa  Harvey',
          role: 'Nurse, community psychiatric',
          email: 'l.harvey@example.com',
          display: 'full',
          status: 'pending',
        },
      })
      expect(added.possibleDuplicateOf).toBe(byName['Louisa Harvey'].id)
    },
  )
})
