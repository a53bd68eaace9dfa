/** The test entry of Open311: helpers for test files of other modules. */
export { createRequest, postRequest } from './open311-test-helpers.ts'
