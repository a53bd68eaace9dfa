/** The city's gazetteer and search index: addresses, streets, named features and parcels of its public layers. */
export { FEATURE_ADDRESS, foldAddress, HAS_ADDRESS } from './feature-address.ts'
export { type AddressMatch, ensureGazetteer, type IndexEntry, NEAREST_ADDRESS_RADIUS_M, nearestAddress, refreshGazetteer, searchAddresses, searchGazetteer } from './gazetteer.ts'
