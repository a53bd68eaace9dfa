/** Test entry of the upload module: hand-made zips. Imported by test files only. */
export { buildZip, deflatedZeros, type ZipEntrySpec } from './zip-test-helpers.ts'
