import { describe, expect, it } from 'vitest';
import type { SweepReport } from '../../core/sweep/report.ts';
import { createApp } from '../../server/app.ts';
import { createSweeper, type SweepRequest } from '../../server/sweeper.ts';
import { fakeStore } from './api-fake-store.ts';

function controlledRun() {
  const started: SweepRequest[] = [];
  const finishers: (() => void)[] = [];
  const run = (req: SweepRequest) =>
    new Promise<SweepReport>((resolve, reject) => {
      started.push(req);
      req.signal.addEventListener('abort', () => reject(req.signal.reason));
      finishers.push(() =>
        resolve({
          sweep: {
            id: req.id,
            startedAt: req.startedAt.toISOString(),
            finishedAt: req.startedAt.toISOString(),
            status: 'pass',
          },
          clusters: [],
          meshPairs: [],
        }),
      );
    });
  return { run, started, finishers };
}

describe('single-flight sweeps', () => {
  it('POST /sweeps starts one sweep and hands the running one to a second request', async () => {
    const ctl = controlledRun();
    const sweeper = createSweeper({ run: ctl.run });
    const app = createApp({ store: fakeStore().store, sweeper });
    const first = await app.request('/api/v1/sweeps', { method: 'POST' });
    expect(first.status).toBe(202);
    const a = (await first.json()) as { id: string; running: boolean };
    expect(a.running).toBe(false);
    expect(a.id).toMatch(/^sw_\d{8}T\d{6}Z_[0-9a-f]{4}$/);
    expect(first.headers.get('location')).toBe(`/api/v1/sweeps/${a.id}`);

    const second = await app.request('/api/v1/sweeps', { method: 'POST' });
    expect(second.status).toBe(202);
    expect(await second.json()).toMatchObject({ id: a.id, running: true });
    expect(ctl.started).toHaveLength(1);

    const during = await app.request(`/api/v1/sweeps/${a.id}`);
    expect(during.status).toBe(202);
    expect(await during.json()).toMatchObject({ id: a.id, running: true });

    ctl.finishers[0]?.();
    await sweeper.idle();
    expect(sweeper.current()).toBeUndefined();
    const third = (await (await app.request('/api/v1/sweeps', { method: 'POST' })).json()) as {
      id: string;
      running: boolean;
    };
    expect(third.running).toBe(false);
    expect(ctl.started).toHaveLength(2);
    ctl.finishers[1]?.();
    await sweeper.idle();
  });

  it('stop() aborts the running sweep and reports the failure', async () => {
    const ctl = controlledRun();
    const done: { id: string; error?: unknown }[] = [];
    const sweeper = createSweeper({ run: ctl.run, onDone: (r) => done.push(r) });
    const { id } = sweeper.trigger('schedule');
    await sweeper.stop();
    expect(ctl.started[0]?.signal.aborted).toBe(true);
    expect(done).toEqual([expect.objectContaining({ id, error: expect.anything() })]);
    expect(sweeper.current()).toBeUndefined();
  });

  it('answers 409 when the service has no fleet to sweep', async () => {
    const app = createApp({ store: fakeStore().store });
    const res = await app.request('/api/v1/sweeps', { method: 'POST' });
    expect(res.status).toBe(409);
  });
});
