import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '../../sim/index.ts';
import { shiftedClock } from './shifted-clock.ts';
import type { SimThreadCall, SimThreadData, SimThreadMessage } from './sim-thread-protocol.ts';

const data = workerData as SimThreadData;
const port = parentPort;
if (!port) throw new Error('sim-thread-main runs only as a worker thread');
const clock = shiftedClock();
clock.set(data.clockAt);
const sim = await startSimulator(data.scenario, { clock: clock.now });
clock.reset();

const reply = (m: SimThreadMessage) => port.postMessage(m);
port.on('message', async (call: SimThreadCall) => {
  try {
    if (call.op === 'setFaults') sim.setFaults(call.cluster, call.faults);
    else if (call.op === 'setClock') call.at === null ? clock.reset() : clock.set(call.at);
    else await sim.stop();
    reply({ id: call.id });
  } catch (err) {
    reply({ id: call.id, error: err instanceof Error ? err.message : String(err) });
  }
});
reply({ ready: true, clusters: sim.clusters, caPem: sim.caPem });
