/** A field's message, beside the field it is about. */
export function FieldProblem({ name, message }: { name: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p className="field-error" id={`${name}-error`}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  )
}

/** A labelled text input with its hint and its message, tied together for screen readers. */
export function TextField({
  name,
  label,
  hint,
  error,
  type = 'text',
  autoComplete,
  maxLength,
  required,
  defaultValue,
}: {
  name: string
  label: string
  hint?: string
  error: string | undefined
  type?: 'text' | 'email'
  autoComplete: string
  maxLength: number
  required?: boolean
  defaultValue: string | undefined
}) {
  const describedBy =
    [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={`sign-${name}`}>{label}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldProblem name={name} message={error} />
      <input
        id={`sign-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={type === 'email' ? false : undefined}
        required={required}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  )
}
