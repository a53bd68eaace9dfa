import { z } from 'zod'

// zod compiles object validators with `new Function` when it may, and probes for that when the
// first object schema is built. Under the server's Content-Security-Policy (no 'unsafe-eval') the
// probe is reported as a violation, so the app opts out. This module is imported before any
// schema module for that reason.
z.config({ jitless: true })
