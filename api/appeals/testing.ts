/** Test entry of appeals: imported by test files only, never by the app. */
export { appealBody, jpegWithGps, postJson, postMultipart } from './appeal-test-helpers.ts'
export { mountTestFilesystem } from './filesystem-test-helpers.ts'
