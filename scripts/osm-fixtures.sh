#!/usr/bin/env bash
# Remakes the OpenStreetMap test extracts in layers/osm/fixtures/ from kyiv-centre.osm, the
# hand-made source, with osmium-tool only (Debian's `osmium-tool`). The .osm.pbf files are
# kept in the repository, so the tests need no osmium; run this after editing the source.
#
#   scripts/osm-fixtures.sh
set -euo pipefail

cd "$(dirname "$0")/../layers/osm/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The extract: objects sorted (nodes, ways, relations, each by id), as a downloaded one comes.
osmium sort kyiv-centre.osm -o kyiv-centre.osm.pbf --overwrite

# Cut off in the middle of a block: the first half of the extract's bytes.
size="$(stat -c %s kyiv-centre.osm.pbf)"
head -c "$((size / 2))" kyiv-centre.osm.pbf > truncated.osm.pbf

# A valid file with its header (bounding box, generator) and no objects.
osmium tags-filter kyiv-centre.osm.pbf n/no-such-key -R -o empty.osm.pbf --overwrite

# Buildings and places only: what is left of the city without its streets. Ways and relations
# keep the nodes and members they use (osmium adds referenced objects unless -R is given).
osmium tags-filter kyiv-centre.osm wr/building n/place -o no-streets.osm.pbf --overwrite

# The same content moved to the centre of Lviv, 460 km west of Kyiv's boundary.
node -e '
  const text = require("node:fs").readFileSync(process.argv[1], "utf8")
  const shift = (name, by) => (_, value) => `${name}="${(Number(value) + by).toFixed(7)}"`
  process.stdout.write(text
    .replace(/\b(lon|minlon|maxlon)="([-\d.]+)"/g, (m, name, value) => shift(name, 24.03 - 30.5225)(m, value))
    .replace(/\b(lat|minlat|maxlat)="([-\d.]+)"/g, (m, name, value) => shift(name, 49.84 - 50.446)(m, value)))
' kyiv-centre.osm > "$work/lviv-centre.osm"
osmium sort "$work/lviv-centre.osm" -o lviv-centre.osm.pbf --overwrite

# Not OpenStreetMap at all: a GeoJSON file under an extract's name.
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"вулиця Хрещатик"},"geometry":{"type":"Point","coordinates":[30.5234,50.4501]}}]}' > not-osm.osm.pbf

for f in kyiv-centre empty no-streets lviv-centre; do
  printf '%-12s' "$f"
  for count in nodes ways relations; do printf ' %s %s' "$(osmium fileinfo -e -g "data.count.$count" "$f.osm.pbf")" "$count"; done
  echo
done
