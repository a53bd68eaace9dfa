/** The GeoReport v2 specification these endpoints follow. */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'

// When the endpoints last changed; clients compare it to see whether to look again.
const CHANGESET = '2026-11-23T00:00:00+02:00'

/**
 * The discovery document: where the endpoints are, in which formats, and how to get a key.
 * The endpoint's `type` is `test` in demo mode (its data and keys are public), else `production`.
 */
export function discoveryDocument(baseUrl: string, demoMode: boolean) {
  return {
    changeset: CHANGESET,
    contact: `The operators of this Hromada Map: ${baseUrl}`,
    key_service: `Reading needs no key. To post requests, ask the operators of ${baseUrl} for an API key.`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: demoMode ? 'test' : 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  }
}
