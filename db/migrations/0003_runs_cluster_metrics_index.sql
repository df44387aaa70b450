DROP INDEX `runs_cluster_at_idx`;--> statement-breakpoint
CREATE INDEX `runs_cluster_at_metrics_idx` ON `cluster_runs` (`cluster_id`,`at`,`rtt_p95`,`ep_not_ready`);