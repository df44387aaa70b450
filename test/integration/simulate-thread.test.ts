import { expect, it } from 'vitest';
import { openFleet, parseSweepFlags, settingsFrom } from '../../cli/sweep-options.ts';

/** Listening TCP servers on this thread's event loop (the simulator's fake API servers are such listeners). */
const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

it("sweep --simulate serves the fleet from a thread of its own: none of its listeners is on the sweep's event loop", async () => {
  const flags = parseSweepFlags({ simulate: 'sim/scenarios/demo.yaml' });
  const before = listeners();
  const fleet = await openFleet(flags, settingsFrom(flags));
  try {
    expect(fleet.targets.length).toBeGreaterThan(1);
    expect(fleet.simulated?.clusters).toBe(fleet.targets.length);
    expect(listeners()).toBe(before);
    const api = await fleet.targets[0]!.connect();
    try {
      expect((await api.serverVersion()).gitVersion).toMatch(/^v1\.\d+/);
    } finally {
      api.close?.();
    }
  } finally {
    await fleet.close();
  }
});

it('a scenario that is not valid is refused before any thread starts (ScenarioError)', async () => {
  const flags = parseSweepFlags({ simulate: 'package.json' });
  await expect(openFleet(flags, settingsFrom(flags))).rejects.toMatchObject({ name: 'ScenarioError' });
});
