/** Secrets, set per stage with `npx sst secret set <Name> <value> --stage <stage>`; read via `Resource.<Name>.value`. */

/** Bearer token of the API; no placeholder, so `sst deploy` refuses to run until it is set. */
export const apiToken = new sst.Secret('ApiToken');
/** libSQL URL of the history store, e.g. `libsql://fleetcheck-prod-<org>.turso.io`. */
export const databaseUrl = new sst.Secret('DatabaseUrl');
/** libSQL auth token; `none` when the server needs none (e.g. sqld on a private network). */
export const databaseAuthToken = new sst.Secret('DatabaseAuthToken', 'none');
/** Slack-compatible incoming webhook for new regressions and alarms; `none` turns notifications off. */
export const webhookUrl = new sst.Secret('WebhookUrl', 'none');

export const databaseSecrets = [databaseUrl, databaseAuthToken];
