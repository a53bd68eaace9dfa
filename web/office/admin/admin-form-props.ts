/** Props of an admin record form. */
export interface AdminFormProps<T> {
  /** The record to edit; undefined creates one. */
  record: T | undefined
  /** The city new records belong to. */
  city: string
  done(message: string): void
  cancel(): void
}
