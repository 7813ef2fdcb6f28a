/**
 * Imported first by scripts/serve.ts, so this runs before Next loads. tsx, which runs serve.ts,
 * turns source maps on for the whole process; Node then reads, parses and keeps the source map
 * of every module that names one, Next's multi-megabyte runtime maps included: idle after start
 * that was ~320 MB RSS instead of ~210 MB, and a slower start. `next start` leaves them off in
 * production, and so does `npm start` (stack traces name the built files, as under `next start`).
 */
process.setSourceMapsEnabled(false);
