import type { ClusterStats } from '../types.ts';

/** Request / exec / job counters of one simulated cluster. */
export class Stats {
  requests = 0;
  requestsByResource: Record<string, number> = {};
  execSessions = 0;
  connections = 0;
  resumedConnections = 0;
  execByCommand: Record<string, number> = {};
  jobsCreated = 0;
  jobsDeleted = 0;

  request(verb: string, resource: string): void {
    this.requests++;
    const key = `${verb} ${resource}`;
    this.requestsByResource[key] = (this.requestsByResource[key] ?? 0) + 1;
  }

  /** A client connection was accepted (TLS: after its handshake; `resumed`: a resumed TLS session). */
  connection(resumed: boolean): void {
    this.connections++;
    if (resumed) this.resumedConnections++;
  }

  exec(argv: string[]): void {
    this.execSessions++;
    const key = argv.slice(0, 2).join(' ');
    this.execByCommand[key] = (this.execByCommand[key] ?? 0) + 1;
  }

  reset(): void {
    this.requests = 0;
    this.requestsByResource = {};
    this.execSessions = 0;
    this.connections = 0;
    this.resumedConnections = 0;
    this.execByCommand = {};
    this.jobsCreated = 0;
    this.jobsDeleted = 0;
  }

  snapshot(liveJobs: number, livePods: number): ClusterStats {
    return {
      requests: this.requests,
      requestsByResource: { ...this.requestsByResource },
      execSessions: this.execSessions,
      connections: this.connections,
      resumedConnections: this.resumedConnections,
      execByCommand: { ...this.execByCommand },
      jobsCreated: this.jobsCreated,
      jobsDeleted: this.jobsDeleted,
      liveJobs,
      livePods,
    };
  }
}
