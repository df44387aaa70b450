/** A controller that follows `caller`'s abort (with its reason) until `unlink()`. */
export interface LinkedController {
  controller: AbortController;
  unlink(): void;
}

/**
 * A controller linked to the caller's signal by one listener, removed by `unlink()`: AbortSignal.any would leave
 * a dependent on a long-lived signal (the cluster's) for every call until it is collected.
 */
export function linkedController(caller?: AbortSignal): LinkedController {
  const controller = new AbortController();
  const onCaller = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCaller();
  else caller?.addEventListener('abort', onCaller, { once: true });
  return { controller, unlink: () => caller?.removeEventListener('abort', onCaller) };
}
