/**
 * What every reader of an uploaded file gives the upload pipeline: the features in the file's own
 * coordinate system, what the file says about that system, and how its text was decoded.
 */
import type { UploadFormat } from '../../api/contract/index.ts'
import type { SourceFeature } from '../import/index.ts'

export { UPLOAD_FORMATS, type UploadFormat } from '../../api/contract/index.ts'

/** How the text of a file was decoded, and why that encoding. */
export interface EncodingChoice {
  /** A WHATWG encoding label Node's TextDecoder knows: `utf-8`, `windows-1251`, `ibm866`, `koi8-u`… */
  name: string
  /** Where the choice came from: asked for, the `.cpg` file, the DBF language byte, guessed from the bytes, or the format's rule. */
  source: 'option' | 'cpg' | 'ldid' | 'detected' | 'default'
  /** False when the guess is weak: the planner should look at the preview and may pick another. */
  confident: boolean
  /** The same first text values decoded with each plausible encoding, so the planner can see which reads right. */
  candidates: Array<{ name: string; sample: string[] }>
}

/** What a file says about its coordinate system. */
export interface DeclaredCrs {
  /** The EPSG code when the file names one (GeoPackage SRS, GeoJSON `crs`, WKT `AUTHORITY`). */
  srid?: number
  /** The WKT of a `.prj` or a GeoPackage SRS, to be matched against the EPSG catalogue. */
  wkt?: string
}

/** An opened upload, ready to stream its features once or more. */
export interface UploadSource {
  format: UploadFormat
  /** Undefined when the file says nothing (a Shapefile without `.prj`, a CSV). */
  crs: DeclaredCrs | undefined
  encoding: EncodingChoice | undefined
  /** Field names in file order, when the format declares them (DBF, GeoPackage, CSV header). */
  fields: string[]
  /** Streams the features in the file's coordinates; may be called again to read them anew. */
  features(): AsyncGenerator<SourceFeature>
  /** Releases file handles. */
  close(): Promise<void>
}
