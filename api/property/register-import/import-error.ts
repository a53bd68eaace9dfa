/** A file or request the property register importer refuses, with a message for the person who sent it. */
export class PropertyImportError extends Error {
  override name = 'PropertyImportError'
}
