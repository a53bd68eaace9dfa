/** The city's objects: the communal property register, the offers to investors and the street registers, with their live layers. */
export { ensurePropertyLayer, investmentLayerDefinition, investmentLayerId, propertyLayerDefinition, publishPropertyRows, streetStructuresLayerDefinition } from './property-layers.ts'
export { propertyRoutes } from './property.routes.ts'
export { registerRoutes } from './register.routes.ts'
export { objectFileRoutes } from './object-files.routes.ts'
export { importPropertyRegister, isOrganisationName, PropertyImportError, type PropertyImportReport } from './register-import/index.ts'
