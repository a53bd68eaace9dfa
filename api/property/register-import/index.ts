/**
 * The importer of the communal property register as cities publish it (CMU No 835 sets: CSV or
 * XLSX, one line per object, no geometry): lines placed by cadastral number or address, what
 * cannot be placed written without a place and reported, a private person's name never stored.
 */
export { importPropertyRegister, type PropertyImportInput, type PropertyImportReport, type UnplacedReason } from './import-register.ts'
export { PropertyImportError } from './import-error.ts'
export { isOrganisationName } from './organisation-name.ts'
export { COLUMN_ALIASES, type RegisterField } from './register-columns.ts'
export { MAX_REGISTER_BYTES, MAX_REGISTER_LINES } from './register-table.ts'
