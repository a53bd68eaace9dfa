/** The API's OpenAPI 3.1 document, built from the contract, and its reference page. */
export { edgeProblemsOf, openApiDocument } from './openapi-document.ts'
export { openApiRoutes } from './openapi.routes.ts'
export { checkedAgainstContract, contractViolation, ContractViolation, routeMatcher } from './contract-check.ts'
