/** Widgets every section shares: the page header with the language switch, text and city fields, input errors. */
export { FieldCity } from './FieldCity.tsx'
export { FieldLanguage } from './FieldLanguage.tsx'
export { FieldText } from './FieldText.tsx'
export { errorAttributes, InputError } from './InputError.tsx'
export { PageHeader } from './PageHeader.tsx'
