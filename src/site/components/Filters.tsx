/** One labelled choice in a list page's filter form; the empty choice means "all". */
export function FilterSelect({
  name,
  label,
  allLabel,
  options,
  value,
}: {
  name: string
  label: string
  allLabel: string
  options: readonly { value: string; label: string }[]
  value: string | undefined
}) {
  return (
    <div>
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ''}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
