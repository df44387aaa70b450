import type { AgentView, CommandResult, ComponentStatus } from './agent-view.ts';
import { ciliumUnhealthy } from './render-status-text.ts';
import { failingControllers } from './status-values.ts';

const bad = (s: ComponentStatus) => s.state === 'Warning' || s.state === 'Failure';

/**
 * `cilium-dbg status --brief`: `OK` or `error in <component>: <msg>` (first of kvstore, kubernetes,
 * cilium, cilium-health, then the first failing controller). Exit 1 iff cilium itself is Warning/Failure.
 */
export function renderStatusBrief(view: AgentView): CommandResult {
  let line = 'OK';
  const checks: [string, ComponentStatus][] = [
    ['kvstore', view.kvstore],
    ['kubernetes', view.kubernetes],
    ['cilium', view.cilium],
    ['cilium-health', view.health],
  ];
  const component = checks.find(([, s]) => bad(s));
  const controller = failingControllers(view)[0];
  if (component) line = `error in ${component[0]}: ${component[1].msg}`;
  else if (controller) line = `error in controller ${controller.name}: ${controller.failureMessage ?? ''}`;
  return { stdout: `${line}\n`, stderr: '', exitCode: ciliumUnhealthy(view) ? 1 : 0 };
}
