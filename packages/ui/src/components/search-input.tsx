/** A search box named by `label` (its placeholder too, unless one is given); `onChange` gets the text typed. */
export function SearchInput({
  value,
  onChange,
  label,
  placeholder = label,
  autoComplete,
}: {
  value: string;
  onChange(value: string): void;
  label: string;
  placeholder?: string;
  autoComplete?: string;
}) {
  return (
    <input
      type="search"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      aria-label={label}
      autoComplete={autoComplete}
    />
  );
}
