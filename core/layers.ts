/** The check layers in report order; the one list the schema, the CLI's help and the renderers share. */
export const LAYERS = ['component', 'node', 'business', 'config', 'mesh', 'version'] as const;
