/**
 * Benchmarks of the tile server against the database limit (pgbench) and a simple peer.
 * Not written yet: this entry point exists so the command is stable; see docs/benchmarks.md.
 */
console.log('npm run bench: not yet — the tile benchmark (pgbench limit, peer server, warm/cold cache) is planned; see docs/benchmarks.md')
