/** The GeoReport v2 specification these endpoints follow. */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'

// When the endpoints last changed; clients compare it to see whether to look again.
const CHANGESET = '2026-11-23T00:00:00+02:00'

/** The discovery document: where the endpoints are, in which formats, and how to get a key. */
export function discoveryDocument(baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: `The operators of this Hromada Map: ${baseUrl}`,
    key_service: `Reading needs no key. To post requests, ask the operators of ${baseUrl} for an API key.`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  }
}
