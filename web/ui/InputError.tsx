/**
 * The message under an input that says what is wrong with it, or nothing when `message` is
 * undefined. The input points at it with `aria-describedby={id}` and `aria-invalid`.
 */
export function InputError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null
  return (
    <p id={id} className="input-error">
      {message}
    </p>
  )
}

/** The `aria-*` attributes of an input with an optional error (see {@link InputError}). */
export function errorAttributes(id: string, message: string | undefined, hintId?: string) {
  const describedBy = [hintId, message === undefined ? undefined : id].filter(Boolean).join(' ')
  return { 'aria-invalid': message !== undefined, 'aria-describedby': describedBy === '' ? undefined : describedBy }
}
