export * from './dictionary.sql.ts';
export * from './latest.sql.ts';
export * from './leases.sql.ts';
export * from './registry.sql.ts';
export * from './results.sql.ts';
export * from './rollups.sql.ts';
export * from './runs.sql.ts';
