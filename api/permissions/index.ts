/** What each role may do: the permission table and the middleware that enforces it on a route. */
export { actsFor, allow, can, PERMISSIONS, signedIn, withPermissions, type Permission } from './permissions.ts'
