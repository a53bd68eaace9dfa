/**
 * Where each vendored demo file comes from: the repository, path and commit, as
 * `layers/demo/data/SOURCES.md` records it (with how it was obtained and its licence). A layer
 * of the demo catalogue carries its file's line as its `source`.
 */
export const DEMO_FILE_SOURCES: Readonly<Record<string, string>> = {
  'kyiv/kyiv_city_boundary_osm.geojson': 'imvlg/kyiv-tiles:kyiv.geojson @ f6a5857d71 (2026-07-30)',
  'kyiv/kyiv_districts_osm.geojson': 'darmat1/ukraine-geo-data:geodata/kyyiv.geojson @ 1eca9d6972 (2026-01-17)',
  'kyiv/kyiv_polling_stations_2019.geojson': 'derived from Vitaliy-Yarovuy/elections-kyiv-2019:data/results_2019_kyiv.csv @ 3753d4b97b',
  'kyiv/kyiv_polling_stations_2019.csv': 'Vitaliy-Yarovuy/elections-kyiv-2019:data/results_2019_kyiv.csv @ 3753d4b97b (2019-04-18)',
  'kyiv/kyiv_land_parcels_state_communal.geojson.gz': 'derived from HubashovD/kyiv_kadastr_web:vector_tiles/parcels/14/*/*.pbf + vector_tiles/parcels/metadata.json @ ba7d2e87fa (2021-12-22)',
  'kyiv/kyiv_alcohol_licenses_2017.geojson': 'texty/alcomap:data/kyiv.geojson @ 05691ad310 (2017-01-25)',
  'kyiv/kyiv_abandoned_buildings_osm_2016.geojson': 'texty/buildings-kyiv:buildings.geojson @ ca48caa350 (OSM snapshot 2016-09-05 via overpass-turbo)',
  'kyiv/kyiv_metro_stations.geojson': 'derived from Vitaliy-Yarovuy/elections-kyiv-2019:data/metro_red.csv, data/metro_blue.csv, data/metro_green.csv @ 3753d4b97b',
  'kharkiv/kharkiv_districts_osm.geojson': 'darmat1/ukraine-geo-data:geodata/kharkivska_oblast.kharkivskyy_rayon.kharkivska_miska_hromada.geojson @ 1eca9d6972',
  'kharkiv/kharkiv_saltivka_buildings_osm.geojson': 'texty/project_saltivka_prod:data/buildings_2.geojson @ f0003efd31 (2023-02-09)',
  'kharkiv/kharkiv_saltivka_damaged_buildings_2022.geojson': 'texty/project_saltivka_prod:data/damaged_building_2.geojson @ f0003efd31',
  'kharkiv/kharkiv_alcohol_licenses_2017.geojson': 'texty/alcomap:data/kharkiv.geojson @ 05691ad310',
  'zhytomyr/zhytomyr_raion_hromadas_osm.geojson': 'darmat1/ukraine-geo-data:geodata/zhytomyrska_oblast.zhytomyrskyy_rayon.geojson @ 1eca9d6972',
  'zhytomyr/zhytomyr_hromada_districts_osm.geojson': 'darmat1/ukraine-geo-data:geodata/zhytomyrska_oblast.zhytomyrskyy_rayon.zhytomyrska_miska_hromada.geojson @ 1eca9d6972',
  'zhytomyr/zhytomyr_transit_routes_2018.geojson': 'texty/zhytomyr:data/route_lines.geojson @ 83c6dedae7',
  'zhytomyr/zhytomyr_transit_stops_2018.geojson': 'derived from texty/zhytomyr:data/segments_geo.csv + data/stops.csv @ 83c6dedae7',
  'zhytomyr/zhytomyr_transit_stop_segments_2018.geojson': 'derived from texty/zhytomyr:data/segments_geo.csv + data/stops.csv @ 83c6dedae7',
  'marhanets/marhanets_participatory_budget_projects.geojson': 'derived from dmitry-udod/dnipro-map:database/seeds/Marganets/MarganetsCivilBudget.php @ 4846773628 (2019-07-23)',
  'marhanets/marhanets_city_objects.geojson': 'derived from dmitry-udod/dnipro-map:database/seeds/Marganets/*.php (CivilBudget, TempConstructions, Clinics, Kindergardens, AfterSchool) @ 4846773628',
}
