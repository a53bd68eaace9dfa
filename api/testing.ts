/** Test entry of the HTTP application: imported by test files only, never by the app. */
export { bodyBytes, bodyText, createTestLayer, decodeTile, dropTestLayers, expectProblem, inOneRateWindow, insertTestFeatures, layerVersion, makeApp, serveForTests, TEST_OPEN311_KEY, type TestApp, testAppDeps, testLayerDefinition, tileProperties, uniqueLayerId } from './test-helpers.ts'
