/** How a feature's attributes read to people: values formatted by their type. */
export { formatAttributeValue } from './format-attribute.ts'
