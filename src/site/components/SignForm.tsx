'use client'

import { useActionState, useEffect, useRef, useState } from 'react'

import { CONSENT_NOTICE, DISPLAY_CHOICES, LIMITS } from '../../collections/Signatories/options'
import { signLetter } from '../signing'
import type { SignState } from '../signState'
import { FieldProblem, TextField } from './TextField'

const FIELD_ORDER = ['name', 'role', 'organisation', 'email', 'display', 'consent']
const FIELD_LABELS: Record<string, string> = {
  name: 'Your name',
  role: 'Your role or profession',
  organisation: 'Your organisation',
  email: 'Your email address',
  display: 'How to show your signature',
  consent: 'Consent',
  onBehalfOfOrganisation: 'Signing for your organisation',
}

/**
 * The signing form. It is an ordinary HTML form posting to a server action: without script it
 * posts and reloads (and is redirected to a thank-you page once signed); with script the same
 * action runs in place and the answer appears where the form was.
 */
export function SignForm({ letter }: { letter: string }) {
  const [state, action, pending] = useActionState<SignState, FormData>(signLetter, {
    status: 'ready',
  })
  const [enhanced, setEnhanced] = useState(false)
  const summary = useRef<HTMLDivElement>(null)
  const thanks = useRef<HTMLDivElement>(null)
  useEffect(() => setEnhanced(true), [])
  useEffect(() => {
    if (state.status === 'received') thanks.current?.focus()
    else if (state.status !== 'ready') summary.current?.focus()
  }, [state])

  if (state.status === 'received') {
    return (
      <div className="notice" role="status" tabIndex={-1} ref={thanks} id="signed">
        <h2>Thank you for signing</h2>
        <p>{state.message}</p>
      </div>
    )
  }
  const errors = state.fieldErrors ?? {}
  const values = state.values
  const describedBy = (name: string) => (errors[name] ? `${name}-error` : undefined)
  const fieldClass = (name: string, extra = '') =>
    `field${extra ? ` ${extra}` : ''}${errors[name] ? ' invalid' : ''}`
  const listed = Object.keys(errors).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))

  return (
    <form className="sign-form" action={action} noValidate aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign the letter</h2>
      {state.status === 'invalid' || state.status === 'refused' ? (
        <div className="problem" role="alert" tabIndex={-1} ref={summary} id="sign-problem">
          <h3>{state.message}</h3>
          {listed.length ? (
            <ul>
              {listed.map((name) => (
                <li key={name}>
                  <a href={`#sign-${name}`}>
                    {FIELD_LABELS[name] ?? name}: {errors[name]}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="letter" value={letter} />
      {enhanced ? <input type="hidden" name="enhanced" value="1" /> : null}
      <TextField
        name="name"
        label="Your name"
        autoComplete="name"
        required
        maxLength={LIMITS.name}
        error={errors.name}
        defaultValue={values?.name}
      />
      <TextField
        name="role"
        label="Your role or profession (optional)"
        autoComplete="organization-title"
        maxLength={LIMITS.role}
        error={errors.role}
        defaultValue={values?.role}
      />
      <TextField
        name="organisation"
        label="Your organisation (optional)"
        autoComplete="organization"
        maxLength={LIMITS.organisation}
        error={errors.organisation}
        defaultValue={values?.organisation}
      />
      <div className={fieldClass('onBehalfOfOrganisation', 'check')}>
        <input
          id="sign-onBehalfOfOrganisation"
          name="onBehalfOfOrganisation"
          type="checkbox"
          value="yes"
          defaultChecked={values?.onBehalfOfOrganisation}
        />
        <label htmlFor="sign-onBehalfOfOrganisation">
          I am signing on behalf of my organisation
        </label>
      </div>
      <TextField
        name="email"
        type="email"
        label="Your email address"
        hint="Never published. We use it only to confirm your signature."
        autoComplete="email"
        required
        maxLength={LIMITS.email}
        error={errors.email}
        defaultValue={values?.email}
      />
      <fieldset
        className={fieldClass('display')}
        id="sign-display"
        aria-describedby={describedBy('display')}
      >
        <legend>How to show your signature</legend>
        <FieldProblem name="display" message={errors.display} />
        {DISPLAY_CHOICES.map((choice) => (
          <div className="field check" key={choice.value}>
            <input
              id={`sign-display-${choice.value}`}
              type="radio"
              name="display"
              value={choice.value}
              defaultChecked={(values?.display ?? 'full') === choice.value}
            />
            <label htmlFor={`sign-display-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
      <div className={fieldClass('consent', 'check')}>
        <input
          id="sign-consent"
          name="consent"
          type="checkbox"
          value="yes"
          required
          defaultChecked={values?.consent}
          aria-invalid={errors.consent ? true : undefined}
          aria-describedby={describedBy('consent')}
        />
        <div>
          <label htmlFor="sign-consent">{CONSENT_NOTICE}</label>
          <FieldProblem name="consent" message={errors.consent} />
        </div>
      </div>
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="sign-website">Leave this empty</label>
        <input id="sign-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? 'Sending your signature…' : 'Sign the letter'}
      </button>
    </form>
  )
}
