/** How a feature's attributes read to people: values formatted by their type; what a report about it calls it, and the point it is filed at. */
export { featurePoint } from './feature-point.ts'
export { formatAttributeValue } from './format-attribute.ts'
export { objectLabel } from './object-label.ts'
